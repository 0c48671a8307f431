package dev.roster.intake;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the rows of one input file, whatever wrote it: an XLSX workbook (its first visible worksheet, or the one
 * named), or CSV/TSV text in whichever encoding and delimiter it uses. The format comes from the content, never from
 * the file name. The whole file is refused with an {@link InputRejectedException} when it cannot be read or breaks the
 * {@link IntakeLimits}.
 * <p>
 * The first non-blank row is the header. {@link #next()} returns the data rows after it, skipping blank ones, each with
 * its spreadsheet row number (see {@link InputRow}) and its cells cleaned with {@link Cells#clean(String)}. A row
 * shorter than the header is padded with {@code ""}; blank cells beyond the header are dropped, but a row with a
 * non-blank value beyond the header keeps all its cells, so it has more cells than {@link #header()} and the caller
 * must reject it. A cell longer than {@link IntakeLimits#maxCellChars()} is cut to one character more than that, so
 * the caller can see it is too long and reject its row. A row with a NUL character (U+0000) in a cell, which
 * PostgreSQL cannot store, carries an {@link InputRow#problem() problem} naming the file, row and column, and U+FFFD
 * in place of each NUL; a NUL in the header refuses the file.
 * <p>
 * I/O failures (a missing file, a failing disk) are thrown as {@link UncheckedIOException}: they are not the file's
 * fault. Not thread-safe; to read a file again, open it again.
 */
public final class TabularReader implements Closeable {

	/**
	 * The longest CSV record accepted, in characters; longer ones are nearly always a quote that never closes.
	 */
	static final int MAX_RECORD_CHARS = CsvRows.MAX_RECORD_CHARS;

	private final String fileName;

	private final IntakeLimits limits;

	private final RowSource source;

	private final List<String> header;

	private long dataRows;

	// the first column of the record last read by cells() that held a NUL character, -1 when none did
	private int nulColumn = -1;

	private TabularReader(String fileName, IntakeLimits limits, RowSource source) {
		this.fileName = fileName;
		this.limits = limits;
		this.source = source;
		this.header = readHeader();
	}

	/**
	 * Opens {@code file} and reads its header; a workbook is read from its first visible worksheet.
	 * @throws InputRejectedException when the file is empty, too large, neither XLSX nor CSV/TSV text, or has no
	 * header row
	 * @throws UncheckedIOException when the file cannot be read
	 */
	public static TabularReader open(Path file, IntakeLimits limits) {
		return open(file, limits, null);
	}

	/**
	 * Opens {@code file} and reads its header; a workbook is read from the worksheet named {@code sheet} (compared
	 * ignoring case when no sheet has exactly that name), or its first visible worksheet when {@code sheet} is
	 * {@code null}.
	 * @throws InputRejectedException as {@link #open(Path, IntakeLimits)}, and when the workbook has no such sheet or
	 * a sheet is named for a text file
	 * @throws UncheckedIOException when the file cannot be read
	 */
	public static TabularReader open(Path file, IntakeLimits limits, String sheet) {
		String fileName = String.valueOf(file.getFileName());
		try {
			long size = Files.size(file);
			if (size == 0) {
				throw InputRejectedException.of(fileName, "the file is empty");
			}
			if (size > limits.maxFileBytes()) {
				throw InputRejectedException.of(fileName, "the file is " + formatBytes(size)
						+ ", more than the limit of " + formatBytes(limits.maxFileBytes()));
			}
			byte[] head;
			try (InputStream in = Files.newInputStream(file)) {
				head = in.readNBytes(ContentSniffer.HEAD_BYTES);
			}
			RowSource source;
			if (ContentSniffer.isZip(head)) {
				// parsing XML costs several times what parsing CSV does: done ahead, it overlaps the job's writes
				source = new ReadAhead(XlsxRows.open(file, fileName, limits, sheet), fileName);
			}
			else {
				source = CsvRows.open(file, fileName, head);
				if (sheet != null) {
					source.close();
					String kind = source.description().startsWith("TSV") ? "TSV" : "CSV";
					throw InputRejectedException.of(fileName, "a sheet ('" + sheet + "') was named, but the file is "
							+ kind + " text, which has no sheets; import it without naming a sheet");
				}
			}
			try {
				return new TabularReader(fileName, limits, source);
			}
			catch (RuntimeException ex) {
				source.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The file name (without its directory), as rejection messages name it.
	 */
	public String fileName() {
		return this.fileName;
	}

	/**
	 * The cleaned header cells, without the blank cells that trail the last named column.
	 */
	public List<String> header() {
		return this.header;
	}

	/**
	 * What was recognised, for logs and job summaries: {@code CSV (UTF-8 with BOM, ';')}, {@code TSV (Windows-1252)},
	 * {@code XLSX (sheet 'Users')}.
	 */
	public String description() {
		return this.source.description();
	}

	/**
	 * The next non-blank data row, or {@code null} after the last one.
	 * @throws InputRejectedException when the file breaks a limit or cannot be decoded or parsed at that row; rows
	 * already returned are then part of a rejected file
	 */
	public InputRow next() {
		while (true) {
			RowSource.Record record = this.source.next();
			if (record == null) {
				return null;
			}
			List<String> cells = cells(record);
			if (cells.isEmpty()) {
				continue;
			}
			this.dataRows++;
			if (this.dataRows > this.limits.maxRows()) {
				throw InputRejectedException.of(this.fileName, String.format(Locale.ROOT,
						"more than %,d data rows (row %d), the limit for one file; split it into smaller files",
						this.limits.maxRows(), record.number()));
			}
			return new InputRow(record.number(), fitToHeader(cells),
					(this.nulColumn < 0) ? null : nulProblem(record.number(), this.nulColumn));
		}
	}

	@Override
	public void close() {
		this.source.close();
	}

	private List<String> readHeader() {
		while (true) {
			RowSource.Record record = this.source.next();
			if (record == null) {
				throw InputRejectedException.of(this.fileName, "no header row: " + this.source.nothingRead());
			}
			List<String> cells = cells(record);
			if (this.nulColumn >= 0 && !cells.isEmpty()) {
				throw InputRejectedException.of(this.fileName, "its header (row " + record.number()
						+ ") contains a NUL character (U+0000) in column " + ColumnMap.letterOf(this.nulColumn)
						+ ", which cannot be stored; remove it");
			}
			if (!cells.isEmpty()) {
				return List.copyOf(cells);
			}
		}
	}

	/**
	 * The cleaned cells up to the last non-blank one; empty for a blank record.
	 */
	private List<String> cells(RowSource.Record record) {
		int maxChars = this.limits.maxCellChars();
		List<String> raw = record.cells();
		int width = raw.size();
		List<String> cells = new ArrayList<>(width);
		int lastNonBlank = -1;
		this.nulColumn = -1;
		for (int i = 0; i < width; i++) {
			String cell = Cells.clean(raw.get(i));
			if (record.mayHoldNul() && cell.indexOf('\0') >= 0) {
				// the row is rejected, and its cells go into the report, which is stored in PostgreSQL first
				cell = cell.replace('\0', '\uFFFD');
				if (this.nulColumn < 0 && i < this.limits.maxColumns()) {
					this.nulColumn = i;
				}
			}
			if (!cell.isEmpty()) {
				if (i >= this.limits.maxColumns()) {
					throw tooManyColumns(this.fileName, record.number(), i, this.limits);
				}
				lastNonBlank = i;
			}
			if (i < this.limits.maxColumns()) {
				cells.add((cell.length() > maxChars) ? cell.substring(0, maxChars + 1) : cell);
			}
		}
		return cells.subList(0, lastNonBlank + 1);
	}

	private String nulProblem(long row, int column) {
		String header = (column < this.header.size()) ? this.header.get(column) : "";
		String named = header.isEmpty() ? "column " + ColumnMap.letterOf(column)
				: "column '" + header + "' (" + ColumnMap.letterOf(column) + ")";
		return "row " + row + " of " + this.fileName + " contains a NUL character (U+0000) in " + named
				+ ", which cannot be stored; remove it";
	}

	private List<String> fitToHeader(List<String> cells) {
		List<String> fitted = new ArrayList<>(cells);
		while (fitted.size() < this.header.size()) {
			fitted.add("");
		}
		return fitted;
	}

	static InputRejectedException tooManyColumns(String fileName, long row, int column, IntakeLimits limits) {
		return InputRejectedException.of(fileName, String.format(Locale.ROOT,
				"row %d has a value in column %s, beyond the limit of %,d columns (%s); delete the columns "
						+ "to the right of your data",
				row, ColumnMap.letterOf(column), limits.maxColumns(), ColumnMap.letterOf(limits.maxColumns() - 1)));
	}

	/**
	 * The delimiter the header uses most often outside quotes, comma on a tie or when it uses none (one column).
	 */
	static char detectDelimiter(String text) {
		return CsvRows.detectDelimiter(text);
	}

	static String formatBytes(long bytes) {
		long gib = 1024L * 1024 * 1024;
		long mib = 1024L * 1024;
		if (bytes >= gib && bytes % gib == 0) {
			return bytes / gib + " GiB";
		}
		if (bytes >= mib) {
			return (bytes % mib == 0) ? bytes / mib + " MiB"
					: String.format(Locale.ROOT, "%.1f MiB", bytes / (double) mib);
		}
		if (bytes >= 1024) {
			return (bytes % 1024 == 0) ? bytes / 1024 + " KiB"
					: String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
		}
		return bytes + (bytes == 1 ? " byte" : " bytes");
	}

}
