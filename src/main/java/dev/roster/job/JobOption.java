package dev.roster.job;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One option of a job, as its {@link JobDefinition} declares it once for every door: its name (the command-line
 * option without {@code --}, the {@code serve.yaml} key and the job parameter are all this one word), what values it
 * takes, the value a door that does not offer it passes, whether it is part of the job instance's identity, and which
 * doors offer it.
 *
 * @param name the option, parameter and setting name ({@code dry-run})
 * @param type what values it takes
 * @param choices the allowed values of a {@link Type#ENUM} or {@link Type#CHOICE}
 * @param defaultValue the parameter's value when not given, or {@code null} to pass no parameter then
 * @param identifying whether the value changes what the job does, and so which job instance it is
 * @param doors the doors that let a person set it; the others always pass {@code defaultValue}
 * @param paramLabel the command line's name for its value ({@code F}, {@code N})
 * @param description the command line's help text
 * @param group the command-line group of options of which at most one may be given, or {@code null}
 * @param required whether the command line requires it (or, in a group, one of the group)
 * @param everyTimeWhen a value with which every launch runs (a dry run), or {@code null}
 * @param noneWord a {@code serve.yaml} word meaning "not given" ({@code any}), or {@code null}
 */
public record JobOption(String name, Type type, List<String> choices, String defaultValue, boolean identifying,
		Set<Door> doors, String paramLabel, String description, String group, boolean required, String everyTimeWhen,
		String noneWord) {

	/** What values an option takes. */
	public enum Type {

		/** Given or not: {@code true} when given on the command line, a YAML boolean in {@code serve.yaml}. */
		FLAG,

		/** One of its choices, exactly as written on the command line (as an enum is). */
		ENUM,

		/** One of its choices, in any case. */
		CHOICE,

		/** A whole number of at least 0. */
		NUMBER,

		/** Any text ({@code --sheet}). */
		TEXT,

		/** A file to write ({@code --out}): passed as an absolute path. */
		OUTPUT

	}

	/** A way into a job. */
	public enum Door {

		/** The command line. */
		CLI,

		/** An account's options in {@code jobs/serve.yaml}, for its drop folders and schedules. */
		SERVE,

		/**
		 * The HTTP API: a launch's form fields or query parameters. It offers what the command line does but the
		 * files it would write, which are the server's, not the caller's.
		 */
		API

	}

	public JobOption {
		choices = List.copyOf(choices);
		doors = Set.copyOf(doors);
	}

	/** A flag of the command line only, passing nothing when not given. */
	public static JobOption flag(String name, String description) {
		return new JobOption(name, Type.FLAG, List.of(), null, false, EnumSet.of(Door.CLI), null, description, null,
				false, null, null);
	}

	/** {@code --dry-run}: identifying, and every dry run runs. */
	public static JobOption dryRun(String description) {
		return flag(JobParameterNames.DRY_RUN, description).asIdentifying().defaultValue("false").everyTimeWhen("true");
	}

	public static JobOption dryRun() {
		return dryRun("Validate and write the plan as a report; change nothing.");
	}

	/** {@code --no-deliver}: leaves the queue for a later delivery, for every door. */
	public static JobOption noDeliver() {
		return flag(JobParameterNames.NO_DELIVER, "Queue emails only; deliver-emails or serve sends them later.")
			.defaultValue("false")
			.doors(Door.CLI, Door.SERVE);
	}

	/** {@code --sheet}: identifying when given, since another sheet is other rows. */
	public static JobOption sheet() {
		return new JobOption(JobParameterNames.SHEET, Type.TEXT, List.of(), null, true, EnumSet.of(Door.CLI), "NAME",
				"The worksheet of an XLSX workbook to read (default: its first visible sheet).", null, false, null,
				null);
	}

	public static JobOption choice(String name, Type type, String paramLabel, String description, String... choices) {
		return new JobOption(name, type, List.of(choices), null, false, EnumSet.of(Door.CLI), paramLabel, description,
				null, false, null, null);
	}

	public static JobOption number(String name, String paramLabel, String description) {
		return new JobOption(name, Type.NUMBER, List.of(), null, false, EnumSet.of(Door.CLI), paramLabel, description,
				null, false, null, null);
	}

	public static JobOption output(String name, String paramLabel, String description) {
		return new JobOption(name, Type.OUTPUT, List.of(), null, false, EnumSet.of(Door.CLI), paramLabel, description,
				null, true, null, null);
	}

	public JobOption asIdentifying() {
		return new JobOption(this.name, this.type, this.choices, this.defaultValue, true, this.doors, this.paramLabel,
				this.description, this.group, this.required, this.everyTimeWhen, this.noneWord);
	}

	public JobOption defaultValue(String value) {
		return new JobOption(this.name, this.type, this.choices, value, this.identifying, this.doors, this.paramLabel,
				this.description, this.group, this.required, this.everyTimeWhen, this.noneWord);
	}

	public JobOption doors(Door... doors) {
		return new JobOption(this.name, this.type, this.choices, this.defaultValue, this.identifying,
				EnumSet.copyOf(List.of(doors)), this.paramLabel, this.description, this.group, this.required,
				this.everyTimeWhen, this.noneWord);
	}

	public JobOption inGroup(String group) {
		return new JobOption(this.name, this.type, this.choices, this.defaultValue, this.identifying, this.doors,
				this.paramLabel, this.description, group, this.required, this.everyTimeWhen, this.noneWord);
	}

	public JobOption asRequired() {
		return new JobOption(this.name, this.type, this.choices, this.defaultValue, this.identifying, this.doors,
				this.paramLabel, this.description, this.group, true, this.everyTimeWhen, this.noneWord);
	}

	public JobOption everyTimeWhen(String value) {
		return new JobOption(this.name, this.type, this.choices, this.defaultValue, this.identifying, this.doors,
				this.paramLabel, this.description, this.group, this.required, value, this.noneWord);
	}

	/** The {@code serve.yaml} word that means "not given", accepted beside the choices. */
	public JobOption noneWord(String word) {
		return new JobOption(this.name, this.type, this.choices, this.defaultValue, this.identifying, this.doors,
				this.paramLabel, this.description, this.group, this.required, this.everyTimeWhen, word);
	}

	public boolean offeredBy(Door door) {
		if (door == Door.API) {
			return this.doors.contains(Door.API) || (this.doors.contains(Door.CLI) && this.type != Type.OUTPUT);
		}
		return this.doors.contains(door);
	}

	/**
	 * The parameter value of a value given as text (an API form field), or {@code null} for a {@link #noneWord}.
	 * {@code where} names the value in the error.
	 */
	String fromText(String value, String where) {
		String given = value.strip();
		switch (this.type) {
			case FLAG -> {
				if (given.equalsIgnoreCase("true") || given.equalsIgnoreCase("false")) {
					return given.toLowerCase(Locale.ROOT);
				}
				throw new JobOptionException(where + ": " + this.name + " must be true or false, not '" + value + "'");
			}
			case NUMBER -> {
				if (given.matches("[0-9]{1,18}")) {
					return Long.toString(Long.parseLong(given));
				}
				throw new JobOptionException(where + ": " + this.name + " must be a whole number of at least 0, not '"
						+ value + "'");
			}
			case ENUM, CHOICE -> {
				return fromSetting(given, where);
			}
			default -> {
				return given;
			}
		}
	}

	/** {@code --dry-run} */
	public String optionName() {
		return "--" + this.name;
	}

	/**
	 * The parameter value of a {@code serve.yaml} setting of this option, or {@link #defaultValue} when it is not
	 * set. {@code where} names the setting in the error.
	 */
	String fromSetting(Object value, String where) {
		if (value == null) {
			return this.defaultValue;
		}
		switch (this.type) {
			case FLAG -> {
				if (value instanceof Boolean bool) {
					return bool.toString();
				}
				throw new JobOptionException(where + ": " + this.name + " must be true or false, not '" + value + "'");
			}
			case NUMBER -> {
				if (value instanceof Number number && number.longValue() == number.doubleValue()
						&& number.longValue() >= 0) {
					return Long.toString(number.longValue());
				}
				throw new JobOptionException(where + ": " + this.name + " must be a whole number of at least 0, not '"
						+ value + "'");
			}
			case ENUM, CHOICE -> {
				String given = value.toString().strip().toLowerCase(Locale.ROOT);
				if (given.equals(this.noneWord)) {
					return this.defaultValue;
				}
				if (!this.choices.contains(given)) {
					throw new JobOptionException(where + ": " + this.name + " '" + value + "' is not one of "
							+ String.join(", ", settingChoices()));
				}
				return given;
			}
			default -> {
				return value.toString();
			}
		}
	}

	/** The values {@code serve.yaml} accepts, its "not given" word first. */
	private List<String> settingChoices() {
		if (this.noneWord == null) {
			return this.choices;
		}
		return java.util.stream.Stream.concat(java.util.stream.Stream.of(this.noneWord), this.choices.stream())
			.toList();
	}

}
