package dev.roster.job;

import java.util.List;
import java.util.Map;

/**
 * How a job launch ended, as the command line and the drop folders report it.
 *
 * @param command the job's command name ({@code import-users})
 * @param status {@code COMPLETED}, {@code FAILED}, {@code REJECTED} (input refused as a whole),
 * {@code ALREADY_COMPLETED} (this input was processed before; nothing done), {@code STOPPED} (a safety guard)
 * @param counts the job's row counters, in the job's order
 * @param report the report file the job wrote, or {@code null}
 * @param executionId the job execution, or {@code null} when none was started
 * @param exitCode the process exit code of SPEC §7: 0, 1, 2 or 3
 * @param message why it failed or was rejected, or a note; {@code null} when there is nothing to add
 * @param ignoredColumns input columns that map to no field, ignored
 */
public record JobOutcome(String command, String account, String status, Map<String, Long> counts, String report,
		Long executionId, int exitCode, String message, List<String> ignoredColumns) {

	public static final int EXIT_COMPLETED = 0;

	public static final int EXIT_FAILED = 1;

	public static final int EXIT_REJECTED = 2;

	public static final int EXIT_GUARD = 3;

}
