package dev.roster.intake;

import java.util.List;

/**
 * One line of a job's report: the input row's cells, and what the job did or would do with it.
 *
 * @param action {@code rejected}, or on a dry run the planned action ({@code create}, {@code update}...)
 * @param message why it was rejected, or what would change
 */
public record ReportRow(long row, String action, String message, List<String> cells) {

	public static final String REJECTED = "rejected";

}
