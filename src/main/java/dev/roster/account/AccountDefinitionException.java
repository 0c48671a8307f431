package dev.roster.account;

import java.util.List;

/**
 * An account definition that cannot be stored as given (bad slug, unknown default profile type...). Besides its
 * sentence it says why in a word, {@link #reason()}, with the values the sentence names, so a door that speaks
 * another language than the command line can say it in its own words.
 */
public class AccountDefinitionException extends RuntimeException {

	private final String reason;

	private final List<Object> arguments;

	AccountDefinitionException(String message) {
		this(message, "refused");
	}

	AccountDefinitionException(String message, String reason, Object... arguments) {
		super(message);
		this.reason = reason;
		this.arguments = List.of(arguments);
	}

	/**
	 * Why, in a word: {@code invalid-slug}, {@code reserved-slug}, {@code name-required}, {@code too-long} (kind,
	 * name), {@code unknown-default-profile-type} (name), {@code invalid-domain} (domain), {@code domain-overlap}
	 * (domain, the domain it overlaps), or {@code refused} for anything else; the arguments in that order.
	 */
	public String reason() {
		return this.reason;
	}

	public List<Object> arguments() {
		return this.arguments;
	}

}
