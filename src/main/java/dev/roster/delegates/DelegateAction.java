package dev.roster.delegates;

import java.util.Locale;

import dev.roster.intake.PlanAction;

/** What became of a row of a delegates file, as {@code delegate_row.action} stores it. */
enum DelegateAction {

	/** A delegation the account did not have. */
	ADD(PlanAction.ADD),

	/** A delegation the account has already. */
	NONE(PlanAction.NONE),

	/** A host with no delegate: the row changes nothing itself, {@code --replace} removes the host's delegates. */
	CLEAR(PlanAction.NONE),

	REJECTED(PlanAction.REJECTED);

	private final PlanAction planned;

	DelegateAction(PlanAction planned) {
		this.planned = planned;
	}

	/** The stored value: the name in lower case. */
	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The action a plan shows for the row. */
	PlanAction planned() {
		return this.planned;
	}

	static DelegateAction of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
