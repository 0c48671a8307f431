package dev.roster.mail;

import java.util.Locale;

/** The emails Roster sends; the value is the name used in commands, templates and the outbox. */
public enum EmailKind {

	/** Login link (to set a password), host and guest codes, dial-in details: for users who are active. */
	ACTIVATION("activation", "set-password", "activate"),

	/** Register link: for invited users. */
	WELCOME("welcome", "register", "register"),

	/** Reset-password link: for active users. */
	PASSWORD_RESET("password-reset", "reset-password", "reset-password");

	private final String value;

	private final String tokenPurpose;

	private final String portalPath;

	EmailKind(String value, String tokenPurpose, String portalPath) {
		this.value = value;
		this.tokenPurpose = tokenPurpose;
		this.portalPath = portalPath;
	}

	public String value() {
		return this.value;
	}

	/** The purpose of the link token the email carries, as {@code user_token.purpose} stores it. */
	String tokenPurpose() {
		return this.tokenPurpose;
	}

	/** The portal page the email's link opens. */
	String portalPath() {
		return this.portalPath;
	}

	public static EmailKind of(String value) {
		for (EmailKind kind : values()) {
			if (kind.value.equals(value.toLowerCase(Locale.ROOT))) {
				return kind;
			}
		}
		throw new IllegalArgumentException("unknown email kind '" + value + "'");
	}

}
