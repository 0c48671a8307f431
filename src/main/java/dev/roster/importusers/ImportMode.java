package dev.roster.importusers;

import java.util.Locale;

import dev.roster.mail.EmailKind;
import dev.roster.user.UserStatus;

/** What import-users makes of a new user. */
enum ImportMode {

	/** Active at once, with codes and an activation email. */
	CREATE(UserStatus.ACTIVE, EmailKind.ACTIVATION),

	/** Invited: a welcome email with a register link; codes come when they register. */
	INVITE(UserStatus.INVITED, EmailKind.WELCOME);

	private final UserStatus newUserStatus;

	private final EmailKind email;

	ImportMode(UserStatus newUserStatus, EmailKind email) {
		this.newUserStatus = newUserStatus;
		this.email = email;
	}

	UserStatus newUserStatus() {
		return this.newUserStatus;
	}

	EmailKind email() {
		return this.email;
	}

	static ImportMode of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
