package dev.roster.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.roster.job.RowCounters;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * What every writer of a file that names users row by row keeps, so that the writer keeps only its decision for each
 * row: the {@code read} and {@code rejected} counts and the count of each decision, the rule that a file names a user
 * once (a later row with the same email is rejected, pointing at the first — across chunks and restarts, through
 * {@link RowReports}), the rows whose email had invisible characters, and the report: a line per rejected row, and on
 * a dry run a plan line per row.
 * <p>
 * A writer opens each chunk with {@link #chunk}, then for each row either {@link Entries#reject}s it or records its
 * {@link Entries#decide decision}, applies what it decided, and ends with {@link Entries#record}, all in the chunk's
 * transaction.
 */
public final class RowLedger implements ItemStream {

	public static final String READ = "read";

	public static final String REJECTED = "rejected";

	private final RowReports reports;

	private final RowCounters counters;

	private final long jobInstanceId;

	private final boolean dryRun;

	private final boolean countsRead;

	private final CleanedEmails cleaned = new CleanedEmails();

	public RowLedger(RowReports reports, RowCounters counters, long jobInstanceId, boolean dryRun) {
		this(reports, counters, jobInstanceId, dryRun, true);
	}

	/** @param countsRead {@code false} for rows the job selects itself rather than reads from a file */
	public RowLedger(RowReports reports, RowCounters counters, long jobInstanceId, boolean dryRun,
			boolean countsRead) {
		this.reports = reports;
		this.counters = counters;
		this.jobInstanceId = jobInstanceId;
		this.dryRun = dryRun;
		this.countsRead = countsRead;
	}

	/**
	 * A ledger for a writer that keeps its own record of each row (delegates, in their table): it counts rows read
	 * and rejected and each decision, and notes cleaned emails; it writes no report lines.
	 */
	public static RowLedger withoutReport(RowCounters counters, boolean dryRun) {
		return new RowLedger(null, counters, 0, dryRun, true);
	}

	public boolean dryRun() {
		return this.dryRun;
	}

	/** Counts a row rejected by a writer that keeps its own record of it. */
	public void rejected() {
		this.counters.increment(REJECTED);
	}

	/** The job's counts, for what a writer learns only when it applies (a user another process changed meanwhile). */
	public RowCounters counters() {
		return this.counters;
	}

	/** Counts a chunk's rows as read, notes their cleaned emails and marks their emails seen in the job's file. */
	public <R extends LedgerRow> Entries<R> chunk(Chunk<? extends R> rows) {
		Entries<R> entries = open(rows);
		entries.firstRows.markSeen(this.reports, this.jobInstanceId);
		return entries;
	}

	/**
	 * {@link #chunk} for a writer that knows better which emails an earlier chunk had: it says so with
	 * {@link Entries#seenBefore}.
	 */
	public <R extends LedgerRow> Entries<R> open(Chunk<? extends R> rows) {
		read(rows);
		return new Entries<>(FirstRows.<R>of(rows, (row) -> row.valid() ? row.emailKey() : null,
				(row) -> row.row().number()));
	}

	/**
	 * Counts the rows as read and notes their cleaned emails, for a writer that keeps its own record of the rows
	 * and counts its decisions with {@link #counters}.
	 */
	public void read(Chunk<? extends LedgerRow> rows) {
		if (this.countsRead) {
			this.counters.add(READ, rows.size());
		}
		for (LedgerRow row : rows) {
			if (row.emailCleaned()) {
				this.cleaned.add(row.row().number());
			}
		}
	}

	@Override
	public void open(ExecutionContext context) {
		this.counters.open(context);
		this.cleaned.open(context);
	}

	@Override
	public void update(ExecutionContext context) {
		this.counters.update(context);
		this.cleaned.update(context);
	}

	/** One chunk's rows as the ledger keeps them. */
	public final class Entries<R extends LedgerRow> {

		private final FirstRows firstRows;

		private final List<ReportRow> report = new ArrayList<>();

		private Entries(FirstRows firstRows) {
			this.firstRows = firstRows;
		}

		/** The distinct email keys the chunk's valid rows name: the users to look up. */
		public Set<String> keys() {
			return this.firstRows.keys();
		}

		/** Email key to the first row of this chunk naming it. */
		public Map<String, Long> inChunk() {
			return this.firstRows.inChunk();
		}

		/** What earlier chunks named: email key to the row that named it first. */
		public void seenBefore(Map<String, Long> before) {
			this.firstRows.seenBefore(before);
		}

		/** Why the row is rejected before anyone looks at its user (its own error, a repeated email), or none. */
		public String problem(R row) {
			if (!row.valid()) {
				return row.error();
			}
			return this.firstRows.repeated(row.email(), row.emailKey(), row.row().number());
		}

		public void reject(R row, String problem) {
			RowLedger.this.counters.increment(REJECTED);
			this.report.add(ReportRow.rejected(row.row().number(), problem, row.row().cells()));
		}

		/**
		 * Counts the row under {@code counter} and, on a dry run, writes it in the plan with {@code planned} and
		 * {@code note} (plus a word about its cleaned email).
		 */
		public void decide(R row, String counter, PlanAction planned, String note) {
			RowLedger.this.counters.increment(counter);
			if (RowLedger.this.dryRun) {
				if (row.emailCleaned()) {
					note = (note != null) ? note + "; " + CleanedEmails.ROW_NOTE : CleanedEmails.ROW_NOTE;
				}
				this.report.add(new ReportRow(row.row().number(), planned, note, row.row().cells()));
			}
		}

		/** Records the chunk's report lines, in the chunk's transaction. */
		public void record() {
			RowLedger.this.reports.record(RowLedger.this.jobInstanceId, this.report);
		}

	}

}
