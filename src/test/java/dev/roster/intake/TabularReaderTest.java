package dev.roster.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularReaderTest {

	@TempDir
	Path dir;

	@Test
	void readsUtf8WithBomSemicolonsAndCrlf() {
		try (TabularReader reader = open("utf8-bom-semicolon.csv")) {
			assertThat(reader.description()).isEqualTo("CSV (UTF-8 with BOM, ';')");
			assertThat(reader.header()).containsExactly("Email", "First Name", "Last Name", "Office");
			assertThat(readAll(reader)).containsExactly(
					new InputRow(2, List.of("jose@example.com", "José", "Ñúñez", "Madrid, Centro")),
					new InputRow(3, List.of("ana@example.com", "Ana", "García; López", "Sevilla")));
		}
	}

	@Test
	void readsWindows1252SemicolonExportFromSpanishExcel() {
		try (TabularReader reader = open("windows1252-semicolon-es.csv")) {
			assertThat(reader.description()).isEqualTo("CSV (Windows-1252, ';')");
			assertThat(reader.header()).containsExactly("Correo electrónico", "Nombre", "Apellidos", "Oficina",
					"Centro de coste");
			assertThat(readAll(reader)).containsExactly(
					new InputRow(2, List.of("jose@example.com", "José", "Ñúñez", "Málaga", "CC-€1,5")),
					new InputRow(5, List.of("maria@example.com", "María", "O'Brien", "A Coruña", "CC-2")));
		}
	}

	@Test
	void readsQuotedCommasDoubledQuotesAndMultiLineValuesAsOneRow() {
		try (TabularReader reader = open("utf8-comma-quoted-multiline.csv")) {
			assertThat(reader.description()).isEqualTo("CSV (UTF-8, ',')");
			assertThat(reader.header()).containsExactly("Email", "First Name", "Last Name", "Group");
			assertThat(readAll(reader)).containsExactly(
					new InputRow(2, List.of("a@example.com", "Smith, John", "The \"Boss\"", "Sales")),
					new InputRow(3, List.of("b@example.com", "Multi", "Line one\nLine two", "Support")),
					new InputRow(4, List.of("c@example.com", "=SUM(A1)", "Nbsp", "Ops")),
					new InputRow(5, List.of("d@example.com", "Jos\u00e9", "Spaced, quoted", "")));
		}
	}

	@Test
	void readsUtf16LeTabSeparatedUnicodeTextFromExcel() {
		try (TabularReader reader = open("utf16le-bom-tab.tsv")) {
			assertThat(reader.description()).isEqualTo("TSV (UTF-16LE)");
			assertThat(reader.header()).containsExactly("Email", "First Name", "Last Name");
			assertThat(readAll(reader)).containsExactly(
					new InputRow(2, List.of("jose@example.com", "José", "Ñúñez")),
					new InputRow(3, List.of("x@example.com", "Tab\there", "Z")));
		}
	}

	@Test
	void readsUtf16BeWithBomIncludingCharactersBeyondTheBasicPlane() {
		try (TabularReader reader = open("utf16be-bom-comma.csv")) {
			assertThat(reader.description()).isEqualTo("CSV (UTF-16BE, ',')");
			assertThat(readAll(reader))
				.containsExactly(new InputRow(2, List.of("zoe@example.com", "Zoë \uD83D\uDE00")));
		}
	}

	@Test
	void excelSepLineSetsTheDelimiterAndIsNotARow() {
		try (TabularReader reader = open("excel-sep-line.csv")) {
			assertThat(reader.description()).isEqualTo("CSV (Windows-1252, ';')");
			assertThat(reader.header()).containsExactly("Email", "Full, Name", "Office, Site, Floor");
			assertThat(readAll(reader))
				.containsExactly(new InputRow(2, List.of("jose@example.com", "Ñúñez, José", "Madrid, 2, 3")));
		}
	}

	@Test
	void excelSepLineAfterAByteOrderMarkSetsAnyDelimiter() {
		try (TabularReader reader = open("utf8-bom-sep-pipe.csv")) {
			assertThat(reader.description()).isEqualTo("CSV (UTF-8 with BOM, '|')");
			assertThat(reader.header()).containsExactly("Email", "Nombre");
			assertThat(readAll(reader)).containsExactly(new InputRow(2, List.of("jose@example.com", "José")));
		}
	}

	@Test
	void dropsBlankCellsBeyondTheHeaderPadsShortRowsAndKeepsNonBlankExtraCells() {
		try (TabularReader reader = open("extra-cells.csv")) {
			assertThat(reader.header()).containsExactly("Email", "First Name", "Last Name");
			assertThat(readAll(reader)).containsExactly(
					new InputRow(2, List.of("a@example.com", "Ann", "Lee")),
					new InputRow(3, List.of("b@example.com", "Bob", "")),
					new InputRow(4, List.of("c@example.com", "Cy", "Doe", "oops")),
					new InputRow(5, List.of("d@example.com", "Di", "Roe")),
					new InputRow(6, List.of("e@example.com", "Ed", "Fox", "", "x")));
		}
	}

	@Test
	void blankLinesBeforeTheHeaderAndBetweenRowsCountAsSpreadsheetRows() {
		try (TabularReader reader = open("leading-blank-lines.csv")) {
			assertThat(reader.description()).isEqualTo("CSV (UTF-8, ',')");
			assertThat(reader.header()).containsExactly("Email", "First Name");
			assertThat(readAll(reader)).containsExactly(new InputRow(5, List.of("a@example.com", "Ann")));
		}
	}

	@Test
	void readsClassicMacLineEndings() {
		try (TabularReader reader = open("mac-classic-cr.csv")) {
			assertThat(readAll(reader)).containsExactly(new InputRow(2, List.of("a@example.com", "Ann")),
					new InputRow(3, List.of("b@example.com", "Bob")));
		}
	}

	@Test
	void tellsWindows1252FromUtf8ByTheFirstAccentEvenPastTheFirst64KiB() throws IOException {
		Path file = write("late-accent.csv", bigAsciiFile("José", 2000), Charset.forName("windows-1252"));

		try (TabularReader reader = TabularReader.open(file, IntakeLimits.defaults())) {
			assertThat(Files.size(file)).isGreaterThan(64 * 1024);
			assertThat(reader.description()).isEqualTo("CSV (Windows-1252, ',')");
			assertThat(readAll(reader)).last().isEqualTo(new InputRow(2002, List.of("last@example.com", "José")));
		}
	}

	@Test
	void pureAsciiIsReadAsUtf8() throws IOException {
		Path file = write("ascii.csv", "Email\r\na@example.com\r\n", StandardCharsets.US_ASCII);

		try (TabularReader reader = TabularReader.open(file, IntakeLimits.defaults())) {
			assertThat(reader.description()).isEqualTo("CSV (UTF-8, ',')");
			assertThat(readAll(reader)).containsExactly(new InputRow(2, List.of("a@example.com")));
		}
	}

	@Test
	void returnsACellLongerThanTheLimitCutToOneCharacterMoreSoTheCallerRejectsItsRow() throws IOException {
		Path file = write("long.csv", "Email,Notes\na@example.com," + "x".repeat(20) + "\nb@example.com,"
				+ "y".repeat(5000) + "\n", StandardCharsets.UTF_8);

		try (TabularReader reader = TabularReader.open(file, new IntakeLimits(1 << 20, 100, 20))) {
			assertThat(reader.next().cells()).containsExactly("a@example.com", "x".repeat(20));
			assertThat(reader.next().cells()).containsExactly("b@example.com", "y".repeat(21));
		}
	}

	@Test
	void acceptsARecordOfExactlyTheLongestLength() throws IOException {
		int valueLength = TabularReader.MAX_RECORD_CHARS - "a,".length();
		Path file = write("max.csv", "Email,Notes\na," + "x".repeat(valueLength) + "\nb,short\n",
				StandardCharsets.UTF_8);

		try (TabularReader reader = TabularReader.open(file, IntakeLimits.defaults())) {
			assertThat(reader.next().number()).isEqualTo(2);
			assertThat(reader.next()).isEqualTo(new InputRow(3, List.of("b", "short")));
		}
	}

	@Test
	void blankRowsDoNotCountTowardsTheRowLimit() {
		try (TabularReader reader = TabularReader.open(fixture("windows1252-semicolon-es.csv"),
				new IntakeLimits(1 << 20, 2, 100))) {
			assertThat(readAll(reader)).extracting(InputRow::number).containsExactly(2L, 5L);
		}
	}

	@Test
	void detectsTheMostFrequentDelimiterOutsideQuotes() {
		assertThat(TabularReader.detectDelimiter("Email;Name;Office,Site")).isEqualTo(';');
		assertThat(TabularReader.detectDelimiter("Email\tName\tOffice;Site")).isEqualTo('\t');
		assertThat(TabularReader.detectDelimiter("Email;\"Name, Full, Legal\"")).isEqualTo(';');
		assertThat(TabularReader.detectDelimiter("\"Multi\nLine, Header\";Email\nx,y,z")).isEqualTo(';');
	}

	@Test
	void detectsTheDelimiterOfTheHeaderNotOfBlankLinesBeforeIt() {
		assertThat(TabularReader.detectDelimiter(";;;\r\n\r\nEmail,Name\r\na;b;c")).isEqualTo(',');
	}

	@Test
	void singleColumnFileIsAComma() {
		assertThat(TabularReader.detectDelimiter("Email\r\na@example.com")).isEqualTo(',');
	}

	@Test
	void aNulCharacterFarPastTheFirstChunkRejectsItsRowOnlyNamingFileRowAndColumn() throws IOException {
		// 100,000 rows, some 4 MB: the NUL comes long after the sniffed head and many parser buffers
		String text = bigAsciiFile("Lee", 100_000).replace("user90000@example.com,Filler",
				"user90000@example.com,Fil\0ler");
		Path file = write("late-nul.csv", text, StandardCharsets.UTF_8);

		try (TabularReader reader = TabularReader.open(file, IntakeLimits.defaults())) {
			List<InputRow> rows = readAll(reader);
			assertThat(rows).hasSize(100_001);
			assertThat(rows.stream().filter((row) -> row.problem() != null)).containsExactly(new InputRow(90_002,
					List.of("user90000@example.com", "Fil\uFFFDler name number 90000"), "row 90002 of late-nul.csv "
							+ "contains a NUL character (U+0000) in column 'First Name' (B), which cannot be stored; "
							+ "remove it"));
			assertThat(rows.get(90_001).cells()).containsExactly("user90001@example.com", "Filler name number 90001");
			assertThat(rows.stream().flatMap((row) -> row.cells().stream())).noneMatch((cell) -> cell.contains("\0"));
		}
	}

	@Test
	void aNulCharacterInUtf16OrWindows1252TextRejectsItsRowToo() throws IOException {
		Path utf16 = write("utf16.csv", "\uFEFFEmail;Name\r\na@example.com;A\0\r\nb@example.com;B\r\n",
				StandardCharsets.UTF_16LE);
		Path windows1252 = write("cp1252.csv", "Email;Name\r\na@example.com;Jos\u00e9\r\n\0b@example.com;B\r\n",
				Charset.forName("windows-1252"));

		try (TabularReader reader = TabularReader.open(utf16, IntakeLimits.defaults())) {
			assertThat(readAll(reader)).extracting(InputRow::problem).containsExactly("row 2 of utf16.csv contains a "
					+ "NUL character (U+0000) in column 'Name' (B), which cannot be stored; remove it", null);
		}
		try (TabularReader reader = TabularReader.open(windows1252, IntakeLimits.defaults())) {
			assertThat(reader.description()).isEqualTo("CSV (Windows-1252, ';')");
			assertThat(readAll(reader)).extracting(InputRow::problem).containsExactly(null, "row 3 of cp1252.csv "
					+ "contains a NUL character (U+0000) in column 'Email' (A), which cannot be stored; remove it");
		}
	}

	@Test
	void aNulCharacterOutsideTheHeaderOrAloneInItsCellIsNamedByItsColumnLetter() throws IOException {
		Path file = write("outside.csv", "Email,,Name\na@example.com,\0,Ann\nb@example.com,,Bob,x\0\n",
				StandardCharsets.UTF_8);

		try (TabularReader reader = TabularReader.open(file, IntakeLimits.defaults())) {
			assertThat(readAll(reader)).containsExactly(
					new InputRow(2, List.of("a@example.com", "\uFFFD", "Ann"), "row 2 of outside.csv contains a NUL "
							+ "character (U+0000) in column B, which cannot be stored; remove it"),
					new InputRow(3, List.of("b@example.com", "", "Bob", "x\uFFFD"), "row 3 of outside.csv contains a "
							+ "NUL character (U+0000) in column D, which cannot be stored; remove it"));
		}
	}

	@Test
	void aFewNulBytesAmongTextAreRowProblemsNotBinaryData() throws IOException {
		StringBuilder text = new StringBuilder("Email,Name\n");
		for (int i = 0; i < 100; i++) {
			text.append("user").append(i).append("@example.com,").append((i % 20 == 0) ? "N\0" : "Name").append('\n');
		}
		Path file = write("few-nuls.csv", text.toString(), StandardCharsets.UTF_8);

		try (TabularReader reader = TabularReader.open(file, IntakeLimits.defaults())) {
			assertThat(readAll(reader).stream().filter((row) -> row.problem() != null).map(InputRow::number))
				.containsExactly(2L, 22L, 42L, 62L, 82L);
		}
	}

	@Test
	void tieBetweenDelimitersIsAComma() {
		assertThat(TabularReader.detectDelimiter("Email;Name,Office\r\na;b;c;d;e")).isEqualTo(',');
		assertThat(TabularReader.detectDelimiter("Email;Name\tOffice")).isEqualTo(';');
	}

	static Path fixture(String name) {
		try {
			return Path.of(TabularReaderTest.class.getResource("/intake/" + name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<InputRow> readAll(TabularReader reader) {
		List<InputRow> rows = new ArrayList<>();
		for (InputRow row = reader.next(); row != null; row = reader.next()) {
			rows.add(row);
		}
		return rows;
	}

	static String bigAsciiFile(String lastName, int fillerRows) {
		StringBuilder text = new StringBuilder("Email,First Name\r\n");
		for (int i = 0; i < fillerRows; i++) {
			text.append("user").append(i).append("@example.com,Filler name number ").append(i).append("\r\n");
		}
		return text.append("last@example.com,").append(lastName).append("\r\n").toString();
	}

	private Path write(String name, String text, Charset charset) throws IOException {
		return Files.write(this.dir.resolve(name), text.getBytes(charset));
	}

	private static TabularReader open(String name) {
		return TabularReader.open(fixture(name), IntakeLimits.defaults());
	}

}
