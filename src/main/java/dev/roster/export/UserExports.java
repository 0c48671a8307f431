package dev.roster.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The queries of export-users: an account's users with their reference data's names, in email order, as a CSV that
 * PostgreSQL writes itself or as rows for an XLSX sheet. Both run in the caller's transaction, so the export is one
 * consistent snapshot.
 */
@Repository
class UserExports {

	private static final Set<String> STATUSES = Set.of("ALL", "ACTIVE", "INVITED", "TERMINATED");

	private static final int FETCH_SIZE = 2000;

	/** The users of one account (first parameter) with one status, or all (second and third). */
	private static final String FROM = """
			from app_user u
			join account_profile_type p on p.id = u.profile_type_id
			left join account_group g on g.id = u.group_id
			left join account_office o on o.id = u.office_id
			where u.account_id = %d and ('%s' = 'ALL' or u.status = '%2$s')
			order by u.email_key""";

	private static final String XLSX_QUERY = """
			select u.email, u.first_name, u.last_name, u.status, p.name, g.name, o.name, u.host_code, u.guest_code,
				u.billing_code, u.language, iso_utc(u.activation_email_sent_at), iso_utc(u.welcome_email_sent_at),
				iso_utc(u.created_at), iso_utc(u.terminated_at)
			""" + FROM;

	/** CSV straight from PostgreSQL's COPY: the database formats, quotes and streams; Roster adds the BOM. */
	private static final String CSV_COPY = """
			copy (select csv_safe(u.email) "Email", csv_safe(u.first_name) "First Name",
				csv_safe(u.last_name) "Last Name", u.status "Status", csv_safe(p.name) "Profile Type",
				csv_safe(g.name) "Group", csv_safe(o.name) "Office", u.host_code "Host Code", u.guest_code "Guest Code",
				csv_safe(u.billing_code) "Billing Code", u.language "Language",
				iso_utc(u.activation_email_sent_at) "Activation Email Sent",
				iso_utc(u.welcome_email_sent_at) "Welcome Email Sent", iso_utc(u.created_at) "Created",
				iso_utc(u.terminated_at) "Terminated"
			""" + FROM + ") to stdout with (format csv, header)";

	private final JdbcTemplate jdbc;

	UserExports(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Walking the email index to get the order reads the table's pages in random order, a third slower for a large
	 * account than scanning and sorting; a small account is still found through its index by a bitmap scan. Only the
	 * calling transaction plans without plain index scans.
	 */
	void planForExport() {
		this.jdbc.execute("set local enable_indexscan = off");
	}

	/** Writes the users with {@code status} ({@code ALL} for every one) to {@code out}; returns how many. */
	long copyCsv(long accountId, String status, Path out) throws IOException {
		return CsvExport.copy(this.jdbc, String.format(CSV_COPY, accountId, checked(status)), out);
	}

	/** Streams the CSV of the users with {@code status} ({@code ALL} for every one) to {@code out}, a download. */
	long copyCsv(long accountId, String status, java.io.OutputStream out) throws IOException {
		return CsvExport.copy(this.jdbc, String.format(CSV_COPY, accountId, checked(status)), out, "the download");
	}

	/** Each user with {@code status} ({@code ALL} for every one), in the columns of {@link UserSheet#COLUMNS}. */
	void rows(long accountId, String status, RowCallbackHandler row) {
		String sql = String.format(XLSX_QUERY, accountId, checked(status));
		this.jdbc.query((connection) -> {
			var statement = connection.prepareStatement(sql);
			statement.setFetchSize(FETCH_SIZE);
			return statement;
		}, row);
	}

	/** COPY takes no bind parameters: the id is a number and the status one of a closed set of words. */
	private static String checked(String status) {
		if (!STATUSES.contains(status)) {
			throw new IllegalArgumentException("unknown status '" + status + "'");
		}
		return status;
	}

}
