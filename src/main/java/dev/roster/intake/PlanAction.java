package dev.roster.intake;

/**
 * What a job did or would do with a line of its report: the {@code Action} column of a plan, and {@code rejected} on
 * both a plan and a rejects report. The value is the word the report shows and {@code job_row_report.action} stores.
 */
public enum PlanAction {

	CREATE("create"), UPDATE("update"), REACTIVATE("reactivate"), TERMINATE("terminate"), SCHEDULE("schedule"),
	CANCEL("cancel"), ADD("add"), REMOVE("remove"), QUEUE("queue"), ALREADY_QUEUED("already queued"), NONE("none"),
	REJECTED("rejected");

	private final String value;

	PlanAction(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

}
