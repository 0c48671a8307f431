package dev.roster.intake;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * The rows of one worksheet of an XLSX workbook, streamed: {@link XlsxPackage} opens the parts, and a pull parser
 * reads the sheet one row at a time as the job asks for it, so memory does not grow with the sheet. Shared strings
 * come from an off-heap {@link SharedStrings} table, styles from {@link XlsxStyles}; a formula's cached value is
 * read, the formula itself never runs. Row numbers are the sheet's own ({@code <row r="7">} is row 7 in Excel). What
 * a damaged sheet is told is in {@link XlsxRejections}.
 */
final class XlsxRows implements RowSource {

	static final int SHEET_ROWS = 1_048_576;

	static final int SHEET_COLUMNS = 16_384;

	private final XlsxPackage workbook;

	private final String fileName;

	private final String sheetName;

	private final SharedStrings strings;

	private final XlsxStyles styles;

	private final XmlParts.Parser sheet;

	private final StringBuilder value = new StringBuilder();

	private final int maxValueChars;

	private long lastRow;

	private boolean done;

	// whether a cell of the row being read holds a NUL character, decoded from _x0000_
	private boolean rowHoldsNul;

	private XlsxRows(XlsxPackage workbook, int maxCellChars) {
		this.workbook = workbook;
		this.fileName = workbook.fileName();
		this.sheetName = workbook.sheetName();
		this.strings = workbook.strings();
		this.styles = workbook.styles();
		this.sheet = workbook.sheet();
		// room for the escapes OOXML writes (_x000D_) and for spaces trimmed later
		this.maxValueChars = (int) Math.min(Integer.MAX_VALUE - 8L, 7L * maxCellChars + 7);
	}

	/**
	 * Opens the worksheet named {@code wanted} (the first visible one when {@code null}) of a ZIP file, or refuses
	 * the file saying what it is when it is another kind of ZIP (ODS, DOCX, a plain archive).
	 */
	static XlsxRows open(Path file, String fileName, IntakeLimits limits, String wanted) throws IOException {
		return new XlsxRows(XlsxPackage.open(file, fileName, limits, wanted), limits.maxCellChars());
	}

	@Override
	public String nothingRead() {
		return "the sheet '" + this.sheetName + "' is empty";
	}

	@Override
	public String description() {
		return "XLSX (sheet '" + this.sheetName + "')";
	}

	@Override
	public Record next() {
		if (this.done) {
			return null;
		}
		try {
			return readRow();
		}
		catch (Exception ex) {
			throw XlsxRejections.of(this.fileName, ex, this.sheet.part(), (this.lastRow > 0) ? " after row " + this.lastRow : "");
		}
	}

	private Record readRow() throws XMLStreamException {
		XmlParts.Parser sheet = this.sheet;
		List<String> cells = null;
		long row = 0;
		int nextColumn = 0;
		int column = 0;
		String type = null;
		int style = 0;
		boolean collecting = false;
		boolean inline = false;
		int phonetic = 0;
		while (sheet.reader().hasNext()) {
			int event = sheet.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				switch (sheet.name()) {
					case "row" -> {
						row = rowNumber(sheet.attribute("r"));
						cells = new ArrayList<>();
						nextColumn = 0;
						this.rowHoldsNul = this.strings.holdsNul();
					}
					case "c" -> {
						column = columnIndex(sheet.attribute("r"), nextColumn, row);
						type = sheet.attribute("t");
						style = styleIndex(sheet.attribute("s"));
						this.value.setLength(0);
						inline = false;
					}
					case "v" -> collecting = true;
					case "is" -> inline = true;
					case "t" -> collecting = inline && phonetic == 0;
					case "rPh" -> phonetic++;
					default -> {
					}
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				switch (sheet.name()) {
					case "v", "t" -> collecting = false;
					case "rPh" -> phonetic--;
					case "c" -> {
						if (cells != null) {
							String text = render(type, style, row);
							if (!text.isEmpty()) {
								while (cells.size() < column) {
									cells.add("");
								}
								cells.add(text);
							}
						}
						nextColumn = column + 1;
					}
					case "row" -> {
						this.lastRow = row;
						return new Record(row, (cells != null) ? cells : List.of(), this.rowHoldsNul);
					}
					case "sheetData" -> {
						this.done = true;
						return null;
					}
					default -> {
					}
				}
			}
			else if (collecting && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
					|| event == XMLStreamConstants.SPACE)) {
				sheet.appendText(this.value, this.maxValueChars);
			}
		}
		this.done = true;
		return null;
	}

	private String render(String type, int style, long row) {
		StringBuilder raw = this.value;
		if (type == null || type.equals("n")) {
			return (raw.length() == 0) ? "" : this.styles.format(raw.toString().strip(), style);
		}
		switch (type) {
			case "s" -> {
				String index = raw.toString().strip();
				if (index.isEmpty()) {
					return "";
				}
				try {
					return this.strings.get(Long.parseLong(index));
				}
				catch (NumberFormatException | IndexOutOfBoundsException ex) {
					throw XlsxRejections.sharedStringMissing(row, index, this.strings.size());
				}
			}
			case "inlineStr", "str" -> {
				String text = XlsxText.decode(raw);
				this.rowHoldsNul = this.rowHoldsNul || XlsxText.holdsNul(raw, text);
				return text;
			}
			case "b" -> {
				String flag = raw.toString().strip();
				return flag.isEmpty() ? "" : (flag.equals("1") || flag.equalsIgnoreCase("true")) ? "TRUE" : "FALSE";
			}
			case "d" -> {
				String date = raw.toString().strip();
				for (String midnight : List.of("T00:00:00Z", "T00:00:00.000Z", "T00:00:00", "T00:00:00.000")) {
					if (date.endsWith(midnight)) {
						return date.substring(0, date.length() - midnight.length());
					}
				}
				return date;
			}
			default -> {
				// errors (#N/A, #REF!) read as Excel shows them
				return raw.toString();
			}
		}
	}

	private long rowNumber(String reference) {
		long row;
		if (reference == null) {
			row = this.lastRow + 1;
		}
		else {
			try {
				row = Long.parseLong(reference.strip());
			}
			catch (NumberFormatException ex) {
				throw XlsxRejections.rowNumberUnreadable(this.sheetName, reference);
			}
		}
		if (row < 1 || row > SHEET_ROWS) {
			throw XlsxRejections.rowNumberOutOfRange(this.sheetName, row);
		}
		if (row <= this.lastRow) {
			throw XlsxRejections.rowOutOfOrder(this.sheetName, row, this.lastRow);
		}
		return row;
	}

	private static int columnIndex(String reference, int next, long row) {
		if (reference == null) {
			return next;
		}
		int column = 0;
		int i = 0;
		for (; i < reference.length(); i++) {
			char c = reference.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				column = column * 26 + (c - 'A' + 1);
			}
			else if (c >= 'a' && c <= 'z') {
				column = column * 26 + (c - 'a' + 1);
			}
			else {
				break;
			}
			if (column > SHEET_COLUMNS) {
				throw XlsxRejections.cellBeyondLastColumn(row, reference);
			}
		}
		if (i == 0) {
			throw XlsxRejections.cellUnnamed(row, reference);
		}
		return column - 1;
	}

	private static int styleIndex(String style) {
		if (style == null) {
			return 0;
		}
		try {
			return Integer.parseInt(style.strip());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	@Override
	public void close() {
		this.workbook.close();
	}

}
