package dev.roster.intake;

import java.util.List;

/**
 * One non-blank data record of an input file, its cells already cleaned with {@link Cells#clean(String)}.
 * <p>
 * {@code number} is the row a user sees when opening the file in a spreadsheet: blank lines count, a quoted value
 * spanning several lines does not add rows, and Excel's {@code sep=} line is not shown so it is not counted either.
 * <p>
 * The row has at least as many cells as the header ({@link TabularReader} pads short rows with {@code ""}). It has
 * more only when it carries non-blank values to the right of the last header column; such a row must be rejected.
 * <p>
 * A row can carry a {@code problem} that rejects it in every job before any of its values is looked at: a NUL
 * character (U+0000), which PostgreSQL cannot store in text. Its cells then hold U+FFFD in place of each NUL, so that
 * they can go into the rejects report.
 *
 * @param number the spreadsheet row number, the header being row 1 unless blank lines precede it
 * @param cells the cleaned cell values, left to right
 * @param problem why the row is rejected whatever the job reads it for, or {@code null}
 */
public record InputRow(long number, List<String> cells, String problem) {

	public InputRow {
		cells = List.copyOf(cells);
	}

	/** A row without a problem. */
	public InputRow(long number, List<String> cells) {
		this(number, cells, null);
	}

}
