package dev.roster.job;

/** Names of the job parameters the command line and the drop folders pass to jobs. */
public final class JobParameterNames {

	/** The account slug (identifying). */
	public static final String ACCOUNT = "account";

	/** The input file path (not identifying: the same content from another path is the same run). */
	public static final String FILE = "file";

	/** SHA-256 of the input's content (identifying). */
	public static final String FILE_SHA256 = "file.sha256";

	/** The worksheet to read from a workbook input, when not its first (identifying: another sheet is other rows). */
	public static final String SHEET = "sheet";

	/** An option that changes a job's effect, such as import mode (identifying). */
	public static final String MODE = "mode";

	/** {@code true} for a dry run (identifying, together with a unique run id so a dry run never counts as done). */
	public static final String DRY_RUN = "dry-run";

	/** Unique per launch, for jobs that must run every time (dry runs, exports). */
	public static final String RUN_ID = "run.id";

	/** {@code true} to leave queued emails for a later delivery. */
	public static final String NO_DELIVER = "no-deliver";

	/** Which email to send (send-emails): {@code activation}, {@code welcome} or {@code password-reset}. */
	public static final String KIND = "kind";

	/** {@code true} to select the users never sent an email instead of reading a file (send-emails). */
	public static final String NEVER_SENT = "never-sent";

	/** Execution context key of a note for the person who ran a job that completed. */
	public static final String NOTE = "note";

	/** An output file (exports). */
	public static final String OUT = "out";

	/** A user status filter (exports). */
	public static final String STATUS = "status";

	/** {@code true} when a delegates file is the complete delegate list of each host it names (identifying). */
	public static final String REPLACE = "replace";

	/** {@code true} to let sync-roster or terminate terminate however many users the guard would stop at (identifying). */
	public static final String ALLOW_MASS_TERMINATION = "allow-mass-termination";

	/** The most users sync-roster may terminate, or {@code none} (identifying). */
	public static final String MAX_TERMINATIONS = "max-terminations";

	/**
	 * How many earlier instances of this input and options completed without making it done (identifying): a run a
	 * safety guard stopped, or any run of a {@link RepeatableJob}. The same command then runs as the next instance
	 * instead of saying "already completed".
	 */
	public static final String RERUN = "rerun";

	/** Execution context key prefix of notes for the person who ran a job (the steps' and the job's). */
	public static final String NOTE_PREFIX = "note.";

	/** Execution context key of the report a job wrote. */
	public static final String REPORT = "report";

	private JobParameterNames() {
	}

}
