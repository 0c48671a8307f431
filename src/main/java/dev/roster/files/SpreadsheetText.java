package dev.roster.files;

/**
 * Text a spreadsheet would run as a formula when it opens a CSV file: a value starting with {@code = + - @}, a tab
 * or a carriage return. Every report and export writes such a value with an apostrophe first, which spreadsheets
 * show as text; reading a file takes the apostrophe off again, exactly once.
 */
public final class SpreadsheetText {

	private static final String FORMULA_STARTS = "=+-@\t\r";

	private SpreadsheetText() {
	}

	/** The value as a CSV cell that no spreadsheet runs; {@code null} stays {@code null}. */
	public static String neutralise(String value) {
		return (value != null && !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0) ? "'" + value
				: value;
	}

	/** Whether {@code value} is one {@link #neutralise} prefixed: an apostrophe before a formula's first character. */
	public static boolean isNeutralised(String value) {
		return value.length() > 1 && value.charAt(0) == '\'' && FORMULA_STARTS.indexOf(value.charAt(1)) >= 0;
	}

}
