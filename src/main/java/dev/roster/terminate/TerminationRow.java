package dev.roster.terminate;

import java.time.LocalDate;

import dev.roster.intake.InputRow;
import dev.roster.user.UserStore;

/**
 * A row of a termination feed, validated: whom, and when.
 *
 * @param date the termination date, or {@code null} for at once
 * @param cancel the date cell asks to cancel the user's scheduled termination
 * @param error why the row is rejected, or {@code null}
 */
record TerminationRow(InputRow row, String email, LocalDate date, boolean cancel, String error) {

	boolean valid() {
		return this.error == null;
	}

	String emailKey() {
		return UserStore.emailKey(this.email);
	}

}
