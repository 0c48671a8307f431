package dev.roster.user;

/** The job instance, and the row of its file, that last created or changed a user. */
public record JobMark(long jobInstanceId, long row) {
}
