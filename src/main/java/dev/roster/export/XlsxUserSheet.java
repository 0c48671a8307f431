package dev.roster.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

import dev.roster.files.OwnerOnly;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * XLSX written with POI's streaming workbook: only a window of rows stays in memory, the rest goes to a compressed
 * temporary file. Every value is a text cell with the text format, so Excel keeps the leading zeros of codes and
 * billing codes and never evaluates a value as a formula. The file is readable by its owner only and appears only
 * complete.
 */
final class XlsxUserSheet implements UserSheet {

	private static final int ROWS_IN_MEMORY = 100;

	private final Path target;

	private final SXSSFWorkbook workbook;

	private final Sheet sheet;

	private final CellStyle text;

	private int rows;

	XlsxUserSheet(Path target) {
		this.target = target;
		this.workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
		this.workbook.setCompressTempFiles(true);
		this.sheet = this.workbook.createSheet("Users");
		this.text = this.workbook.createCellStyle();
		this.text.setDataFormat(this.workbook.createDataFormat().getFormat("@"));
		CellStyle header = this.workbook.createCellStyle();
		header.cloneStyleFrom(this.text);
		Font bold = this.workbook.createFont();
		bold.setBold(true);
		header.setFont(bold);
		for (int column = 0; column < COLUMNS.size(); column++) {
			this.sheet.setColumnWidth(column, 20 * 256);
		}
		this.sheet.createFreezePane(0, 1);
		writeRow(COLUMNS, header);
	}

	@Override
	public void write(List<String> row) {
		writeRow(row, this.text);
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
			try (OutputStream out = new BufferedOutputStream(file.stream(), 1 << 16)) {
				this.workbook.write(out);
			}
			file.commit();
		}
	}

	@Override
	public void close() throws IOException {
		// deletes the streaming temporary files whether or not the export finished
		this.workbook.close();
	}

}
