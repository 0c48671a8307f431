package dev.roster.account;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An account with its reference data, each kind keyed by {@link #key(String) lower-cased name}: names of groups,
 * offices and profile types match case-insensitively, as an admin typing them into a spreadsheet would expect.
 *
 * @param emailDomains the email domains the account owns, lower-case; empty when it owns none and takes any address
 * @param policy what the HTTP door allows it
 */
public record Account(long id, String slug, String name, String defaultBillingCode, Map<String, Reference> groups,
		Map<String, Reference> offices, Map<String, Reference> profileTypes, Reference defaultProfileType,
		List<String> emailDomains, AccountPolicy policy) {

	public Account {
		emailDomains = List.copyOf(emailDomains);
	}

	/** An account with the default policy. */
	public Account(long id, String slug, String name, String defaultBillingCode, Map<String, Reference> groups,
			Map<String, Reference> offices, Map<String, Reference> profileTypes, Reference defaultProfileType,
			List<String> emailDomains) {
		this(id, slug, name, defaultBillingCode, groups, offices, profileTypes, defaultProfileType, emailDomains,
				AccountPolicy.DEFAULT);
	}

	/** An account that owns no email domains. */
	public Account(long id, String slug, String name, String defaultBillingCode, Map<String, Reference> groups,
			Map<String, Reference> offices, Map<String, Reference> profileTypes, Reference defaultProfileType) {
		this(id, slug, name, defaultBillingCode, groups, offices, profileTypes, defaultProfileType, List.of());
	}

	/**
	 * Whether the account may have a user at {@code domain} (what follows the {@code @} of an address, in any case):
	 * any domain when it owns none, else one of its own or a subdomain of one. Every door that brings an address in
	 * (import-users, sync-roster, just-in-time provisioning) asks here, so no account takes another organisation's
	 * addresses.
	 */
	public boolean acceptsEmailDomain(String domain) {
		String key = key(domain);
		return this.emailDomains.isEmpty() || this.emailDomains.stream().anyMatch((own) -> EmailDomains.covers(own, key));
	}

	public Optional<Reference> group(String name) {
		return Optional.ofNullable(this.groups.get(key(name)));
	}

	public Optional<Reference> office(String name) {
		return Optional.ofNullable(this.offices.get(key(name)));
	}

	public Optional<Reference> profileType(String name) {
		return Optional.ofNullable(this.profileTypes.get(key(name)));
	}

	static String key(String name) {
		return name.strip().toLowerCase(Locale.ROOT);
	}

	static Map<String, Reference> byKey(List<Reference> references) {
		Map<String, Reference> map = new LinkedHashMap<>();
		references.forEach((reference) -> map.put(key(reference.name()), reference));
		return map;
	}

}
