package dev.roster.intake;

import java.text.Normalizer;
import java.text.Normalizer.Form;
import java.util.Locale;

import dev.roster.files.SpreadsheetText;

/**
 * How a cell or header value is read, whatever program wrote the file: Unicode-normalised, trimmed, with the
 * apostrophe that neutralises a formula taken back off.
 */
public final class Cells {

	private Cells() {
	}

	/**
	 * The value a cell stands for: {@code ""} for {@code null}, NFC-normalised (macOS and some web forms write
	 * decomposed accents), trimmed of every kind of Unicode space (Excel keeps non-breaking spaces pasted from web
	 * pages) and with the apostrophe that Roster's reports and exports put before a formula's first character
	 * ({@link SpreadsheetText}) removed once: an edited report or export imports as the values it came from.
	 */
	public static String clean(String raw) {
		if (raw == null) {
			return "";
		}
		return unneutralise(trim(Normalizer.normalize(raw, Form.NFC)));
	}

	private static String unneutralise(String value) {
		if (!SpreadsheetText.isNeutralised(value)) {
			return value;
		}
		String protectedValue = value.substring(1);
		// An apostrophe before a tab or carriage return protected a value that starts with white space, which reading
		// trims: what follows is read as that value would have been, its own apostrophe included, so that what a
		// report shows always reads back as what its cell was read as in the first place.
		return isSpace(protectedValue.charAt(0)) ? unneutralise(trim(protectedValue)) : protectedValue;
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
