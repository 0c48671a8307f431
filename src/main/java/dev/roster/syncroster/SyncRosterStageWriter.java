package dev.roster.syncroster;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.roster.database.CopyRows;
import dev.roster.intake.CleanedEmails;
import dev.roster.job.RowCounters;
import dev.roster.user.UserFields;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stages each chunk of the roster with one {@code COPY}: every row, valid or not, with the email key it names (none for
 * a row rejected for its email, which the step counts: such a row keeps the sync from terminating anyone absent).
 * <p>
 * Every execution stages the whole file again (the reader does not save its position): the staging table is unlogged,
 * so rows staged by an earlier execution may have been lost with a database crash, and the diff must never run on a
 * partial roster, where everyone missing would look absent. Opening the writer deletes what an earlier execution of
 * this instance staged; the counters start again with it.
 */
class SyncRosterStageWriter implements ItemStreamWriter<RosterRow> {

	private static final String COLUMNS = """
			job_instance_id, row_number, email, email_key, first_name, last_name, profile_type_id, group_id,
			office_id, billing_code, language, termination_date, error, maybe_repeated, cells, note""";

	/** Step context keys: how many rows were rejected for their email, and the first of them. */
	static final String EMAIL_REJECTED = "email-rejected.count";

	static final String EMAIL_REJECTED_ROWS = "email-rejected.rows";

	private static final int SHOWN = 10;

	private final long jobInstanceId;

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final RowCounters counters;

	private final SeenKeys seen = new SeenKeys();

	// every execution stages the whole file again, so these start empty too, unlike a resumable step's
	private final CleanedEmails cleaned = new CleanedEmails();

	private final List<Long> emailRejectedRows = new ArrayList<>();

	private long emailRejected;

	SyncRosterStageWriter(long jobInstanceId, JdbcTemplate jdbc, RowCounters counters) {
		this.jobInstanceId = jobInstanceId;
		this.jdbc = jdbc;
		this.dataSource = jdbc.getDataSource();
		this.counters = counters;
	}

	@Override
	public void open(ExecutionContext context) {
		// a restart stages from the first row again, with a fresh writer: the keys seen start empty too
		this.jdbc.update("delete from sync_roster_row where job_instance_id = ?", this.jobInstanceId);
	}

	@Override
	public void write(Chunk<? extends RosterRow> chunk) {
		this.counters.add(SyncRosterJob.READ, chunk.size());
		// nothing here needs to outlive a database crash (the rows are unlogged, a restart stages them again), so
		// the chunk's commit need not wait for the WAL to reach the disk
		this.jdbc.execute("set local synchronous_commit = off");
		try (CopyRows rows = CopyRows.into(this.dataSource, "sync_roster_row", COLUMNS)) {
			for (RosterRow row : chunk) {
				rows.add(this.jobInstanceId).add(row.row().number()).add(row.email()).add(row.emailKey());
				UserFields fields = (row.error() == null) ? row.fields() : null;
				if (fields != null) {
					rows.add(fields.firstName())
						.add(fields.lastName())
						.add(fields.profileTypeId())
						.add(fields.groupId())
						.add(fields.officeId())
						.add(fields.billingCode())
						.add(fields.language());
				}
				else {
					rows.add((String) null).add((String) null).add((Long) null).add((Long) null).add((Long) null)
						.add((String) null).add((String) null);
				}
				rows.add((row.terminationDate() != null) ? row.terminationDate().toString() : null).add(row.error());
				rows.add(row.error() == null && this.seen.add(row.emailKey()));
				rows.add((row.error() != null) ? arrayLiteral(row.row().cells()) : null);
				rows.add(row.emailCleaned() ? CleanedEmails.ROW_NOTE : null).endRow();
				if (row.error() != null) {
					this.counters.increment(SyncRosterJob.REJECTED);
				}
				if (row.emailRejected()) {
					this.emailRejected++;
					if (this.emailRejectedRows.size() < SHOWN) {
						this.emailRejectedRows.add(row.row().number());
					}
				}
				if (row.emailCleaned()) {
					this.cleaned.add(row.row().number());
				}
			}
			rows.finish();
		}
	}

	/** A PostgreSQL array literal of texts: each element quoted, its quotes and backslashes escaped. */
	static String arrayLiteral(List<String> values) {
		StringBuilder literal = new StringBuilder("{");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				literal.append(',');
			}
			literal.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		}
		return literal.append('}').toString();
	}

	@Override
	public void update(ExecutionContext context) {
		this.counters.update(context);
		this.cleaned.update(context);
		context.putLong(EMAIL_REJECTED, this.emailRejected);
		context.putString(EMAIL_REJECTED_ROWS,
				String.join(",", this.emailRejectedRows.stream().map(String::valueOf).toList()));
	}

}
