package dev.roster.console;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Roster's own words on the jobs pages in the person's language: statuses, counters, doors, plan actions, and the
 * English sentences the intake and the jobs write (row errors, a file refused as a whole), whose common shapes are
 * matched here and said again from the {@code jobs} bundle. A sentence of no known shape stays as Roster wrote it.
 */
@Component
class JobMessages {

	/** The column a row error names, which every sentence of {@code intake} ends with. */
	private static final Pattern IN_COLUMN = Pattern.compile("(?s)(.+) in column '(.*)' \\(([A-Z]+)\\)");

	/**
	 * The sentences of {@code intake/UserRowRules}, {@code intake/EmailListRules}, {@code intake/FirstRows}, the
	 * writers and the file checks, by the key that says them again; a group that is a field's name ({@code what})
	 * is said through {@code jobs.field.*}.
	 */
	private static final List<Shape> SHAPES = List.of(
			new Shape("invalid (?<what>.+?) '(.*)'( \\(invisible characters removed: (.*)\\))?", "jobs.error.invalid"),
			new Shape("missing (?<what>.+?)( \\(the cell holds only invisible characters: (.*)\\))?", "jobs.error.missing"),
			new Shape("unknown language '(.*)'; use en or es", "jobs.error.language"),
			new Shape("unknown (?<what>group|office|profile type) '(.*)'; ask support to add it", "jobs.error.unknown"),
			new Shape("email '(.*)' already appears in row (\\d+) of this file", "jobs.error.repeated"),
			new Shape("email '(.*)' belongs to a user outside this account", "jobs.error.outside"),
			new Shape("user '(.*)' is terminated; use reactivate to bring them back", "jobs.error.terminated"),
			new Shape("value too long \\((\\d+) characters; at most (\\d+)\\)", "jobs.error.tooLong"),
			new Shape("(?<what>first name|last name) too long \\((\\d+) characters; at most (\\d+)\\)",
					"jobs.error.nameTooLong"),
			new Shape("email domain '(.*)' is not one of this account's domains: (.*)", "jobs.error.domain"),
			new Shape("row has (\\d+) values but the header has (\\d+) columns \\(a delimiter inside an unquoted "
					+ "value\\?\\)", "jobs.error.width"),
			new Shape("no user with (?<what>email|host email|delegate email) '(.*)' in this account", "jobs.error.noUser"),
			new Shape("(?s)(.+): missing required columns? (.*); headers found: (.*)", "jobs.error.missingColumn"),
			new Shape("(.+): the file is empty", "jobs.error.emptyFile"));

	private final MessageSource messages;

	JobMessages(MessageSource messages) {
		this.messages = messages;
	}

	/** A message of the {@code jobs} bundle in the person's language. */
	String text(String key, Object... args) {
		return this.messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

	/** A message of the bundle, or {@code fallback} when the bundle has none (a job or option added since). */
	String textOr(String key, String fallback, Object... args) {
		return this.messages.getMessage(key, args, fallback, LocaleContextHolder.getLocale());
	}

	String status(String status) {
		return textOr("jobs.status." + status, status);
	}

	String count(String name) {
		return textOr("jobs.count." + name, name);
	}

	String door(String door) {
		return textOr("jobs.door." + door, door);
	}

	String job(String command) {
		return textOr("jobs.job." + command, command);
	}

	/** A plan's {@code Action} word ({@code create}, {@code already queued}). */
	String action(String action) {
		return (action == null || action.isEmpty()) ? "" : textOr("jobs.action." + action.replace(' ', '-'), action);
	}

	/**
	 * A sentence Roster wrote in English, in the person's language when its shape is one this knows; otherwise as
	 * it is.
	 */
	String roster(String english) {
		Locale locale = LocaleContextHolder.getLocale();
		if (english == null || english.isBlank() || Locale.ENGLISH.getLanguage().equals(locale.getLanguage())) {
			return english;
		}
		Matcher column = IN_COLUMN.matcher(english);
		if (column.matches()) {
			String core = said(column.group(1));
			return (core == null) ? english : text("jobs.error.inColumn", core, column.group(2), column.group(3));
		}
		String said = said(english);
		return (said != null) ? said : english;
	}

	private String said(String english) {
		for (Shape shape : SHAPES) {
			Matcher matcher = shape.pattern().matcher(english);
			if (!matcher.matches()) {
				continue;
			}
			int groups = matcher.groupCount();
			Object[] args = new Object[groups];
			for (int i = 0; i < groups; i++) {
				args[i] = (matcher.group(i + 1) != null) ? matcher.group(i + 1) : "";
			}
			String key = shape.key();
			if (shape.pattern().pattern().contains("(?<what>")) {
				String what = matcher.group("what");
				String field = FIELDS.get(what);
				if (field == null) {
					continue;
				}
				key = key + "." + field;
			}
			String said = this.messages.getMessage(key, args, null, LocaleContextHolder.getLocale());
			if (said != null) {
				return said;
			}
		}
		return null;
	}

	/** The fields a sentence may name, by the word it uses, as keys of {@code jobs.error.*.<field>}. */
	private static final Map<String, String> FIELDS = Map.of("email", "email", "first name", "firstName", "last name",
			"lastName", "group", "group", "office", "office", "profile type", "profileType", "host email", "hostEmail",
			"delegate email", "delegateEmail");

	private record Shape(Pattern pattern, String key) {

		Shape(String regex, String key) {
			this(Pattern.compile(regex), key);
		}

	}

}
