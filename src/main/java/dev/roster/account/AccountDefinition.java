package dev.roster.account;

import java.util.List;

/**
 * What support staff say an account has; {@code null} for a value they did not give.
 *
 * @param slug the short identifier used everywhere ({@code acme})
 * @param emailDomains email domains the account owns (see {@link Account#acceptsEmailDomain})
 */
public record AccountDefinition(String slug, String name, List<String> groups, List<String> offices,
		List<String> profileTypes, String defaultProfileType, String defaultBillingCode, List<String> emailDomains) {

	/** A definition that gives no email domains. */
	public AccountDefinition(String slug, String name, List<String> groups, List<String> offices,
			List<String> profileTypes, String defaultProfileType, String defaultBillingCode) {
		this(slug, name, groups, offices, profileTypes, defaultProfileType, defaultBillingCode, null);
	}

}
