package dev.roster.intake;

import java.util.List;

/**
 * One line of a job's report: the input row's cells, and what the job did or would do with it.
 *
 * @param action {@link PlanAction#REJECTED}, or on a dry run the planned action ({@code create}, {@code update}...)
 * @param message why it was rejected, or what would change
 */
public record ReportRow(long row, PlanAction action, String message, List<String> cells) {

	/** A rejected row, and why. */
	public static ReportRow rejected(long row, String problem, List<String> cells) {
		return new ReportRow(row, PlanAction.REJECTED, problem, cells);
	}

}
