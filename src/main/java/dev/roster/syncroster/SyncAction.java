package dev.roster.syncroster;

import java.util.Arrays;
import java.util.List;

import dev.roster.intake.PlanAction;

/**
 * What the diff decides for a row of the roster or a user no row names, as {@code sync_change.action} stores it (the
 * diff's SQL writes these values; a row that changes nothing is left out).
 */
enum SyncAction {

	CREATE("create", PlanAction.CREATE),

	UPDATE("update", PlanAction.UPDATE),

	REACTIVATE("reactivate", PlanAction.REACTIVATE),

	/** A row whose termination date has passed. */
	TERMINATE("terminate", PlanAction.TERMINATE),

	/** An active or invited user no row names. */
	ABSENT("absent", PlanAction.TERMINATE),

	/** An absent user kept because a row rejected for its email leaves the file unable to show who is absent. */
	KEPT("kept", PlanAction.NONE),

	/** An email already in an earlier valid row. */
	DUPLICATE("duplicate", PlanAction.REJECTED),

	/** A user of another account. */
	FOREIGN("foreign", PlanAction.REJECTED);

	private final String value;

	private final PlanAction planned;

	SyncAction(String value, PlanAction planned) {
		this.value = value;
		this.planned = planned;
	}

	String value() {
		return this.value;
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
		for (SyncAction action : values()) {
			if (action.value.equals(value)) {
				return action;
			}
		}
		throw new IllegalArgumentException("unknown sync action '" + value + "'");
	}

	/** The stored values of {@code actions}, for an SQL {@code in} list. */
	static List<String> valuesOf(SyncAction... actions) {
		return Arrays.stream(actions).map(SyncAction::value).toList();
	}

}
