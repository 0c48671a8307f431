package dev.roster.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;

/**
 * An XLSX workbook opened as far as one worksheet: the ZIP counted by {@link ZipGuard}, the parts POI reads whole
 * checked first, POI's package layer (OPC) finding the workbook, its styles and shared strings read, and the chosen
 * sheet's part open for {@link XlsxRows} to pull rows from. Everything it opened is closed together, on success by
 * {@link #close()}, on a refusal before it returns.
 */
final class XlsxPackage implements AutoCloseable {

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

	private XlsxPackage(String fileName, String sheetName, OPCPackage workbook, ZipGuard zip, SharedStrings strings,
			XlsxStyles styles, InputStream sheetStream, XmlParts.Parser sheet) {
		this.fileName = fileName;
		this.sheetName = sheetName;
		this.workbook = workbook;
		this.zip = zip;
		this.strings = strings;
		this.styles = styles;
		this.sheetStream = sheetStream;
		this.sheet = sheet;
	}

	/**
	 * Opens the worksheet named {@code wanted} (the first visible one when {@code null}) of a ZIP file, or refuses
	 * the file saying what it is when it is another kind of ZIP (ODS, DOCX, a plain archive).
	 */
	static XlsxPackage open(Path file, String fileName, IntakeLimits limits, String wanted) throws IOException {
		ZipGuard zip = ZipGuard.open(file, fileName, limits);
		OPCPackage workbook = null;
		SharedStrings strings = null;
		InputStream sheetStream = null;
		String parsing = "[Content_Types].xml";
		try {
			String refusal = ContentSniffer.notAWorkbook(zip);
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
			return new XlsxPackage(fileName, chosen.name(), workbook, zip, strings, styles, sheetStream, sheet);
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
			throw XlsxRejections.of(fileName, ex, parsing, "");
		}
	}

	String fileName() {
		return this.fileName;
	}

	String sheetName() {
		return this.sheetName;
	}

	SharedStrings strings() {
		return this.strings;
	}

	XlsxStyles styles() {
		return this.styles;
	}

	/** The chosen worksheet's part, positioned at its start. */
	XmlParts.Parser sheet() {
		return this.sheet;
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
				throw XlsxRejections.packagePartTooLarge(name, entry.getSize());
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

	private static PackagePart mainPart(OPCPackage workbook, String fileName) {
		PackageRelationshipCollection main = workbook.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
		if (main.isEmpty()) {
			// Excel's "Strict Open XML Spreadsheet" names its relationships differently; its parts read the same.
			main = workbook.getRelationshipsByType(PackageRelationshipTypes.STRICT_CORE_DOCUMENT);
		}
		PackagePart part = main.isEmpty() ? null : workbook.getPart(main.getRelationship(0));
		if (part == null) {
			throw XlsxRejections.noWorkbookPart(fileName);
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
				throw XlsxRejections.packagePartInflatesPast(this.name, PACKAGE_PART_BYTES);
			}
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
				throw XlsxRejections.noWorksheet(fileName);
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
			throw XlsxRejections.noSuchSheet(fileName, wanted, worksheets.stream().map(Sheet::name).toList());
		}

		record Sheet(String name, String relationId, boolean visible) {
		}

	}

}
