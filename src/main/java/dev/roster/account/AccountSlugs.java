package dev.roster.account;

import java.util.Set;

/**
 * Slugs no new account may take, because the service names its own places with them: the HTTP API and the console
 * put an account's slug in paths beside their own ({@code /api/v1/...}, {@code /login}, {@code /actuator/health}...),
 * and {@code all} once named the folder of reports about every account. Accounts created before a name was reserved
 * keep working.
 */
public final class AccountSlugs {

	/** Kept sorted, as src/docs/trust.md lists them. */
	public static final Set<String> RESERVED = Set.of("account", "accounts", "actuator", "admin", "admins", "all",
			"any", "api", "api-docs", "assets", "auth", "callback", "console", "css", "default", "docs", "error",
			"errors", "favicon", "health", "help", "images", "img", "info", "job", "jobs", "js", "login", "logout",
			"me", "metrics", "new", "none", "null", "oauth", "oauth2", "oidc", "openapi", "operator", "operators",
			"prometheus", "public", "register", "reports", "roster", "saml", "self", "service", "settings", "signin",
			"signout", "signup", "sso", "static", "status", "support", "swagger", "swagger-ui", "system", "token",
			"tokens", "user", "users", "v1", "v2", "v3", "webjars", "work", "www");

	/**
	 * The folder, beside the accounts' own, of what concerns every account at once (the report of a delivery of every
	 * account's emails): a slug starts with a letter or a digit, so no account can have it.
	 */
	public static final String SERVICE_FOLDER = "_service";

	private AccountSlugs() {
	}

	public static boolean isReserved(String slug) {
		return RESERVED.contains(slug);
	}

	/** What an account with a reserved slug, created before it was reserved, is told wherever it is used. */
	public static String warning(String slug) {
		return "warning: account '" + slug + "' has a name the service reserves for its own paths (the HTTP API, "
				+ "the console, reports); it keeps working, but no new account may take such a name";
	}

}
