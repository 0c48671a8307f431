package dev.roster.intake;

import java.text.Normalizer;
import java.text.Normalizer.Form;
import java.util.Locale;

/**
 * How a cell or header value is read, whatever program wrote the file: Unicode-normalised, trimmed, with the
 * apostrophe that neutralises a formula taken back off.
 */
public final class Cells {

	// Spreadsheets run a cell starting with one of these as a formula; our exports prefix such values with an
	// apostrophe, which spreadsheets show as text and which must be removed again when the file comes back.
	private static final String FORMULA_STARTS = "=+-@";

	private Cells() {
	}

	/**
	 * The value a cell stands for: {@code ""} for {@code null}, NFC-normalised (macOS and some web forms write
	 * decomposed accents), trimmed of every kind of Unicode space (Excel keeps non-breaking spaces pasted from web
	 * pages) and with a leading apostrophe removed when it precedes {@code =}, {@code +}, {@code -} or {@code @}.
	 */
	public static String clean(String raw) {
		if (raw == null) {
			return "";
		}
		String value = trim(Normalizer.normalize(raw, Form.NFC));
		if (value.length() > 1 && value.charAt(0) == '\'' && FORMULA_STARTS.indexOf(value.charAt(1)) >= 0) {
			return value.substring(1);
		}
		return value;
	}

	/**
	 * The form in which two headers are compared: lower case, without accents and keeping only letters and digits,
	 * so that {@code E-mail}, {@code e_mail} and {@code EMAIL } all give {@code email}.
	 */
	public static String headerKey(String header) {
		String decomposed = Normalizer.normalize(clean(header).toLowerCase(Locale.ROOT), Form.NFD);
		StringBuilder key = new StringBuilder(decomposed.length());
		// Combining accents are neither letters nor digits, so this also drops the accents NFD split off.
		decomposed.codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
		return key.toString();
	}

	private static String trim(String value) {
		int start = 0;
		int end = value.length();
		while (start < end && isSpace(value.charAt(start))) {
			start++;
		}
		while (end > start && isSpace(value.charAt(end - 1))) {
			end--;
		}
		return value.substring(start, end);
	}

	private static boolean isSpace(char c) {
		// Zero-width spaces and stray byte order marks (files concatenated by a script) are invisible in a
		// spreadsheet, so a user cannot see why "Email" would not match.
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\u2060'
				|| c == '\uFEFF';
	}

}
