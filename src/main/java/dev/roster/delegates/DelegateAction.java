package dev.roster.delegates;

import dev.roster.intake.PlanAction;

/** What became of a row of a delegates file, as {@code delegate_row.action} stores it. */
enum DelegateAction {

	/** A delegation the account did not have. */
	ADD("add", PlanAction.ADD),

	/** A delegation the account has already. */
	NONE("none", PlanAction.NONE),

	/** A host with no delegate: the row changes nothing itself, {@code --replace} removes the host's delegates. */
	CLEAR("clear", PlanAction.NONE),

	REJECTED("rejected", PlanAction.REJECTED);

	private final String value;

	private final PlanAction planned;

	DelegateAction(String value, PlanAction planned) {
		this.value = value;
		this.planned = planned;
	}

	String value() {
		return this.value;
	}

	/** The action a plan shows for the row. */
	PlanAction planned() {
		return this.planned;
	}

	static DelegateAction of(String value) {
		for (DelegateAction action : values()) {
			if (action.value.equals(value)) {
				return action;
			}
		}
		throw new IllegalArgumentException("unknown delegate row action '" + value + "'");
	}

}
