package dev.roster.intake;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date cells of lifecycle files ({@code Termination Date}). Only ISO 8601 is accepted, optionally with a
 * time as an XLSX date cell or a database export writes it: a day-first 03/04/2027 is 3 April in Madrid and 4 March
 * in New York, and a termination date read the wrong way can cut someone off a month early.
 */
public final class DateCells {

	/** The field of the termination date column, as {@code jobs/header-aliases.yaml} names it. */
	public static final String TERMINATION_DATE = "termination_date";

	/** How a rejection tells the user to write a date. */
	public static final String HINT = "write it as YYYY-MM-DD (e.g. 2027-01-31)";

	/** Words that, in a termination date cell, cancel a scheduled termination. */
	private static final Set<String> CANCEL_WORDS = Set.of("cancel", "cancelled", "canceled", "cancelar",
			"cancelada", "cancelado", "anular", "anulada", "anulado");

	private static final Pattern ISO_DATE = Pattern
		.compile("(\\d{4}-\\d{2}-\\d{2})([T ]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?");

	private DateCells() {
	}

	/** The date {@code value} stands for, or {@code null} when it is not an ISO date. */
	public static LocalDate parse(String value) {
		Matcher matcher = ISO_DATE.matcher(value);
		if (!matcher.matches()) {
			return null;
		}
		try {
			return LocalDate.parse(matcher.group(1));
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** Whether {@code value} asks to cancel a scheduled termination ({@code cancel}, {@code cancelar}...). */
	public static boolean isCancel(String value) {
		return CANCEL_WORDS.contains(value.toLowerCase(Locale.ROOT));
	}


}
