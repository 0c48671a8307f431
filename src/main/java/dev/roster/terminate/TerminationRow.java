package dev.roster.terminate;

import java.time.LocalDate;

import dev.roster.intake.InputRow;
import dev.roster.intake.LedgerRow;
import dev.roster.user.UserStore;

/**
 * A row of a termination feed, validated: whom, and when.
 *
 * @param email the address, invisible characters removed
 * @param date the termination date, or {@code null} for at once
 * @param cancel the date cell asks to cancel the user's scheduled termination
 * @param error why the row is rejected, or {@code null}
 * @param emailCleaned invisible characters were removed from the email cell to read it
 */
record TerminationRow(InputRow row, String email, LocalDate date, boolean cancel, String error,
		boolean emailCleaned) implements LedgerRow {

	@Override
	public String emailKey() {
		return UserStore.emailKey(this.email);
	}

	/** Whether the row terminates its user now, rather than scheduling or cancelling, given today's date. */
	boolean immediate(LocalDate today) {
		return valid() && !this.cancel && (this.date == null || !this.date.isAfter(today));
	}

}
