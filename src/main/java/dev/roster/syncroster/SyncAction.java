package dev.roster.syncroster;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.roster.intake.PlanAction;

/**
 * What the diff decides for a row of the roster or a user no row names, as {@code sync_change.action} stores it (the
 * diff's SQL writes these values; a row that changes nothing is left out).
 */
enum SyncAction {

	CREATE(PlanAction.CREATE),

	UPDATE(PlanAction.UPDATE),

	REACTIVATE(PlanAction.REACTIVATE),

	/** A row whose termination date has passed. */
	TERMINATE(PlanAction.TERMINATE),

	/** An active or invited user no row names. */
	ABSENT(PlanAction.TERMINATE),

	/** An absent user kept because a row rejected for its email leaves the file unable to show who is absent. */
	KEPT(PlanAction.NONE),

	/** An email already in an earlier valid row. */
	DUPLICATE(PlanAction.REJECTED),

	/** A user of another account. */
	FOREIGN(PlanAction.REJECTED);

	private final PlanAction planned;

	SyncAction(PlanAction planned) {
		this.planned = planned;
	}

	/** The stored value: the name in lower case. */
	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The line a plan shows for it. */
	PlanAction planned() {
		return this.planned;
	}

	/** Whether the action is a rejection the diff found. */
	boolean rejects() {
		return this.planned == PlanAction.REJECTED;
	}

	static SyncAction of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	/** The stored values of {@code actions}, for an SQL {@code in} list. */
	static List<String> valuesOf(SyncAction... actions) {
		return Arrays.stream(actions).map(SyncAction::value).toList();
	}

}
