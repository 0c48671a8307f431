package dev.roster.intake;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Which column headers stand for which field ({@code email}, {@code first_name}...), in the languages HR systems
 * export. Headers are compared by {@link Cells#headerKey(String)}, so case, accents, spaces and punctuation do not
 * matter, and a field's own name matches too. A header key may belong to one field only.
 */
public final class HeaderAliases {

	private final Map<String, List<String>> aliasesByField;

	private final Map<String, String> fieldByKey;

	private HeaderAliases(Map<String, List<String>> aliasesByField) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		Map<String, String> fieldByKey = new LinkedHashMap<>();
		aliasesByField.forEach((field, aliases) -> {
			claim(fieldByKey, Cells.headerKey(field), field, field);
			Set<String> distinct = new LinkedHashSet<>();
			for (String alias : aliases) {
				claim(fieldByKey, Cells.headerKey(alias), field, alias);
				distinct.add(Cells.clean(alias));
			}
			fields.put(field, List.copyOf(distinct));
		});
		this.aliasesByField = Collections.unmodifiableMap(fields);
		this.fieldByKey = fieldByKey;
	}

	/**
	 * Aliases from a map of field name to aliases, in the order a rejection message lists them.
	 * @throws IllegalArgumentException when one header would match two fields
	 */
	public static HeaderAliases of(Map<String, List<String>> aliasesByField) {
		return new HeaderAliases(aliasesByField);
	}

	/**
	 * Parses a YAML map of field name to a list of aliases ({@code email: [Email, E-mail]}); the stream is not closed.
	 * @throws IllegalArgumentException when the YAML is not such a map or one header would match two fields
	 */
	public static HeaderAliases load(InputStream yaml) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		Object document;
		try {
			document = new Yaml(new SafeConstructor(options)).load(yaml);
		}
		catch (YAMLException ex) {
			throw new IllegalArgumentException("header aliases: not valid YAML: " + ex.getMessage(), ex);
		}
		if (!(document instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException("header aliases: expected a map of field: [Alias, Alias, ...]");
		}
		Map<String, List<String>> aliasesByField = new LinkedHashMap<>();
		map.forEach((field, aliases) -> aliasesByField.put(text(field, "field name"), aliasList(field, aliases)));
		return new HeaderAliases(aliasesByField);
	}

	/**
	 * These aliases with {@code other}'s added: an operator's file extending the built-in one. Fields only
	 * {@code other} knows are added after this one's.
	 * @throws IllegalArgumentException when a header of {@code other} already stands for another field here
	 */
	public HeaderAliases merge(HeaderAliases other) {
		Map<String, List<String>> merged = new LinkedHashMap<>();
		this.aliasesByField.forEach((field, aliases) -> merged.put(field, new ArrayList<>(aliases)));
		other.aliasesByField.forEach(
				(field, aliases) -> merged.computeIfAbsent(field, (key) -> new ArrayList<>()).addAll(aliases));
		return new HeaderAliases(merged);
	}

	/**
	 * The field a column header stands for, if any.
	 */
	public Optional<String> fieldOf(String header) {
		return Optional.ofNullable(this.fieldByKey.get(Cells.headerKey(header)));
	}

	/**
	 * The aliases of {@code field}, in their declared order; empty for an unknown field.
	 */
	public List<String> aliasesOf(String field) {
		return this.aliasesByField.getOrDefault(field, List.of());
	}

	/**
	 * The known field names, in their declared order.
	 */
	public Set<String> fields() {
		return this.aliasesByField.keySet();
	}

	/**
	 * How messages name a field's column: its first alias, else the field name.
	 */
	String displayName(String field) {
		List<String> aliases = aliasesOf(field);
		return aliases.isEmpty() ? field : aliases.get(0);
	}

	private static void claim(Map<String, String> fieldByKey, String key, String field, String header) {
		if (key.isEmpty()) {
			throw new IllegalArgumentException(
					"header aliases: alias '" + header + "' of " + field + " has no letters or digits");
		}
		String owner = fieldByKey.putIfAbsent(key, field);
		if (owner != null && !owner.equals(field)) {
			throw new IllegalArgumentException("header aliases: '" + header + "' is listed for both " + owner + " and "
					+ field + " (headers are compared ignoring case, accents, spaces and punctuation)");
		}
	}

	private static List<String> aliasList(Object field, Object aliases) {
		if (aliases == null) {
			return List.of();
		}
		if (!(aliases instanceof List<?> list)) {
			return List.of(text(aliases, "alias of " + field));
		}
		List<String> texts = new ArrayList<>(list.size());
		for (Object alias : list) {
			texts.add(text(alias, "alias of " + field));
		}
		return texts;
	}

	private static String text(Object value, String what) {
		// YAML reads Yes, No, On, Off and numbers as non-text; an alias must be quoted to be one of those words.
		if (!(value instanceof String text)) {
			throw new IllegalArgumentException(
					"header aliases: " + what + " " + value + " is not text; put it in quotes");
		}
		return text;
	}

}
