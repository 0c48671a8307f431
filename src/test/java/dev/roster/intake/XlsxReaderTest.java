package dev.roster.intake;

import static dev.roster.intake.TabularReaderTest.fixture;
import static dev.roster.intake.TabularReaderTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxReaderTest {

	private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

	@TempDir
	Path dir;

	@Test
	void readsTheNamedSheetExactlyOrIgnoringCase() {
		for (String name : List.of("Reference", "reference ")) {
			try (TabularReader reader = TabularReader.open(fixture("libreoffice-users.xlsx"), IntakeLimits.defaults(),
					name)) {
				assertThat(reader.description()).isEqualTo("XLSX (sheet 'Reference')");
				assertThat(reader.header()).containsExactly("Correo electrónico", "Nombre", "Apellidos");
				assertThat(readAll(reader)).containsExactly(new InputRow(2, List.of("ana@acme.example", "Ana", "Ruiz")));
			}
		}
	}

	@Test
	void anUnknownSheetRejectsTheFileListingTheSheetsItHas() {
		assertThatThrownBy(() -> TabularReader.open(fixture("libreoffice-users.xlsx"), IntakeLimits.defaults(), "Staff"))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("libreoffice-users.xlsx: has no sheet 'Staff'; its sheets are 'Users', 'Reference'");
	}

	@Test
	void aSheetNamedForATextFileRejectsIt() {
		assertThatThrownBy(() -> TabularReader.open(fixture("utf16le-bom-tab.tsv"), IntakeLimits.defaults(), "Users"))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("utf16le-bom-tab.tsv: a sheet ('Users') was named, but the file is TSV text, which has no "
					+ "sheets; import it without naming a sheet");
	}

	@Test
	void cutsALongCellToOneCharacterMoreThanTheLimit() {
		try (TabularReader reader = TabularReader.open(fixture("libreoffice-users.xlsx"), new IntakeLimits(1 << 20, 10, 5))) {
			assertThat(reader.next().cells()).startsWith("jose.n", "José", "Núñez ", "00777", "2026-0");
		}
	}

	@Test
	void rejectsMoreDataRowsThanTheLimitNamingTheSpreadsheetRow() {
		try (TabularReader reader = TabularReader.open(fixture("libreoffice-users.xlsx"), new IntakeLimits(1 << 20, 2, 100))) {
			reader.next();
			reader.next();
			assertThatThrownBy(reader::next).isInstanceOf(InputRejectedException.class)
				.hasMessage("libreoffice-users.xlsx: more than 2 data rows (row 5), the limit for one file; split it "
						+ "into smaller files");
		}
	}

	@Test
	void rejectsAWorkbookWhosePartsExpandBeyondTheLimitBeforeReadingThem() {
		IntakeLimits limits = new IntakeLimits(1 << 20, 100, 100, 100, 100, 10 * 1024);

		assertThatThrownBy(() -> TabularReader.open(fixture("libreoffice-users.xlsx"), limits))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("libreoffice-users.xlsx: its parts expand to more than 10 KiB, the limit for one workbook; "
					+ "split it into smaller files");
	}

	@Test
	void refusesTwoMillionDirectoryEntriesBehindAnEndRecordClaimingThreeInASmallHeapWithinSeconds() throws Exception {
		// some 100 MB: the end record declares 3 entries and a directory of 159 bytes, a ZIP64 end record says where
		// the directory really starts
		Path file = this.dir.resolve("two-million.xlsx");
		RawZip.write(file, 2_000_000, 0, true);
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path log = this.dir.resolve("child.log");
		Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				OpenInSmallHeap.class.getName(), file.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();

		boolean ended = child.waitFor(20, TimeUnit.SECONDS);
		if (!ended) {
			child.destroyForcibly().waitFor();
		}
		String output = Files.readString(log);

		assertThat(ended).as("ended within 20 s: " + output).isTrue();
		assertThat(child.exitValue()).as(output).isZero();
		assertThat(output.strip()).isEqualTo("refused: two-million.xlsx: is a ZIP archive of more than 1,000 files; "
				+ "a workbook holds a few dozen, and more than 1,000 is refused");
	}

	@Test
	void countsTheDirectoryWhereCommonsCompressReadsItWhateverTheEndRecordDeclares() throws IOException {
		// no ZIP64 record: the end record's size is true (it places the directory), only its count lies
		Path file = this.dir.resolve("lying-count.xlsx");
		RawZip.write(file, 1_500, 0, false);

		assertThatThrownBy(() -> TabularReader.open(file, IntakeLimits.defaults()))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("lying-count.xlsx: is a ZIP archive of more than 1,000 files; a workbook holds a few dozen, "
					+ "and more than 1,000 is refused");
	}

	@Test
	void refusesADirectoryLongerThanTheLimitWhateverTheEndRecordDeclares() throws IOException {
		Path file = this.dir.resolve("long-directory.xlsx");
		RawZip.write(file, 200, 30_000, true);

		assertThatThrownBy(() -> TabularReader.open(file, IntakeLimits.defaults()))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("long-directory.xlsx: is a ZIP archive whose directory takes more than 4 MiB, far more than "
					+ "any workbook's; refused");
	}

	@Test
	void refusesADirectoryRecordThatRunsPastTheEndOfTheFile() throws IOException {
		Path file = this.dir.resolve("past-the-end.xlsx");
		long directory = RawZip.write(file, 10, 0, false);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			// the last record's comment length
			ByteBuffer length = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) 0xFFFF);
			channel.write(length, directory + 9L * RawZip.RECORD_BYTES + 32);
		}

		assertThatThrownBy(() -> TabularReader.open(file, IntakeLimits.defaults()))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("past-the-end.xlsx: is a damaged ZIP archive (its directory runs past the end of the file); "
					+ "save it again. " + TabularReaderRejectionTest.ACCEPTED);
	}

	@Test
	void aDamagedArchiveIsNamedByItsFileNameNeverItsPath() throws IOException {
		Path file = this.dir.resolve("bad-offset.xlsx");
		long directory = RawZip.write(file, 3, 0, false);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			// the first record's local header lies far past the end of the file
			ByteBuffer offset = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x7FFF_FFFF);
			channel.write(offset, directory + 42);
		}

		assertThatThrownBy(() -> TabularReader.open(file, IntakeLimits.defaults()))
			.isInstanceOf(InputRejectedException.class)
			.hasMessageStartingWith("bad-offset.xlsx: is a damaged ZIP archive (")
			.hasMessageNotContaining(this.dir.toString());
	}

	@Test
	void rejectsAPasswordProtectedWorkbookSayingHowToOpenIt() throws Exception {
		Path encrypted = this.dir.resolve("protected.xlsx");
		try (POIFSFileSystem fs = new POIFSFileSystem()) {
			Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
			encryptor.confirmPassword("secret");
			try (OutputStream out = encryptor.getDataStream(fs)) {
				Files.copy(fixture("libreoffice-users.xlsx"), out);
			}
			try (OutputStream file = Files.newOutputStream(encrypted)) {
				fs.writeFilesystem(file);
			}
		}

		assertThatThrownBy(() -> TabularReader.open(encrypted, IntakeLimits.defaults()))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("protected.xlsx: is a password-protected workbook, which Roster cannot open; remove the "
					+ "password (File > Info > Protect Workbook > Encrypt with Password, then clear it), save it and "
					+ "drop it again");
	}

	@Test
	void readsAWorkbookWithoutSharedStringsOrStylesAsPoisStreamingWriterMakesIt() throws IOException {
		Path file = workbook("inline.xlsx", null, "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Email</t></is></c>"
				+ "<c r=\"B1\" t=\"inlineStr\"><is><t>Code</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\">"
				+ "<is><t>a@acme.example</t></is></c><c r=\"B2\"><v>777</v></c></row>");

		try (TabularReader reader = TabularReader.open(file, IntakeLimits.defaults())) {
			assertThat(readAll(reader)).containsExactly(new InputRow(2, List.of("a@acme.example", "777")));
		}
	}

	@Test
	void aNulEscapeInAnInlineStringRejectsItsRowWhenNoSharedStringHoldsOne() throws IOException {
		Path file = workbook("inline-nul.xlsx", "<si><t>Email</t></si><si><t>a@acme.example</t></si>",
				"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c>"
						+ "</row><row r=\"3\"><c r=\"A3\" t=\"str\"><f>A2</f><v>_x0000_b@acme.example</v></c></row>"
						+ "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>c@acme.example_x0000_</t></is></c></row>");

		try (TabularReader reader = TabularReader.open(file, IntakeLimits.defaults())) {
			assertThat(readAll(reader)).containsExactly(new InputRow(2, List.of("a@acme.example")),
					new InputRow(3, List.of("\uFFFDb@acme.example"), "row 3 of inline-nul.xlsx contains a NUL "
							+ "character (U+0000) in column 'Email' (A), which cannot be stored; remove it"),
					new InputRow(4, List.of("c@acme.example\uFFFD"), "row 4 of inline-nul.xlsx contains a NUL "
							+ "character (U+0000) in column 'Email' (A), which cannot be stored; remove it"));
		}
	}

	@Test
	void aNulEscapeInTheHeaderRejectsTheWorkbook() throws IOException {
		Path file = workbook("header-nul.xlsx", "<si><t>Email</t></si><si><t>Na_x0000_me</t></si>",
				"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>");

		assertThatThrownBy(() -> TabularReader.open(file, IntakeLimits.defaults()))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("header-nul.xlsx: its header (row 1) contains a NUL character (U+0000) in column B, which "
					+ "cannot be stored; remove it");
	}

	@Test
	void keepsAMillionCharacterCellOffTheHeapAndCutsItForItsRowToBeRejected() throws IOException {
		String million = "x".repeat(1_000_000);
		Path file = workbook("long-cell.xlsx", "<si><t>Email</t></si><si><t>" + million + million + million + million
				+ million + "</t></si>", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\">"
						+ "<v>1</v></c></row>");
		IntakeLimits lenient = new IntakeLimits(1 << 30, 100, 1000, 1000, 1_000_000, 1L << 30);

		try (TabularReader reader = TabularReader.open(file, lenient)) {
			assertThat(reader.next().cells()).containsExactly("x".repeat(1001));
		}
	}

	@Test
	void refusesAValueLongerThanAnyCellBeforeTheXmlParserBuffersIt() throws IOException {
		Path file = workbook("long-attribute.xlsx", null, (out) -> {
			out.write("<row r=\"1\" spans=\"");
			// random letters, so the part does not look like a decompression bomb
			Random random = new Random(42);
			char[] chunk = new char[100_000];
			for (int i = 0; i < 200; i++) {
				for (int c = 0; c < chunk.length; c++) {
					chunk[c] = (char) ('a' + random.nextInt(26));
				}
				out.write(chunk);
			}
			out.write("\"/>");
		});

		try (TabularReader reader = TabularReader.open(file, IntakeLimits.defaults(), null)) {
			throw new AssertionError("read " + reader.header());
		}
		catch (InputRejectedException ex) {
			assertThat(ex).hasMessage("long-attribute.xlsx: its part xl/worksheets/sheet1.xml holds a value of more "
					+ "than 8 MiB, more than any spreadsheet cell can hold; refused");
		}
	}

	@Test
	void rejectsAHeaderOfThousandsOfColumnsNamingTheFirstBeyondTheLimit() throws IOException {
		StringBuilder header = new StringBuilder("Email");
		for (int i = 2; i <= 5000; i++) {
			header.append(",Column ").append(i);
		}
		Path file = Files.writeString(this.dir.resolve("wide.csv"), header + "\na@acme.example\n");

		assertThatThrownBy(() -> TabularReader.open(file, IntakeLimits.defaults()))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("wide.csv: row 1 has a value in column ALM, beyond the limit of 1,000 columns (ALL); delete "
					+ "the columns to the right of your data");
	}

	@Test
	void ignoresThousandsOfEmptyTrailingColumnsAsExcelExportsThemForFormattedCells() throws IOException {
		String empty = ",".repeat(16_383);
		Path file = Files.writeString(this.dir.resolve("formatted.csv"), "Email" + empty + "\na@acme.example" + empty
				+ "\n");

		try (TabularReader reader = TabularReader.open(file, IntakeLimits.defaults())) {
			assertThat(reader.header()).containsExactly("Email");
			assertThat(readAll(reader)).containsExactly(new InputRow(2, List.of("a@acme.example")));
		}
	}

	@Test
	void stopsAHundredMegabyteLineAtTheRecordLimit() throws IOException {
		Path file = this.dir.resolve("one-line.csv");
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("Email,Notes\na@acme.example,");
			char[] chunk = "0123456789".repeat(100_000).toCharArray();
			for (int i = 0; i < 100; i++) {
				out.write(chunk);
			}
			out.write("\n");
		}

		try (TabularReader reader = TabularReader.open(file, IntakeLimits.defaults())) {
			assertThat(Files.size(file)).isGreaterThan(100_000_000);
			assertThatThrownBy(reader::next).isInstanceOf(InputRejectedException.class)
				.hasMessage("one-line.csv: row 2 is longer than 1,048,576 characters; a quote (\") that is never "
						+ "closed usually causes this");
		}
	}

	@Test
	void sharedStringsComeBackFromTheirFilesAcrossMappedSegments() throws Exception {
		List<String> strings = new ArrayList<>();
		StringBuilder part = new StringBuilder("<sst xmlns=\"" + MAIN + "\">");
		for (int i = 0; i < 500; i++) {
			String value = "ñ".repeat(i % 13) + "user" + i + "@acme.example";
			strings.add(value);
			part.append("<si><t>").append(value).append("</t></si>");
		}
		part.append("<si><r><t>rich </t></r><r><t>text</t></r><rPh><t>guide</t></rPh></si></sst>");
		strings.add("rich text");

		try (XmlParts.Parser parser = XmlParts.open(new ByteArrayInputStream(part.toString().getBytes(StandardCharsets.UTF_8)), "sst");
				SharedStrings table = SharedStrings.write(parser, 1000, 64)) {
			assertThat(table.size()).isEqualTo(501);
			for (int i = strings.size() - 1; i >= 0; i--) {
				assertThat(table.get(i)).isEqualTo(strings.get(i));
			}
			assertThatThrownBy(() -> table.get(501)).isInstanceOf(IndexOutOfBoundsException.class);
		}
	}

	@Test
	void twoColumnsForOneFieldRejectTheWorkbookNamingBoth() {
		List<String> header;
		try (TabularReader reader = TabularReader.open(fixture("handmade-duplicate-headers.xlsx"),
				IntakeLimits.defaults())) {
			header = reader.header();
		}
		HeaderAliases aliases = HeaderAliases.of(java.util.Map.of("email", List.of("Email", "E-mail")));

		assertThatThrownBy(() -> ColumnMap.resolve("handmade-duplicate-headers.xlsx", header, aliases,
				java.util.Set.of("email")))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("handmade-duplicate-headers.xlsx: columns 'Email' (A) and 'E-mail' (F) are both read as Email; "
					+ "keep only one of them");
	}

	@Test
	void generalNumbersReadAsTypedWithoutBinaryNoise() {
		assertThat(XlsxStyles.general(777.0)).isEqualTo("777");
		assertThat(XlsxStyles.general(0.1 + 0.2)).isEqualTo("0.3");
		assertThat(XlsxStyles.general(-5.5)).isEqualTo("-5.5");
		assertThat(XlsxStyles.general(123456789012.0)).isEqualTo("123456789012");
		assertThat(XlsxStyles.general(1e20)).isEqualTo("100000000000000000000");
		assertThat(XlsxStyles.general(0.000125)).isEqualTo("0.000125");
	}

	private Path workbook(String name, String sharedStrings, String rows) throws IOException {
		return workbook(name, sharedStrings, (out) -> out.write(rows));
	}

	private Path workbook(String name, String sharedStrings, SheetRows rows) throws IOException {
		Path file = this.dir.resolve(name);
		String rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
		String type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			put(zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
					+ "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
					+ "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
			put(zip, "_rels/.rels", rels + "<Relationship Id=\"rId1\" Type=\"" + type + "officeDocument\" "
					+ "Target=\"xl/workbook.xml\"/></Relationships>");
			put(zip, "xl/_rels/workbook.xml.rels", rels + "<Relationship Id=\"rId1\" Type=\"" + type + "worksheet\" "
					+ "Target=\"worksheets/sheet1.xml\"/>" + ((sharedStrings != null) ? "<Relationship Id=\"rId2\" "
							+ "Type=\"" + type + "sharedStrings\" Target=\"sharedStrings.xml\"/>" : "")
					+ "</Relationships>");
			put(zip, "xl/workbook.xml", "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + type.substring(0, type.length() - 1)
					+ "\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
			if (sharedStrings != null) {
				put(zip, "xl/sharedStrings.xml", "<sst xmlns=\"" + MAIN + "\">" + sharedStrings + "</sst>");
			}
			zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
			Writer out = new java.io.OutputStreamWriter(zip, StandardCharsets.UTF_8);
			out.write("<worksheet xmlns=\"" + MAIN + "\"><sheetData>");
			rows.write(out);
			out.write("</sheetData></worksheet>");
			out.flush();
			zip.closeEntry();
		}
		return file;
	}

	/** Writes a sheet's rows, streamed so that big hostile sheets need no memory in the test either. */
	@FunctionalInterface
	private interface SheetRows {

		void write(Writer out) throws IOException;

	}

	private static void put(ZipOutputStream zip, String name, String content) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(content.getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
	}

}
