package dev.roster.job;

import java.util.List;
import java.util.Map;

/**
 * How a job launch ended, as the command line and the drop folders report it. It says what this launch did: a launch
 * that found its input already processed did nothing, so its counts are all 0 and it names the earlier execution.
 *
 * @param command the job's command name ({@code import-users})
 * @param status how it ended; its {@link JobStatus#label() label} is what the summary prints and its
 * {@link JobStatus#exitCode() exit code} the process's
 * @param counts the job's row counters, in the job's order; all 0 for {@code ALREADY_COMPLETED}
 * @param report the report file the job wrote, or {@code null}; for {@code ALREADY_COMPLETED}, the earlier run's
 * @param executionId the job execution of this launch, or {@code null} when none was started
 * ({@code ALREADY_COMPLETED}, an input refused before it started, {@code BUSY})
 * @param previousExecutionId for {@code ALREADY_COMPLETED}, the execution that processed this input; otherwise
 * {@code null}
 * @param message why it failed, was rejected or stopped, or notes on what it did; {@code null} when there is
 * nothing to add
 * @param ignoredColumns input columns that map to no field, ignored
 */
public record JobOutcome(String command, String account, JobStatus status, Map<String, Long> counts, String report,
		Long executionId, Long previousExecutionId, String message, List<String> ignoredColumns) {

	public static final int EXIT_COMPLETED = 0;

	public static final int EXIT_FAILED = 1;

	public static final int EXIT_REJECTED = 2;

	public static final int EXIT_GUARD = 3;

	/** An outcome that names no earlier execution. */
	public JobOutcome(String command, String account, JobStatus status, Map<String, Long> counts, String report,
			Long executionId, String message, List<String> ignoredColumns) {
		this(command, account, status, counts, report, executionId, null, message, ignoredColumns);
	}

	/** The process exit code of SPEC §7: 0, 1, 2 or 3. */
	public int exitCode() {
		return this.status.exitCode();
	}

}
