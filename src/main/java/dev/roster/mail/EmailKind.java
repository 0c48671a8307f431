package dev.roster.mail;

/** The emails Roster sends; the value is the name used in commands, templates and the outbox. */
public enum EmailKind {

	/** Login link, host and guest codes, dial-in details: for users who are active. */
	ACTIVATION("activation"),

	/** Register link: for invited users. */
	WELCOME("welcome"),

	/** Reset-password link. */
	PASSWORD_RESET("password-reset");

	private final String value;

	EmailKind(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

}
