package dev.roster.account;

import java.util.List;

/**
 * What support staff say an account has; {@code null} for a value they did not give.
 *
 * @param slug the short identifier used everywhere ({@code acme})
 */
public record AccountDefinition(String slug, String name, List<String> groups, List<String> offices,
		List<String> profileTypes, String defaultProfileType, String defaultBillingCode) {
}
