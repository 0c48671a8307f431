package dev.roster.console;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.roster.account.Account;
import dev.roster.intake.Cells;
import dev.roster.intake.ColumnMap;
import dev.roster.intake.InputRow;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.UserRowRules;
import dev.roster.intake.UserRowRules.ValidatedUser;

import org.springframework.context.MessageSource;

/**
 * A user's fields as a person types them into the console (to add a user, or to edit one), validated by the rules of
 * an import row, so the console accepts exactly what a spreadsheet would. The rules speak English to a spreadsheet's
 * columns; the form says the same in the person's language, next to the field.
 *
 * @param mode {@code create} (active now, with codes) or {@code invite} (registers first); adding only
 */
record UserPageForm(String email, String firstName, String lastName, String profileType, String group,
		String office, String billingCode, String language, String mode) {

	private static final ColumnMap COLUMNS = UserRowRules.recordColumns("the form");

	private static final Pattern AT_MOST = Pattern.compile("at most (\\d+)");

	private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

	/** An empty form to add a user: the account's defaults, created at once. */
	static UserPageForm blank(Account account) {
		String profileType = (account.defaultProfileType() != null) ? account.defaultProfileType().name() : "";
		return new UserPageForm("", "", "", profileType, "", "", "", "en", "create");
	}

	/** Validates the form as an import row would be for {@code account}. */
	ValidatedUser validate(Account account, IntakeLimits limits) {
		InputRow row = new InputRow(1, java.util.stream.Stream
			.of(this.email, this.firstName, this.lastName, this.profileType, this.group, this.office, this.billingCode,
					this.language)
			.map(Cells::clean)
			.toList());
		return new UserRowRules(account, COLUMNS, limits).validate(row);
	}

	/**
	 * The problem of a validated form in the person's language, keyed by the form's field ({@code firstName}...);
	 * empty when there is none.
	 */
	static Map<String, String> errors(ValidatedUser user, MessageSource messages, Locale locale) {
		if (user.error() == null) {
			return Map.of();
		}
		return Map.of(formField(user.failedField()), message(user.error(), messages, locale));
	}

	/** The form's name of a row field: {@code first_name} is {@code firstName}. */
	static String formField(String field) {
		if (field == null) {
			return "email";
		}
		Matcher parts = Pattern.compile("_([a-z])").matcher(field);
		return parts.replaceAll((part) -> part.group(1).toUpperCase(Locale.ROOT));
	}

	/** The English problem of the rules, said again in the person's language. */
	static String message(String error, MessageSource messages, Locale locale) {
		Matcher atMost = AT_MOST.matcher(error);
		Matcher quoted = QUOTED.matcher(error);
		String value = quoted.find() ? quoted.group(1) : "";
		String key;
		Object[] args = {};
		if (error.startsWith("missing ")) {
			key = "user.error.required";
		}
		else if (error.startsWith("email domain ")) {
			key = "user.error.domain";
			args = new Object[] { value };
		}
		else if (error.startsWith("invalid email ")) {
			key = "user.error.email";
		}
		else if (error.startsWith("unknown ")) {
			key = "user.error.unknown";
			args = new Object[] { value };
		}
		else if (error.startsWith("invalid billing code ")) {
			key = "user.error.billingCode";
			args = new Object[] { atMost.find() ? atMost.group(1) : "" };
		}
		else if (error.startsWith("no profile type given")) {
			key = "user.error.noProfileType";
		}
		else if (error.contains("control characters")) {
			key = "user.error.control";
		}
		else if (atMost.find()) {
			key = "user.error.tooLong";
			args = new Object[] { atMost.group(1) };
		}
		else {
			key = "user.error.invalid";
		}
		return messages.getMessage(key, args, locale);
	}

}
