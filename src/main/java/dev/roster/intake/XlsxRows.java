package dev.roster.intake;

import java.io.CharConversionException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.ZipException;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;

/**
 * The rows of one worksheet of an XLSX workbook, streamed: POI's package layer finds the parts, and a pull parser
 * reads the sheet one row at a time as the job asks for it, so memory does not grow with the sheet. Shared strings
 * go to an off-heap {@link SharedStrings} table, styles to {@link XlsxStyles}; a formula's cached value is read, the
 * formula itself never runs. Row numbers are the sheet's own ({@code <row r="7">} is row 7 in Excel).
 */
final class XlsxRows implements RowSource {

	static final int SHEET_ROWS = 1_048_576;

	static final int SHEET_COLUMNS = 16_384;

	// content types, relationships and document properties: a few kilobytes in real workbooks
	private static final long PACKAGE_PART_BYTES = 4L * 1024 * 1024;

	private final String fileName;

	private final String sheetName;

	private final OPCPackage workbook;

	private final ZipGuard zip;

	private final SharedStrings strings;

	private final XlsxStyles styles;

	private final InputStream sheetStream;

	private final XmlParts.Parser sheet;

	private final StringBuilder value = new StringBuilder();

	private final int maxValueChars;

	private long lastRow;

	private boolean done;

	// whether a cell of the row being read holds a NUL character, decoded from _x0000_
	private boolean rowHoldsNul;

	private XlsxRows(String fileName, String sheetName, OPCPackage workbook, ZipGuard zip, SharedStrings strings,
			XlsxStyles styles, InputStream sheetStream, XmlParts.Parser sheet, int maxCellChars) {
		this.fileName = fileName;
		this.sheetName = sheetName;
		this.workbook = workbook;
		this.zip = zip;
		this.strings = strings;
		this.styles = styles;
		this.sheetStream = sheetStream;
		this.sheet = sheet;
		// room for the escapes OOXML writes (_x000D_) and for spaces trimmed later
		this.maxValueChars = (int) Math.min(Integer.MAX_VALUE - 8L, 7L * maxCellChars + 7);
	}

	/**
	 * Opens the worksheet named {@code wanted} (the first visible one when {@code null}) of a ZIP file, or refuses
	 * the file saying what it is when it is another kind of ZIP (ODS, DOCX, a plain archive).
	 */
	static XlsxRows open(Path file, String fileName, IntakeLimits limits, String wanted) throws IOException {
		ZipGuard zip = ZipGuard.open(file, fileName, limits);
		OPCPackage workbook = null;
		SharedStrings strings = null;
		InputStream sheetStream = null;
		String parsing = "[Content_Types].xml";
		try {
			String refusal = notAWorkbook(zip);
			if (refusal != null) {
				throw InputRejectedException.of(fileName, refusal);
			}
			parsing = checkPackageParts(zip);
			workbook = OPCPackage.open(zip);
			PackagePart main = mainPart(workbook, fileName);
			Workbook book;
			parsing = partName(main);
			try (InputStream in = main.getInputStream(); XmlParts.Parser parser = XmlParts.open(in, partName(main))) {
				book = Workbook.read(parser);
			}
			Workbook.Sheet chosen = book.choose(wanted, main, fileName);
			XlsxStyles styles = XlsxStyles.none(book.date1904());
			PackagePart stylesPart = related(main, "/styles");
			if (stylesPart != null) {
				parsing = partName(stylesPart);
				try (InputStream in = stylesPart.getInputStream();
						XmlParts.Parser parser = XmlParts.open(in, partName(stylesPart))) {
					styles = XlsxStyles.read(parser, book.date1904());
				}
			}
			PackagePart stringsPart = related(main, "/sharedStrings");
			if (stringsPart != null) {
				parsing = partName(stringsPart);
				try (InputStream in = stringsPart.getInputStream();
						XmlParts.Parser parser = XmlParts.open(in, partName(stringsPart))) {
					strings = SharedStrings.read(parser, limits.maxCellChars());
				}
			}
			else {
				strings = SharedStrings.empty();
			}
			PackagePart sheetPart = main.getRelatedPart(main.getRelationship(chosen.relationId()));
			parsing = partName(sheetPart);
			sheetStream = sheetPart.getInputStream();
			XmlParts.Parser sheet = XmlParts.open(sheetStream, partName(sheetPart));
			return new XlsxRows(fileName, chosen.name(), workbook, zip, strings, styles, sheetStream, sheet,
					limits.maxCellChars());
		}
		catch (Exception ex) {
			closeQuietly(sheetStream);
			if (strings != null) {
				strings.close();
			}
			if (workbook != null) {
				workbook.revert();
			}
			zip.close();
			throw rejection(fileName, ex, parsing, "");
		}
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
			throw rejection(this.fileName, ex, this.sheet.part(), (this.lastRow > 0) ? " after row " + this.lastRow : "");
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
					throw new Refused("is a damaged workbook: row " + row + " refers to shared string " + index
							+ ", but the workbook has " + this.strings.size());
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
				throw new Refused("is a damaged workbook: a row of sheet '" + this.sheetName + "' is numbered '"
						+ reference + "'");
			}
		}
		if (row < 1 || row > SHEET_ROWS) {
			throw new Refused(String.format(Locale.ROOT,
					"is a damaged workbook: sheet '%s' has a row numbered %d; a worksheet has rows 1 to %,d",
					this.sheetName, row, SHEET_ROWS));
		}
		if (row <= this.lastRow) {
			throw new Refused("is a damaged workbook: in sheet '" + this.sheetName + "', row " + row
					+ " comes after row " + this.lastRow);
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
				throw new Refused("is a damaged workbook: row " + row + " has a cell '" + reference
						+ "' beyond the last column a worksheet has (XFD)");
			}
		}
		if (i == 0) {
			throw new Refused("is a damaged workbook: row " + row + " has a cell named '" + reference + "'");
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
		try {
			this.sheet.close();
		}
		catch (XMLStreamException ex) {
			// nothing left to read from it
		}
		closeQuietly(this.sheetStream);
		this.strings.close();
		this.workbook.revert();
		try {
			this.zip.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Why a ZIP that is not an OOXML workbook is refused, or {@code null} for a workbook.
	 */
	private static String notAWorkbook(ZipGuard zip) throws IOException {
		ZipArchiveEntry mimetype = zip.getEntry("mimetype");
		if (mimetype != null) {
			String type;
			try (InputStream in = zip.getInputStream(mimetype)) {
				type = new String(in.readNBytes(200), StandardCharsets.US_ASCII).strip();
			}
			if (type.startsWith("application/vnd.oasis.opendocument.spreadsheet")) {
				return "looks like an OpenDocument spreadsheet (ODS); save it as XLSX or CSV";
			}
			if (type.startsWith("application/vnd.oasis.opendocument")) {
				return "looks like an OpenDocument file (" + type + "); " + ContentSniffer.ACCEPTED;
			}
		}
		if (zip.getEntry("[Content_Types].xml") == null) {
			List<String> names = new ArrayList<>();
			for (Enumeration<? extends ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements();) {
				ZipArchiveEntry entry = entries.nextElement();
				if (!entry.isDirectory()) {
					names.add(entry.getName());
				}
			}
			String shown = names.stream().limit(3).collect(Collectors.joining(", "))
					+ (names.size() > 3 ? " and " + (names.size() - 3) + " more" : "");
			return "looks like a ZIP archive" + (names.isEmpty() ? "" : " (of " + shown + ")")
					+ ", not a workbook; unzip it and drop the files inside. " + ContentSniffer.ACCEPTED;
		}
		if (hasEntryUnder(zip, "word/")) {
			return "looks like a Word document (DOCX); " + ContentSniffer.ACCEPTED;
		}
		if (hasEntryUnder(zip, "ppt/")) {
			return "looks like a PowerPoint presentation (PPTX); " + ContentSniffer.ACCEPTED;
		}
		if (zip.getEntry("xl/workbook.bin") != null) {
			return "looks like an Excel binary workbook (XLSB); " + ContentSniffer.SAVE_AS;
		}
		return null;
	}

	/**
	 * Parses the parts POI reads whole into memory while opening a package (content types, relationships, document
	 * properties) with the hardened parser first, and refuses them when large: real ones take a few kilobytes.
	 * @return the last part checked, for messages
	 */
	private static String checkPackageParts(ZipGuard zip) throws IOException, XMLStreamException {
		String last = "[Content_Types].xml";
		for (Enumeration<? extends ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements();) {
			ZipArchiveEntry entry = entries.nextElement();
			String name = entry.getName();
			if (!name.equals("[Content_Types].xml") && !name.endsWith(".rels") && !name.startsWith("docProps/")) {
				continue;
			}
			last = name;
			if (entry.getSize() > PACKAGE_PART_BYTES) {
				throw new Refused("its part " + name + " takes " + TabularReader.formatBytes(entry.getSize())
						+ ", where workbooks need a few kilobytes; refused");
			}
			try (InputStream in = zip.getInputStream(entry);
					XmlParts.Parser parser = XmlParts.open(new BoundedStream(in, name), name)) {
				while (parser.reader().hasNext()) {
					parser.next();
				}
			}
		}
		return last;
	}

	private static boolean hasEntryUnder(ZipGuard zip, String folder) {
		for (Enumeration<? extends ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements();) {
			if (entries.nextElement().getName().startsWith(folder)) {
				return true;
			}
		}
		return false;
	}

	private static PackagePart mainPart(OPCPackage workbook, String fileName) {
		PackageRelationshipCollection main = workbook.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
		if (main.isEmpty()) {
			// Excel's "Strict Open XML Spreadsheet" names its relationships differently; its parts read the same.
			main = workbook.getRelationshipsByType(PackageRelationshipTypes.STRICT_CORE_DOCUMENT);
		}
		PackagePart part = main.isEmpty() ? null : workbook.getPart(main.getRelationship(0));
		if (part == null) {
			throw InputRejectedException.of(fileName, "is an Office package without a workbook in it; "
					+ ContentSniffer.ACCEPTED);
		}
		if (part.getContentType().contains("binary")) {
			throw InputRejectedException.of(fileName,
					"looks like an Excel binary workbook (XLSB); " + ContentSniffer.SAVE_AS);
		}
		return part;
	}

	private static PackagePart related(PackagePart main, String typeSuffix) throws Exception {
		for (PackageRelationship relationship : main.getRelationships()) {
			if (relationship.getRelationshipType().endsWith(typeSuffix)) {
				return main.getRelatedPart(relationship);
			}
		}
		return null;
	}

	private static String partName(PackagePart part) {
		String name = part.getPartName().getName();
		return name.startsWith("/") ? name.substring(1) : name;
	}

	/**
	 * The rejection {@code ex} stands for: a limit or an unsafe part found while reading, or a damaged workbook;
	 * I/O failures stay I/O failures.
	 */
	private static RuntimeException rejection(String fileName, Exception ex, String part, String where) {
		if (ex instanceof InputRejectedException rejected) {
			return rejected;
		}
		for (Throwable cause = ex; cause != null; cause = next(cause)) {
			if (cause instanceof InputRejectedException rejected) {
				return rejected;
			}
			if (cause instanceof Refused refused) {
				return InputRejectedException.of(fileName, refused.getMessage());
			}
			if (cause instanceof ZipGuard.RejectedWhileReading reason) {
				return InputRejectedException.of(fileName, reason.getMessage());
			}
			if (cause instanceof XmlParts.UnsafeXmlException unsafe) {
				return InputRejectedException.of(fileName, unsafe.getMessage());
			}
		}
		for (Throwable cause = ex; cause != null; cause = next(cause)) {
			if (String.valueOf(cause.getMessage()).contains("DOCTYPE")) {
				// a part POI parses itself ([Content_Types].xml, relationships), with DTDs disallowed too
				return InputRejectedException.of(fileName, "one of its parts declares a document type (<!DOCTYPE "
						+ "...>), which spreadsheet programs never write and XML attacks (entity expansion, external "
						+ "entities) need; refused without reading it");
			}
		}
		for (Throwable cause = ex; cause != null; cause = next(cause)) {
			if (cause instanceof XMLStreamException xml && xml.getNestedException() instanceof CharConversionException) {
				return InputRejectedException.of(fileName, "is a damaged workbook: its part " + part
						+ " is not valid UTF-8 text" + where + "; open it in Excel and save it again");
			}
			if (cause instanceof XMLStreamException xml && !(xml.getNestedException() instanceof IOException)) {
				return InputRejectedException.of(fileName, XmlParts.describe(xml, part, where));
			}
			if (cause instanceof ZipException || cause instanceof EOFException) {
				return InputRejectedException.of(fileName, "is a damaged workbook: a part cannot be decompressed"
						+ where + " (" + cause.getMessage() + "); open it in Excel and save it again");
			}
		}
		if (ex instanceof IOException io) {
			return new UncheckedIOException(io);
		}
		if (ex instanceof UncheckedIOException unchecked) {
			return unchecked;
		}
		return InputRejectedException.of(fileName, "is a damaged workbook (" + ex.getMessage()
				+ "); open it in Excel and save it again");
	}

	private static Throwable next(Throwable cause) {
		if (cause instanceof XMLStreamException xml && xml.getNestedException() != null
				&& xml.getNestedException() != cause) {
			return xml.getNestedException();
		}
		return (cause.getCause() != cause) ? cause.getCause() : null;
	}

	private static void closeQuietly(InputStream in) {
		if (in != null) {
			try {
				in.close();
			}
			catch (IOException ex) {
				// already failing or done
			}
		}
	}

	/**
	 * Stops a part that inflates past {@link #PACKAGE_PART_BYTES}, whatever size it declared.
	 */
	private static final class BoundedStream extends java.io.FilterInputStream {

		private final String name;

		private long count;

		BoundedStream(InputStream in, String name) {
			super(in);
			this.name = name;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = super.read(buffer, offset, length);
			if (read > 0) {
				count(read);
			}
			return read;
		}

		private void count(int bytes) throws IOException {
			this.count += bytes;
			if (this.count > PACKAGE_PART_BYTES) {
				throw new ZipGuard.RejectedWhileReading("its part " + this.name + " takes more than "
						+ TabularReader.formatBytes(PACKAGE_PART_BYTES) + ", where workbooks need a few kilobytes; refused");
			}
		}

	}

	/**
	 * The workbook is refused for the reason given (the message, without the file name).
	 */
	static final class Refused extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Refused(String reason) {
			super(reason);
		}

	}

	/**
	 * What the workbook part says: its sheets in tab order and whether its dates count from 1904 (old Mac Excel).
	 */
	record Workbook(List<Sheet> sheets, boolean date1904) {

		static Workbook read(XmlParts.Parser part) throws XMLStreamException {
			List<Sheet> sheets = new ArrayList<>();
			boolean date1904 = false;
			while (part.reader().hasNext()) {
				int event = part.next();
				if (event == XMLStreamConstants.START_ELEMENT) {
					if (part.name().equals("workbookPr")) {
						String flag = part.attribute("date1904");
						date1904 = "1".equals(flag) || "true".equalsIgnoreCase(flag);
					}
					else if (part.name().equals("sheet") && sheets.size() < ZipGuard.MAX_ENTRIES) {
						String state = part.attribute("state");
						sheets.add(new Sheet(String.valueOf(part.attribute("name")), part.attribute("id"),
								state == null || state.equals("visible")));
					}
				}
			}
			return new Workbook(Collections.unmodifiableList(sheets), date1904);
		}

		/**
		 * The worksheet to read: the one named (exactly, else ignoring case), or the first visible one.
		 */
		Sheet choose(String wanted, PackagePart main, String fileName) throws Exception {
			List<Sheet> worksheets = new ArrayList<>();
			for (Sheet sheet : this.sheets) {
				PackageRelationship relationship = (sheet.relationId() != null)
						? main.getRelationship(sheet.relationId()) : null;
				// chart sheets and dialog sheets hold no rows
				if (relationship != null && relationship.getRelationshipType().endsWith("/worksheet")) {
					worksheets.add(sheet);
				}
			}
			if (worksheets.isEmpty()) {
				throw InputRejectedException.of(fileName, "is a workbook without a worksheet");
			}
			if (wanted == null) {
				return worksheets.stream().filter(Sheet::visible).findFirst().orElse(worksheets.get(0));
			}
			for (Sheet sheet : worksheets) {
				if (sheet.name().equals(wanted)) {
					return sheet;
				}
			}
			for (Sheet sheet : worksheets) {
				if (sheet.name().strip().equalsIgnoreCase(wanted.strip())) {
					return sheet;
				}
			}
			throw InputRejectedException.of(fileName, "has no sheet '" + wanted + "'; its sheets are "
					+ worksheets.stream().map((sheet) -> "'" + sheet.name() + "'").collect(Collectors.joining(", ")));
		}

		record Sheet(String name, String relationId, boolean visible) {
		}

	}

}
