package dev.roster.reactivate;

import dev.roster.intake.InputRow;
import dev.roster.user.UserStore;

/**
 * A row of a reactivation list, validated.
 *
 * @param error why the row is rejected, or {@code null}
 */
record ReactivationRow(InputRow row, String email, String error) {

	boolean valid() {
		return this.error == null;
	}

	String emailKey() {
		return UserStore.emailKey(this.email);
	}

}
