package dev.roster.account;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An account with its reference data, each kind keyed by {@link #key(String) lower-cased name}: names of groups,
 * offices and profile types match case-insensitively, as an admin typing them into a spreadsheet would expect.
 */
public record Account(long id, String slug, String name, String defaultBillingCode, Map<String, Reference> groups,
		Map<String, Reference> offices, Map<String, Reference> profileTypes, Reference defaultProfileType) {

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
