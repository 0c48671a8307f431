package dev.roster.syncroster;

import java.time.LocalDate;

import dev.roster.intake.InputRow;
import dev.roster.user.UserFields;

/**
 * A row of a roster, validated.
 *
 * @param email the address (invisible characters removed); for a row rejected for its email, the cell as read
 * @param emailKey the identity the row names, also for a row rejected for another value (a bad office: that row
 * still names its user, who must not look absent); {@code null} exactly when the row was rejected for its email, and
 * so names no one
 * @param terminationDate the row's termination date, or {@code null}
 * @param error why the row is rejected, or {@code null}
 * @param emailCleaned invisible characters were removed from the email cell to read it
 */
record RosterRow(InputRow row, String email, String emailKey, UserFields fields, LocalDate terminationDate,
		String error, boolean emailCleaned) {

	/** Whether the row names no user: rejected for its email. */
	boolean emailRejected() {
		return this.emailKey == null;
	}

}
