package dev.roster.account;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The email domains an account owns, as support staff give them: a DNS name, stored lower-case in its ASCII form
 * ({@code münchen.example} becomes {@code xn--mnchen-3ya.example}, the form addresses are written in). A domain covers
 * its subdomains: {@code acme.example} owns {@code eng.acme.example}.
 */
final class EmailDomains {

	private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	private static final Pattern DIGITS = Pattern.compile("[0-9]+");

	private static final int MAX_LENGTH = 253;

	private EmailDomains() {
	}

	/** The domain as stored, or why it is not one. */
	static String normalise(String given) {
		String value = given.strip();
		if (value.endsWith(".")) {
			value = value.substring(0, value.length() - 1);
		}
		if (value.contains("@")) {
			throw invalid(given, "give only what follows the @ of an address");
		}
		String ascii;
		try {
			ascii = IDN.toASCII(value, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(given, "a DNS name such as acme.example");
		}
		List<String> labels = List.of(ascii.split("\\.", -1));
		if (ascii.length() > MAX_LENGTH || labels.size() < 2
				|| !labels.stream().allMatch((label) -> LABEL.matcher(label).matches())) {
			throw invalid(given, "a DNS name such as acme.example, with at least two labels");
		}
		if (DIGITS.matcher(labels.get(labels.size() - 1)).matches()) {
			throw invalid(given, "a DNS name, not an IP address");
		}
		return ascii;
	}

	/** Whether {@code domain} (lower-case) is {@code owned} or one of its subdomains. */
	static boolean covers(String owned, String domain) {
		return domain.equals(owned) || domain.endsWith("." + owned);
	}

	private static AccountDefinitionException invalid(String given, String hint) {
		return new AccountDefinitionException("invalid email domain '" + given.strip() + "': " + hint,
				"invalid-domain", given.strip());
	}

}
