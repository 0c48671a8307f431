package dev.roster.mail;

import java.util.Locale;

import dev.roster.user.UserStatus;

/**
 * The emails Roster sends; the value is the name used in commands, templates and the outbox. Each kind says which
 * users it fits and which link token it carries; the database applies the same rules through the functions
 * {@code email_fits(kind, status)}, {@code email_audience(kind)} and {@code email_token_purpose(kind)}, so a claim
 * judges an email as the command that queued it did.
 */
public enum EmailKind {

	/** Login link (to set a password), host and guest codes, dial-in details: for users who are active. */
	ACTIVATION("activation", UserStatus.ACTIVE, "set-password", "activate"),

	/** Register link: for invited users. */
	WELCOME("welcome", UserStatus.INVITED, "register", "register"),

	/** Reset-password link: for active users. */
	PASSWORD_RESET("password-reset", UserStatus.ACTIVE, "reset-password", "reset-password");

	private final String value;

	private final UserStatus audience;

	private final String tokenPurpose;

	private final String portalPath;

	EmailKind(String value, UserStatus audience, String tokenPurpose, String portalPath) {
		this.value = value;
		this.audience = audience;
		this.tokenPurpose = tokenPurpose;
		this.portalPath = portalPath;
	}

	public String value() {
		return this.value;
	}

	/** The one status of the users this email goes to. */
	public UserStatus audience() {
		return this.audience;
	}

	/** Whether a user of {@code status} may get this email: an email that no longer fits is cancelled, not sent. */
	public boolean fits(UserStatus status) {
		return this.audience == status;
	}

	/**
	 * The first email a user of {@code status} is sent, the one send-emails picks without {@code --kind}; none for a
	 * terminated user.
	 */
	public static EmailKind firstFor(UserStatus status) {
		return switch (status) {
			case ACTIVE -> ACTIVATION;
			case INVITED -> WELCOME;
			case TERMINATED -> null;
		};
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
