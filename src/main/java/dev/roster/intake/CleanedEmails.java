package dev.roster.intake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.roster.job.JobParameterNames;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * The rows whose email was read only after removing invisible characters ({@link UserRowRules#withoutInvisible}),
 * for the job's summary: how many, and the first rows by number. A writer adds the rows of each chunk; the list is
 * saved in the step's context with each chunk, so a resumed step continues it, and it becomes a note of the job's
 * summary: {@code invisible characters were removed from the email of 2 rows before reading it (rows 3 and 7)}.
 */
public final class CleanedEmails implements ItemStream {

	/** The plan's note for such a row. */
	public static final String ROW_NOTE = "invisible characters removed from the email";

	static final String NOTE = JobParameterNames.NOTE_PREFIX + "cleaned-emails";

	private static final String COUNT = "cleaned-emails.count";

	private static final String ROWS = "cleaned-emails.rows";

	private static final int SHOWN = 10;

	private final List<Long> rows = new ArrayList<>();

	private long count;

	public void add(long row) {
		this.count++;
		if (this.rows.size() < SHOWN) {
			this.rows.add(row);
		}
	}

	@Override
	public void open(ExecutionContext context) {
		this.count = context.getLong(COUNT, 0L);
		this.rows.clear();
		String rows = context.getString(ROWS, "");
		if (!rows.isEmpty()) {
			Arrays.stream(rows.split(",")).map(Long::valueOf).forEach(this.rows::add);
		}
	}

	@Override
	public void update(ExecutionContext context) {
		if (this.count == 0) {
			return;
		}
		context.putLong(COUNT, this.count);
		context.putString(ROWS, String.join(",", this.rows.stream().map(String::valueOf).toList()));
		context.putString(NOTE, note());
	}

	String note() {
		List<String> shown = this.rows.stream().map(String::valueOf).toList();
		String list = (shown.size() == 1) ? shown.get(0)
				: String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.get(shown.size() - 1);
		if (this.count == 1) {
			return "invisible characters were removed from the email of row " + list + " before reading it";
		}
		return "invisible characters were removed from the email of " + this.count + " rows before reading it ("
				+ ((this.count > shown.size()) ? "the first: rows " : "rows ") + list + ")";
	}

}
