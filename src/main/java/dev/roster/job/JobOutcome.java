package dev.roster.job;

import java.util.List;
import java.util.Map;

/**
 * How a job launch ended, as the command line and the drop folders report it. It says what this launch did: a launch
 * that found its input already processed did nothing, so its counts are all 0 and it names the earlier execution.
 *
 * @param command the job's command name ({@code import-users})
 * @param status {@code COMPLETED}, {@code FAILED}, {@code REJECTED} (input refused as a whole),
 * {@code ALREADY_COMPLETED} (this input was processed before; nothing done), {@code STOPPED} (a safety guard stopped
 * it before it changed anything)
 * @param counts the job's row counters, in the job's order; all 0 for {@code ALREADY_COMPLETED}
 * @param report the report file the job wrote, or {@code null}; for {@code ALREADY_COMPLETED}, the earlier run's
 * @param executionId the job execution of this launch, or {@code null} when none was started
 * ({@code ALREADY_COMPLETED}, an input refused before it started, an instance busy in another process)
 * @param previousExecutionId for {@code ALREADY_COMPLETED}, the execution that processed this input; otherwise
 * {@code null}
 * @param exitCode the process exit code of SPEC §7: 0, 1, 2 or 3
 * @param message why it failed, was rejected or stopped, or notes on what it did; {@code null} when there is
 * nothing to add
 * @param ignoredColumns input columns that map to no field, ignored
 */
public record JobOutcome(String command, String account, String status, Map<String, Long> counts, String report,
		Long executionId, Long previousExecutionId, int exitCode, String message, List<String> ignoredColumns) {

	public static final int EXIT_COMPLETED = 0;

	public static final int EXIT_FAILED = 1;

	public static final int EXIT_REJECTED = 2;

	public static final int EXIT_GUARD = 3;

	/** An outcome that names no earlier execution. */
	public JobOutcome(String command, String account, String status, Map<String, Long> counts, String report,
			Long executionId, int exitCode, String message, List<String> ignoredColumns) {
		this(command, account, status, counts, report, executionId, null, exitCode, message, ignoredColumns);
	}

}
