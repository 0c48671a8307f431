package dev.roster.job;

/**
 * Declares, as a bean of the job's own configuration, a job whose input is a desired state rather than a list of
 * changes (sync-roster: the roster is the account as it must be). Every launch of such a job runs, even with the
 * content and options of a completed run: {@link JobRunner} starts it as the next instance of that input instead of
 * answering {@code ALREADY_COMPLETED}. A failed or killed run is still resumed by the same command, as for any job.
 *
 * @param jobName the job's bean name ({@code syncRosterJob})
 */
public record RepeatableJob(String jobName) {
}
