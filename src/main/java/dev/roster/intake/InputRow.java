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
 *
 * @param number the spreadsheet row number, the header being row 1 unless blank lines precede it
 * @param cells the cleaned cell values, left to right
 */
public record InputRow(long number, List<String> cells) {

	public InputRow {
		cells = List.copyOf(cells);
	}

}
