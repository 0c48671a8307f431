package dev.roster.intake;

import java.io.Closeable;
import java.util.List;

/**
 * The records of one file format, as {@link TabularReader} reads them: raw cell values, blank records included, each
 * with the row number a spreadsheet shows.
 */
interface RowSource extends Closeable {

	/**
	 * The next record, or {@code null} after the last one.
	 * @throws InputRejectedException when the file cannot be read at that record or breaks a limit
	 */
	Record next();

	/**
	 * What was recognised, for logs and job summaries.
	 */
	String description();

	/**
	 * Why there is no header when no record has a value: the file, or the sheet, is blank.
	 */
	String nothingRead();

	@Override
	void close();

	/**
	 * One record: its spreadsheet row number and its cells, left to right, not yet cleaned.
	 *
	 * @param mayHoldNul whether a cell may hold a NUL character (U+0000): {@code false} when the source knows that
	 * none does, so that the cells of clean files are never searched for one
	 */
	record Record(long number, List<String> cells, boolean mayHoldNul) {

		Record(long number, List<String> cells) {
			this(number, cells, false);
		}

	}

}
