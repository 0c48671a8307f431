package dev.roster.reactivate;

import dev.roster.intake.InputRow;
import dev.roster.intake.LedgerRow;
import dev.roster.user.UserStore;

/**
 * A row of a reactivation list, validated.
 *
 * @param email the address, invisible characters removed
 * @param error why the row is rejected, or {@code null}
 * @param emailCleaned invisible characters were removed from the email cell to read it
 */
record ReactivationRow(InputRow row, String email, String error, boolean emailCleaned) implements LedgerRow {

	@Override
	public String emailKey() {
		return UserStore.emailKey(this.email);
	}

}
