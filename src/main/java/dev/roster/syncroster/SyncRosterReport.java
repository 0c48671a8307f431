package dev.roster.syncroster;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.roster.files.ReportCsv;
import dev.roster.intake.DateCells;
import dev.roster.intake.HeaderAliases;
import dev.roster.intake.PlanAction;
import dev.roster.intake.UserRowRules;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Writes a sync's report from the staged rows and {@code sync_change}: the rejects (the input's columns plus
 * {@code Row} and {@code Error}, to be fixed and dropped again) or, on a dry run or when the guard stopped the sync,
 * the plan — every row with its action and notes, then one line per user no row names: {@code terminate}, or
 * {@code none} when the file cannot show who is absent.
 * <p>
 * A rejected row shows its cells as read; the other rows are shown from what was staged (the values as Roster read
 * them, the account's defaults filled in), so columns Roster does not read are blank there.
 */
final class SyncRosterReport {

	private static final String ROWS = """
			select s.row_number, s.error, s.cells, s.note, c.action, c.message, s.email, s.first_name, s.last_name,
				p.name as profile_type, g.name as group_name, o.name as office, s.billing_code, s.language,
				s.termination_date
			from sync_roster_row s
			left join sync_change c on c.row_number = s.row_number
			left join account_profile_type p on p.id = s.profile_type_id
			left join account_group g on g.id = s.group_id
			left join account_office o on o.id = s.office_id
			where s.job_instance_id = :instance %s
			order by s.row_number""";

	private static final String ABSENT = """
			select c.action, c.message, u.email, u.first_name, u.last_name, p.name as profile_type, g.name as group_name,
				o.name as office, u.billing_code, u.language, u.termination_due_on as termination_date
			from sync_change c
			join app_user u on u.id = c.user_id
			join account_profile_type p on p.id = u.profile_type_id
			left join account_group g on g.id = u.group_id
			left join account_office o on o.id = u.office_id
			where c.action in (:absent)
			order by u.email_key""";

	/** The actions of users no row names. */
	private static final List<String> ABSENT_ACTIONS = SyncAction.valuesOf(SyncAction.ABSENT, SyncAction.KEPT);

	/** The rejections only the diff finds. */
	private static final List<String> REJECTS = Arrays.stream(SyncAction.values())
		.filter(SyncAction::rejects)
		.map(SyncAction::value)
		.toList();

	/** Where each field the report fills in is in the input's header. */
	private final Map<String, Integer> columns = new HashMap<>();

	private final List<String> header;

	private final NamedParameterJdbcTemplate jdbc;

	private final SyncRosterDiff diff;

	private final LocalDate today;

	SyncRosterReport(DataSource dataSource, SyncRosterDiff diff, List<String> header, HeaderAliases aliases,
			LocalDate today) {
		JdbcTemplate streaming = new JdbcTemplate(dataSource);
		// a plan has a line per row of the roster: stream it from a cursor instead of holding it in memory
		streaming.setFetchSize(1000);
		this.jdbc = new NamedParameterJdbcTemplate(streaming);
		this.diff = diff;
		this.header = header;
		this.today = today;
		for (int i = 0; i < header.size(); i++) {
			int index = i;
			aliases.fieldOf(header.get(i)).ifPresent((field) -> this.columns.putIfAbsent(field, index));
		}
	}

	/** The rejected rows, as the report of a sync that ran. */
	Path rejects(Path target) {
		try (ReportCsv report = ReportCsv.rows(target, this.header, false)) {
			// a filter on the staged row alone, so the joins run for the rejected rows only
			this.jdbc.query(String.format(ROWS, """
					and (s.error is not null or s.row_number in (
						select row_number from sync_change where action in (:rejects)))"""),
					this.diff.parameters(null).addValue("rejects", REJECTS), (ResultSet rs) -> {
						report.line(cells(rs), rs.getLong("row_number"), null, message(rs));
					});
			return report.finish();
		}
	}

	/** Every row with its action, then the users no row names: what the sync does, or would do. */
	Path plan(Path target) {
		try (ReportCsv report = ReportCsv.rows(target, this.header, true)) {
			this.jdbc.query(String.format(ROWS, ""), this.diff.parameters(null), (ResultSet rs) -> {
				report.line(cells(rs), rs.getLong("row_number"), action(rs), message(rs));
			});
			this.jdbc.query(ABSENT, this.diff.parameters(null).addValue("absent", ABSENT_ACTIONS), (ResultSet rs) -> {
				report.line(fields(rs), null, SyncAction.of(rs.getString("action")).planned().value(),
						rs.getString("message"));
			});
			return report.finish();
		}
	}

	private static String action(ResultSet rs) throws SQLException {
		if (rs.getString("error") != null) {
			return PlanAction.REJECTED.value();
		}
		String action = rs.getString("action");
		return ((action != null) ? SyncAction.of(action).planned() : PlanAction.NONE).value();
	}

	private String message(ResultSet rs) throws SQLException {
		String error = rs.getString("error");
		if (error != null) {
			return error;
		}
		String message;
		if (rs.getString("action") == null) {
			java.sql.Date date = rs.getDate("termination_date");
			message = (date != null && !date.toLocalDate().isAfter(this.today))
					? "termination date " + date + " has passed; nothing to do" : null;
		}
		else {
			message = rs.getString("message");
		}
		String note = rs.getString("note");
		return (note == null) ? message : (message == null) ? note : message + "; " + note;
	}

	private List<String> cells(ResultSet rs) throws SQLException {
		Array stored = rs.getArray("cells");
		return (stored != null) ? Arrays.asList((String[]) stored.getArray()) : fields(rs);
	}

	/** The staged (or stored) values under the columns they came from. */
	private List<String> fields(ResultSet rs) throws SQLException {
		String[] cells = new String[this.header.size()];
		put(cells, UserRowRules.EMAIL, rs.getString("email"));
		put(cells, UserRowRules.FIRST_NAME, rs.getString("first_name"));
		put(cells, UserRowRules.LAST_NAME, rs.getString("last_name"));
		put(cells, UserRowRules.PROFILE_TYPE, rs.getString("profile_type"));
		put(cells, UserRowRules.GROUP, rs.getString("group_name"));
		put(cells, UserRowRules.OFFICE, rs.getString("office"));
		put(cells, UserRowRules.BILLING_CODE, rs.getString("billing_code"));
		put(cells, UserRowRules.LANGUAGE, rs.getString("language"));
		put(cells, DateCells.TERMINATION_DATE, rs.getString("termination_date"));
		return Arrays.asList(cells);
	}

	private void put(String[] cells, String field, String value) {
		Integer index = this.columns.get(field);
		if (index != null) {
			cells[index] = value;
		}
	}

}
