package dev.roster.syncroster;

import java.time.LocalDate;

import dev.roster.intake.InputRow;
import dev.roster.user.UserFields;

/**
 * A row of a roster, validated.
 *
 * @param email the address as written (trimmed); for a rejected row, whatever the email cell held
 * @param emailKey the identity the email cell names, also for a rejected row, or {@code null} when the cell is blank:
 * a row rejected for a bad office still names its user, who must not look absent
 * @param terminationDate the row's termination date, or {@code null}
 * @param error why the row is rejected, or {@code null}
 */
record RosterRow(InputRow row, String email, String emailKey, UserFields fields, LocalDate terminationDate,
		String error) {
}
