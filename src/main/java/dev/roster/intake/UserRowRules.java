package dev.roster.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.roster.account.Account;
import dev.roster.account.Reference;
import dev.roster.user.UserFields;
import dev.roster.user.UserStore;

/**
 * Validates a row that describes a user (import-users, sync-roster) against the account's reference data. Each
 * problem names the column as the user wrote it and its spreadsheet letter, so the row can be fixed in Excel.
 */
public final class UserRowRules {

	public static final String EMAIL = "email";

	public static final String FIRST_NAME = "first_name";

	public static final String LAST_NAME = "last_name";

	public static final String PROFILE_TYPE = "profile_type";

	public static final String GROUP = "group";

	public static final String OFFICE = "office";

	public static final String BILLING_CODE = "billing_code";

	public static final String LANGUAGE = "language";

	/** The columns a user file must have. */
	public static final Set<String> REQUIRED = Set.of(EMAIL, FIRST_NAME, LAST_NAME);

	private static final List<String> FIELDS = List.of(EMAIL, FIRST_NAME, LAST_NAME, PROFILE_TYPE, GROUP, OFFICE,
			BILLING_CODE, LANGUAGE);

	/** Addresses as mail servers accept them: ASCII, a dotted domain; internationalised addresses are not taken. */
	private static final Pattern EMAIL_SYNTAX = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
			+ "(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
			+ "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

	private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private static final Map<String, String> LANGUAGES = Map.ofEntries(Map.entry("en", "en"),
			Map.entry("english", "en"), Map.entry("ingles", "en"), Map.entry("inglés", "en"), Map.entry("es", "es"),
			Map.entry("spanish", "es"), Map.entry("espanol", "es"), Map.entry("español", "es"),
			Map.entry("castellano", "es"));

	static final int MAX_EMAIL = 254;

	static final int MAX_NAME = 100;

	static final int MAX_BILLING_CODE = 50;

	private final Account account;

	private final ColumnMap columns;

	private final IntakeLimits limits;

	public UserRowRules(Account account, ColumnMap columns, IntakeLimits limits) {
		this.account = account;
		this.columns = columns;
		this.limits = limits;
	}

	/**
	 * The columns of a user given as one record rather than a file (a request's body, a form): each field is its own
	 * and only header, in the order email, first name, last name, profile type, group, office, billing code, language.
	 */
	public static ColumnMap recordColumns(String source) {
		Map<String, List<String>> aliases = new LinkedHashMap<>();
		FIELDS.forEach((field) -> aliases.put(field, List.of()));
		return ColumnMap.resolve(source, FIELDS, HeaderAliases.of(aliases), REQUIRED);
	}

	/**
	 * The user a row describes, or the first problem found in it. The email is checked first: when it passes, the
	 * result names it (email and key) even if a later value rejects the row, so a job can tell whose row it was.
	 */
	public ValidatedUser validate(InputRow row) {
		if (row.problem() != null) {
			// a character that cannot be stored (it reads as U+FFFD) in the email cell leaves the row nameless
			String field = (this.columns.get(row, EMAIL).indexOf('\uFFFD') >= 0) ? EMAIL : null;
			return new ValidatedUser(row, null, null, null, row.problem(), field, false);
		}
		String email;
		try {
			email = email(row);
		}
		catch (RowProblem problem) {
			return new ValidatedUser(row, null, null, null, problem.getMessage(), problem.field, false);
		}
		boolean cleaned = email.length() != this.columns.get(row, EMAIL).length();
		String emailKey = UserStore.emailKey(email);
		try {
			return new ValidatedUser(row, email, emailKey, fields(row), null, null, cleaned);
		}
		catch (RowProblem problem) {
			return new ValidatedUser(row, email, emailKey, null, problem.getMessage(), problem.field, cleaned);
		}
	}

	private String email(InputRow row) {
		String cell = required(row, EMAIL, "email");
		String email = withoutInvisible(cell);
		if (email.isEmpty()) {
			throw problem("missing email (the cell holds only invisible characters: " + invisibleIn(cell) + ")",
					EMAIL);
		}
		if (!isValidEmail(email)) {
			throw problem("invalid email '" + email + "'"
					+ (email.equals(cell) ? "" : " (invisible characters removed: " + invisibleIn(cell) + ")"), EMAIL);
		}
		checkEmailDomain(email);
		return email;
	}

	/**
	 * {@code value} without the characters a spreadsheet shows as nothing or as a blank, which copying from web
	 * pages, PDFs and mail programs leaves in addresses: format characters (zero-width spaces U+200B-U+200D, the
	 * direction marks U+200E and U+200F, U+2060, a stray byte order mark U+FEFF, the soft hyphen U+00AD...) and
	 * spaces other than the ASCII one (no-break space U+00A0, U+2007, U+202F...). No address contains them, so
	 * removing them from an email changes nothing a person meant; an ASCII space is left, and stays invalid.
	 */
	public static String withoutInvisible(String value) {
		int first = firstInvisible(value);
		if (first < 0) {
			return value;
		}
		StringBuilder kept = new StringBuilder(value.length()).append(value, 0, first);
		for (int i = first; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!isInvisible(c)) {
				kept.append(c);
			}
		}
		return kept.toString();
	}

	/** The invisible characters of {@code value} as code points, for messages: {@code U+200E, U+00A0}. */
	public static String invisibleIn(String value) {
		return value.chars()
			.filter((c) -> isInvisible((char) c))
			.distinct()
			.mapToObj((c) -> String.format(Locale.ROOT, "U+%04X", c))
			.collect(java.util.stream.Collectors.joining(", "));
	}

	private static int firstInvisible(String value) {
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) >= 0x80 && isInvisible(value.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isInvisible(char c) {
		return c >= 0x80 && (Character.getType(c) == Character.FORMAT || Character.isSpaceChar(c));
	}

	/**
	 * An account that owns email domains takes addresses at them only, so it cannot take another organisation's
	 * users first. It is a problem with the email, rejected as a malformed one is, before the rest of the row.
	 */
	private void checkEmailDomain(String email) {
		String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
		if (!this.account.acceptsEmailDomain(domain)) {
			throw problem("email domain '" + domain + "' is not one of this account's domains: "
					+ String.join(", ", this.account.emailDomains()), EMAIL);
		}
	}

	/** Whether {@code email} (already trimmed) is an address Roster accepts; the rule every job applies. */
	public static boolean isValidEmail(String email) {
		return email.length() <= MAX_EMAIL && EMAIL_SYNTAX.matcher(email).matches()
				&& email.indexOf('@') <= 64;
	}

	private UserFields fields(InputRow row) {
		checkWidth(row);
		for (String field : FIELDS) {
			int length = this.columns.get(row, field).length();
			if (length > this.limits.maxCellChars()) {
				throw problem("value too long (" + length + " characters; at most " + this.limits.maxCellChars() + ")",
						field);
			}
		}
		String firstName = name(row, FIRST_NAME, "first name");
		String lastName = name(row, LAST_NAME, "last name");
		Reference profileType = reference(row, PROFILE_TYPE, "profile type", this.account::profileType)
			.orElse(this.account.defaultProfileType());
		if (profileType == null) {
			throw problem("no profile type given and the account has no default; ask support to set one",
					PROFILE_TYPE);
		}
		Long group = reference(row, GROUP, "group", this.account::group).map(Reference::id).orElse(null);
		Long office = reference(row, OFFICE, "office", this.account::office).map(Reference::id).orElse(null);
		String billingCode = this.columns.get(row, BILLING_CODE);
		if (billingCode.isEmpty()) {
			billingCode = this.account.defaultBillingCode();
		}
		else if (billingCode.length() > MAX_BILLING_CODE || CONTROL.matcher(billingCode).find()) {
			throw problem("invalid billing code '" + billingCode + "' (at most " + MAX_BILLING_CODE + " characters)",
					BILLING_CODE);
		}
		return new UserFields(firstName, lastName, profileType.id(), group, office, billingCode, language(row));
	}

	private void checkWidth(InputRow row) {
		for (int i = this.columns.width(); i < row.cells().size(); i++) {
			if (!row.cells().get(i).isEmpty()) {
				throw new RowProblem("row has " + row.cells().size() + " values but the header has "
						+ this.columns.width() + " columns (a delimiter inside an unquoted value?)");
			}
		}
	}

	private String name(InputRow row, String field, String what) {
		// line breaks typed into a cell (Alt+Enter in Excel) and runs of spaces become one space
		String name = WHITESPACE.matcher(required(row, field, what)).replaceAll(" ");
		if (name.length() > MAX_NAME) {
			throw problem(what + " too long (" + name.length() + " characters; at most " + MAX_NAME + ")", field);
		}
		if (CONTROL.matcher(name).find()) {
			throw problem(what + " contains control characters", field);
		}
		return name;
	}

	private String language(InputRow row) {
		String value = this.columns.get(row, LANGUAGE);
		if (value.isEmpty()) {
			return "en";
		}
		String language = LANGUAGES.get(value.toLowerCase(Locale.ROOT));
		if (language == null) {
			throw problem("unknown language '" + value + "'; use en or es", LANGUAGE);
		}
		return language;
	}

	private Optional<Reference> reference(InputRow row, String field, String what,
			java.util.function.Function<String, Optional<Reference>> lookup) {
		String value = this.columns.get(row, field);
		if (value.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(lookup.apply(value)
			.orElseThrow(() -> problem("unknown " + what + " '" + value + "'; ask support to add it", field)));
	}

	private String required(InputRow row, String field, String what) {
		String value = this.columns.get(row, field);
		if (value.isEmpty()) {
			throw problem("missing " + what, field);
		}
		return value;
	}

	private RowProblem problem(String message, String field) {
		return new RowProblem(message + " in column '" + this.columns.columnName(field) + "' ("
				+ this.columns.columnLetter(field) + ")", field);
	}

	/**
	 * A row that passed validation, or why it did not. The email's key is worked out here, with the validation, off
	 * the thread the database waits for.
	 *
	 * @param email the address (invisible characters removed), or {@code null} when the email is what failed
	 * @param emailKey the identity {@code email} names, or {@code null} with it
	 * @param failedField the field whose value rejected the row ({@link #EMAIL}, {@link #OFFICE}...), or {@code null}
	 * when the row is valid or was rejected as a whole (more values than the header)
	 * @param emailCleaned invisible characters were removed from the email cell to read it
	 */
	public record ValidatedUser(InputRow row, String email, String emailKey, UserFields fields, String error,
			String failedField, boolean emailCleaned) implements LedgerRow {

		/**
		 * Whether the row was rejected for its email (missing, not an address, or any other rule about the address):
		 * such a row names no user, so a file with one cannot show who is absent from it.
		 */
		public boolean emailRejected() {
			return EMAIL.equals(this.failedField);
		}

	}

	/** Stops validating a row at its first problem. */
	private static final class RowProblem extends RuntimeException {

		private final String field;

		RowProblem(String message) {
			this(message, null);
		}

		RowProblem(String message, String field) {
			super(message, null, false, false);
			this.field = field;
		}

	}

}
