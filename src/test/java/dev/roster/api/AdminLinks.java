package dev.roster.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The set-password link of a person's email, as its recipient follows it. */
final class AdminLinks {

	private static final Pattern LINK = Pattern.compile("/set-password\\?token=([A-Za-z0-9_-]+)");

	private AdminLinks() {
	}

	static String token(String email) {
		Matcher link = LINK.matcher(email);
		if (!link.find()) {
			throw new AssertionError("no set-password link in: " + email);
		}
		return link.group(1);
	}

}
