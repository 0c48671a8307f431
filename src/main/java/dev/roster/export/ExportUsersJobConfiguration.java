package dev.roster.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.roster.account.AccountStore;
import dev.roster.job.JobParameterNames;
import dev.roster.job.JobProgress;
import dev.roster.job.RowCounters;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * export-users: one step that streams the account's users into the file in one transaction, so the file is a
 * consistent snapshot even while other jobs change users. CSV comes straight from PostgreSQL's {@code COPY}; XLSX is
 * written from a server-side cursor, continuing on further sheets beyond Excel's row limit. Memory holds one fetch of
 * rows at most, whatever the user count.
 */
@Configuration(proxyBeanMethods = false)
class ExportUsersJobConfiguration {

	static final String EXPORTED = "exported";

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

	@Bean
	Job exportUsersJob(JobRepository jobRepository, Step exportUsersStep) {
		return new JobBuilder("exportUsersJob", jobRepository).start(exportUsersStep).build();
	}

	@Bean
	Step exportUsersStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcTemplate jdbc, AccountStore accounts, JobProgress progress) {
		return new StepBuilder("exportUsersStep", jobRepository).tasklet((contribution, chunkContext) -> {
			StepExecution step = contribution.getStepExecution();
			var parameters = step.getJobParameters();
			Path out = Path.of(parameters.getString(JobParameterNames.OUT)).toAbsolutePath();
			String status = parameters.getString(JobParameterNames.STATUS, "all").toUpperCase(Locale.ROOT);
			String slug = parameters.getString(JobParameterNames.ACCOUNT);
			long accountId = accounts.get(slug).id();
			// COPY takes no bind parameters: the id is a number and the status one of a closed set of words
			if (!STATUSES.contains(status)) {
				throw new IllegalArgumentException("unknown status '" + status + "'");
			}
			RowCounters counters = new RowCounters(progress, EXPORTED);
			// Walking the email index to get the order reads the table's pages in random order, a third slower for a
			// large account than scanning and sorting; a small account is still found through its index by a bitmap
			// scan. Only this transaction plans without plain index scans.
			jdbc.execute("set local enable_indexscan = off");
			if (out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
				counters.add(EXPORTED, CsvExport.copy(jdbc, String.format(CSV_COPY, accountId, status), out));
			}
			else {
				try (UserSheet sheet = UserSheet.open(out)) {
					jdbc.query((connection) -> {
						var statement = connection.prepareStatement(String.format(XLSX_QUERY, accountId, status));
						statement.setFetchSize(FETCH_SIZE);
						return statement;
					}, (ResultSet rs) -> {
						write(sheet, rs);
						counters.increment(EXPORTED);
					});
					sheet.finish();
					if (sheet.sheets() > 1) {
						step.getJobExecution()
							.getExecutionContext()
							.putString(JobParameterNames.NOTE, sheetsNote(sheet));
					}
				}
			}
			counters.update(step.getExecutionContext());
			step.getJobExecution().getExecutionContext().putString(JobParameterNames.REPORT, out.toString());
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	/** What the summary says of an export that took more than one sheet. */
	static String sheetsNote(UserSheet sheet) {
		return String.format(Locale.ROOT,
				"the users fill %d sheets, Users to Users %d: a sheet holds %,d users below its header; import-users "
						+ "reads the first sheet, --sheet \"Users 2\" the next",
				sheet.sheets(), sheet.sheets(), XlsxUserSheet.MAX_ROWS_PER_SHEET - 1);
	}

	private static void write(UserSheet sheet, ResultSet rs) throws SQLException {
		List<String> row = new ArrayList<>(UserSheet.COLUMNS.size());
		for (int column = 1; column <= UserSheet.COLUMNS.size(); column++) {
			row.add(rs.getString(column));
		}
		try {
			sheet.write(row);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}


}
