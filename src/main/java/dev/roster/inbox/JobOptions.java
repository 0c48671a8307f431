package dev.roster.inbox;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options an operator set in {@code jobs/serve.yaml} for one account's job, read by the job's registration. Every
 * value is checked when serve starts, and an option no registration reads is an error there, not a silent default.
 */
final class JobOptions {

	private final String where;

	private final Map<String, Object> values;

	private final Set<String> read = new LinkedHashSet<>();

	JobOptions(String where, Map<String, Object> values) {
		this.where = where;
		this.values = new LinkedHashMap<>(values);
	}

	static JobOptions none(String where) {
		return new JobOptions(where, Map.of());
	}

	/** One of {@code allowed}, the first being the default. */
	String choice(String name, String... allowed) {
		Object value = value(name);
		if (value == null) {
			return allowed[0];
		}
		String given = value.toString().strip().toLowerCase(Locale.ROOT);
		if (!List.of(allowed).contains(given)) {
			throw new ServeSettingsException(this.where + ": " + name + " '" + value + "' is not one of "
					+ String.join(", ", allowed));
		}
		return given;
	}

	boolean flag(String name, boolean defaultValue) {
		Object value = value(name);
		if (value == null) {
			return defaultValue;
		}
		if (value instanceof Boolean bool) {
			return bool;
		}
		throw new ServeSettingsException(this.where + ": " + name + " must be true or false, not '" + value + "'");
	}

	/** A whole number of at least {@code min}, or {@code null} when not given. */
	Long number(String name, long min) {
		Object value = value(name);
		if (value == null) {
			return null;
		}
		if (value instanceof Number number && number.longValue() == number.doubleValue() && number.longValue() >= min) {
			return number.longValue();
		}
		throw new ServeSettingsException(this.where + ": " + name + " must be a whole number of at least " + min
				+ ", not '" + value + "'");
	}

	/** Fails on options that nothing read: a typo must not pass for a default. */
	void checkAllRead() {
		Set<String> unknown = new LinkedHashSet<>(this.values.keySet());
		unknown.removeAll(this.read);
		if (!unknown.isEmpty()) {
			throw new ServeSettingsException(this.where + ": unknown option" + ((unknown.size() > 1) ? "s " : " ")
					+ String.join(", ", unknown) + ((this.read.isEmpty()) ? " (this job takes no options)"
							: " (this job takes: " + String.join(", ", this.read) + ")"));
		}
	}

	private Object value(String name) {
		this.read.add(name);
		return this.values.get(name);
	}

}
