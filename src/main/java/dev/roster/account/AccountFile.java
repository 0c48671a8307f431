package dev.roster.account;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Accounts as support staff keep them in version control: a YAML file with a list of {@code accounts}, each with
 * the keys {@code account create} takes as options. The whole file is checked before anything is stored, so a typo
 * in the last account leaves the first unchanged too.
 *
 * @param name the file as the user named it, for messages
 */
public record AccountFile(String name, List<Entry> accounts) {

	/** The keys of one account, in the order the README lists them. */
	static final List<String> KEYS = List.of("slug", "name", "groups", "offices", "profile-types",
			"default-profile-type", "billing-code", "email-domains", "remove-email-domains", "jit-provisioning", "jit-activation-email",
			"admins-approve-syncs");

	/** Larger than any real set of accounts; a file past it is not one. */
	private static final long MAX_BYTES = 1024 * 1024;

	private static final int MAX_ACCOUNTS = 1000;

	/**
	 * One account of the file: what to add or update, the email domains to remove, and its policy's keys
	 * ({@code null} for a key the file leaves as it is).
	 */
	public record Entry(AccountDefinition definition, List<String> removedEmailDomains, Boolean jitProvisioning,
			Boolean jitActivationEmail, Boolean adminsApproveSyncs) {

		public Entry(AccountDefinition definition, List<String> removedEmailDomains) {
			this(definition, removedEmailDomains, null, null, null);
		}

		/** {@code current} with the keys the file gives. */
		public AccountPolicy policy(AccountPolicy current) {
			return new AccountPolicy(or(this.jitProvisioning, current.jitProvisioning()),
					or(this.jitActivationEmail, current.jitActivationEmail()),
					or(this.adminsApproveSyncs, current.adminsApproveSyncs()));
		}

		private static boolean or(Boolean given, boolean current) {
			return (given != null) ? given : current;
		}

	}

	public AccountFile {
		accounts = List.copyOf(accounts);
	}

	/** Reads and checks the file; an {@link AccountDefinitionException} names the file, the account and the key. */
	public static AccountFile read(Path path) {
		String name = path.toString();
		try {
			if (!Files.isRegularFile(path)) {
				throw new AccountDefinitionException(name + ": no such file");
			}
			if (Files.size(path) > MAX_BYTES) {
				throw new AccountDefinitionException(name + ": larger than " + MAX_BYTES + " bytes");
			}
			try (InputStream in = Files.newInputStream(path)) {
				return parse(name, in);
			}
		}
		catch (IOException ex) {
			throw new AccountDefinitionException(name + ": cannot read it: " + ex.getMessage());
		}
	}

	static AccountFile parse(String name, InputStream in) {
		Object document;
		try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
			document = yaml().load(reader);
		}
		catch (YAMLException | IOException ex) {
			throw new AccountDefinitionException(name + ": not valid YAML: " + ex.getMessage().strip());
		}
		if (!(document instanceof Map<?, ?> top) || !top.containsKey("accounts")) {
			throw new AccountDefinitionException(name + ": expected a list of accounts under the key 'accounts'");
		}
		for (Object key : top.keySet()) {
			if (!"accounts".equals(key)) {
				throw new AccountDefinitionException(name + ": unknown key '" + key + "'; the file holds 'accounts'");
			}
		}
		if (!(top.get("accounts") instanceof List<?> list) || list.isEmpty()) {
			throw new AccountDefinitionException(name + ": 'accounts' must be a list of one account or more");
		}
		if (list.size() > MAX_ACCOUNTS) {
			throw new AccountDefinitionException(name + ": more than " + MAX_ACCOUNTS + " accounts");
		}
		List<Entry> entries = new ArrayList<>();
		Set<String> slugs = new HashSet<>();
		for (int i = 0; i < list.size(); i++) {
			Entry entry = entry(name, i + 1, list.get(i));
			if (!slugs.add(entry.definition().slug())) {
				throw new AccountDefinitionException(name + ": account '" + entry.definition().slug()
						+ "': key 'slug': the account appears twice in the file");
			}
			entries.add(entry);
		}
		return new AccountFile(name, entries);
	}

	private static Entry entry(String file, int position, Object item) {
		if (!(item instanceof Map<?, ?> map)) {
			throw new AccountDefinitionException(file + ": account #" + position + ": expected keys such as slug and name");
		}
		if (!(map.get("slug") instanceof String given) || !AccountStore.SLUG.matcher(given).matches()) {
			throw new AccountDefinitionException(file + ": account #" + position + ": key 'slug': "
					+ (map.containsKey("slug") ? "invalid account '" + map.get("slug") + "'" : "missing")
					+ ": use lower-case letters, digits and '-', starting with a letter or digit (e.g. acme)");
		}
		String where = file + ": account '" + given + "'";
		Map<String, Object> values = new LinkedHashMap<>();
		for (Map.Entry<?, ?> e : map.entrySet()) {
			if (!KEYS.contains(e.getKey())) {
				throw new AccountDefinitionException(where + ": key '" + e.getKey() + "': unknown key; an account takes "
						+ String.join(", ", KEYS));
			}
			values.put((String) e.getKey(), e.getValue());
		}
		String name = text(where, "name", values);
		if (name != null && name.isBlank()) {
			throw new AccountDefinitionException(where + ": key 'name': empty");
		}
		List<String> groups = names(where, "groups", values);
		List<String> offices = names(where, "offices", values);
		List<String> profileTypes = names(where, "profile-types", values);
		String defaultProfileType = text(where, "default-profile-type", values);
		String billingCode = text(where, "billing-code", values);
		List<String> domains = domains(where, "email-domains", values);
		List<String> removed = domains(where, "remove-email-domains", values);
		if (domains != null && removed != null) {
			for (String domain : removed) {
				if (domains.contains(domain)) {
					throw new AccountDefinitionException(where + ": key 'remove-email-domains': '" + domain
							+ "' is also under email-domains");
				}
			}
		}
		return new Entry(new AccountDefinition(given, name, groups, offices, profileTypes, defaultProfileType,
				billingCode, domains), (removed != null) ? removed : List.of(), flag(where, "jit-provisioning", values),
				flag(where, "jit-activation-email", values), flag(where, "admins-approve-syncs", values));
	}

	private static String text(String where, String key, Map<String, Object> values) {
		Object value = values.get(key);
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text)) {
			throw new AccountDefinitionException(where + ": key '" + key + "': expected one value, not a list or keys");
		}
		return text.strip();
	}

	private static Boolean flag(String where, String key, Map<String, Object> values) {
		String value = text(where, key, values);
		if (value == null) {
			return null;
		}
		return switch (value) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new AccountDefinitionException(where + ": key '" + key + "': expected true or false, not '"
					+ value + "'");
		};
	}

	private static List<String> names(String where, String key, Map<String, Object> values) {
		List<String> names = list(where, key, values);
		if (names == null) {
			return null;
		}
		for (String name : names) {
			if (name.isEmpty()) {
				throw new AccountDefinitionException(where + ": key '" + key + "': an empty name");
			}
			if (name.length() > 100) {
				throw new AccountDefinitionException(where + ": key '" + key + "': '" + name
						+ "' is longer than 100 characters");
			}
		}
		return names;
	}

	private static List<String> domains(String where, String key, Map<String, Object> values) {
		List<String> given = list(where, key, values);
		if (given == null) {
			return null;
		}
		try {
			return given.stream().map(EmailDomains::normalise).distinct().toList();
		}
		catch (AccountDefinitionException ex) {
			throw new AccountDefinitionException(where + ": key '" + key + "': " + ex.getMessage());
		}
	}

	private static List<String> list(String where, String key, Map<String, Object> values) {
		Object value = values.get(key);
		if (value == null) {
			return null;
		}
		if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
			throw new AccountDefinitionException(where + ": key '" + key + "': expected a list of names, e.g. ["
					+ "Sales, Support]");
		}
		return list.stream().map((item) -> ((String) item).strip()).toList();
	}

	/**
	 * Every plain value is text: {@code 00420} stays a billing code instead of becoming the number 272, and an office
	 * called {@code No} stays one. No aliases, no duplicate keys.
	 */
	private static Yaml yaml() {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setMaxAliasesForCollections(0);
		options.setNestingDepthLimit(10);
		options.setCodePointLimit((int) MAX_BYTES);
		Resolver textOnly = new Resolver() {

			@Override
			protected void addImplicitResolvers() {
				// none: every scalar, an empty one too, is a string
			}

		};
		DumperOptions dumper = new DumperOptions();
		return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, textOnly);
	}

}
