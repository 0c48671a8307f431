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
	 */
	record Record(long number, List<String> cells) {
	}

}
