package dev.roster.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

import dev.roster.files.OwnerOnly;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * XLSX written with POI's streaming workbook: only a window of rows stays in memory, the rest goes to a compressed
 * temporary file. Every value is a text cell with the text format, so Excel keeps the leading zeros of codes and
 * billing codes and never evaluates a value as a formula. A sheet holds at most Excel's 1,048,576 rows, the header
 * included; the users beyond continue on {@code Users 2}, {@code Users 3}..., each with the header again. The file is
 * readable by its owner only and appears only complete.
 */
final class XlsxUserSheet implements UserSheet {

	/** Excel's limit: more rows in a sheet and Excel refuses the file, or silently drops the rest. */
	static final int MAX_ROWS_PER_SHEET = SpreadsheetVersion.EXCEL2007.getMaxRows();

	private static final String FIRST_SHEET = "Users";

	private static final int ROWS_IN_MEMORY = 100;

	private final Path target;

	private final int rowsPerSheet;

	private final SXSSFWorkbook workbook;

	private final CellStyle text;

	private final CellStyle header;

	private Sheet sheet;

	private int rows;

	XlsxUserSheet(Path target) {
		this(target, MAX_ROWS_PER_SHEET);
	}

	/** A workbook that goes to a stream ({@link #writeTo}), a download, rather than to a file. */
	XlsxUserSheet() {
		this(null, MAX_ROWS_PER_SHEET);
	}

	/** @param rowsPerSheet the rows of a sheet, its header included */
	XlsxUserSheet(Path target, int rowsPerSheet) {
		if (rowsPerSheet < 2 || rowsPerSheet > MAX_ROWS_PER_SHEET) {
			throw new IllegalArgumentException(
					"a sheet holds 2 to " + MAX_ROWS_PER_SHEET + " rows, not " + rowsPerSheet);
		}
		this.target = target;
		this.rowsPerSheet = rowsPerSheet;
		this.workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
		this.workbook.setCompressTempFiles(true);
		this.text = this.workbook.createCellStyle();
		this.text.setDataFormat(this.workbook.createDataFormat().getFormat("@"));
		this.header = this.workbook.createCellStyle();
		this.header.cloneStyleFrom(this.text);
		Font bold = this.workbook.createFont();
		bold.setBold(true);
		this.header.setFont(bold);
		startSheet();
	}

	@Override
	public void write(List<String> row) {
		if (this.rows == this.rowsPerSheet) {
			startSheet();
		}
		writeRow(row, this.text);
	}

	/** The rows of a sheet, its header included. */
	int rowsPerSheet() {
		return this.rowsPerSheet;
	}

	/** How many sheets the users took so far. */
	@Override
	public int sheets() {
		return this.workbook.getNumberOfSheets();
	}

	private void startSheet() {
		int number = this.workbook.getNumberOfSheets() + 1;
		this.sheet = this.workbook.createSheet((number == 1) ? FIRST_SHEET : FIRST_SHEET + " " + number);
		this.rows = 0;
		for (int column = 0; column < COLUMNS.size(); column++) {
			this.sheet.setColumnWidth(column, 20 * 256);
		}
		this.sheet.createFreezePane(0, 1);
		writeRow(COLUMNS, this.header);
	}

	private void writeRow(List<String> values, CellStyle style) {
		Row row = this.sheet.createRow(this.rows++);
		for (int column = 0; column < values.size(); column++) {
			Cell cell = row.createCell(column);
			cell.setCellStyle(style);
			String value = values.get(column);
			if (value != null) {
				cell.setCellValue(value);
			}
		}
	}

	@Override
	public void finish() throws IOException {
		try (OwnerOnly.Pending file = OwnerOnly.write(this.target)) {
			writeTo(file.stream());
			file.commit();
		}
	}

	/** Writes the complete workbook to {@code stream}, and closes it. */
	void writeTo(OutputStream stream) throws IOException {
		try (OutputStream out = new BufferedOutputStream(stream, 1 << 16)) {
			this.workbook.write(out);
		}
	}

	@Override
	public void close() throws IOException {
		// deletes the streaming temporary files whether or not the export finished
		this.workbook.close();
	}

}
