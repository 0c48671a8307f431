package dev.roster.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the intake corpus ({@code src/test/resources/intake}) and exactly what reading it gives: the format
 * recognised, the header and every row (with {@code !!} and its problem when it has one), or the rejection and where
 * it happens. Files whose name starts with
 * {@code libreoffice-} were written by LibreOffice from the sources in {@code src/test/fixture-sources/intake}, those
 * starting with {@code handmade-} by the script there; the others were written by hand or by Excel-like tools.
 */
class IntakeCorpusTest {

	private static final String ACCEPTED = TabularReaderRejectionTest.ACCEPTED;

	private static final String DTD = " declares a document type (<!DOCTYPE ...>) or uses entities, which spreadsheet "
			+ "programs never write and XML attacks (entity expansion, external entities) need; refused without "
			+ "reading it";

	private static final String LIBREOFFICE_HEADER = "Email | First Name | Last Name | Billing Code | Start Date "
			+ "| Employee Number | Computed | Active";

	private static final List<Expected> CORPUS = List.of(
			// CSV and TSV dialects
			reads("utf8-bom-semicolon.csv", "CSV (UTF-8 with BOM, ';')", "Email | First Name | Last Name | Office",
					"2: jose@example.com | José | Ñúñez | Madrid, Centro",
					"3: ana@example.com | Ana | García; López | Sevilla"),
			reads("windows1252-semicolon-es.csv", "CSV (Windows-1252, ';')",
					"Correo electrónico | Nombre | Apellidos | Oficina | Centro de coste",
					"2: jose@example.com | José | Ñúñez | Málaga | CC-€1,5",
					"5: maria@example.com | María | O'Brien | A Coruña | CC-2"),
			reads("utf8-comma-quoted-multiline.csv", "CSV (UTF-8, ',')", "Email | First Name | Last Name | Group",
					"2: a@example.com | Smith, John | The \"Boss\" | Sales",
					"3: b@example.com | Multi | Line one\nLine two | Support", "4: c@example.com | =SUM(A1) | Nbsp | Ops",
					"5: d@example.com | José | Spaced, quoted | "),
			reads("utf16le-bom-tab.tsv", "TSV (UTF-16LE)", "Email | First Name | Last Name",
					"2: jose@example.com | José | Ñúñez", "3: x@example.com | Tab\there | Z"),
			reads("utf16be-bom-comma.csv", "CSV (UTF-16BE, ',')", "Email | First Name",
					"2: zoe@example.com | Zoë \uD83D\uDE00"),
			reads("excel-sep-line.csv", "CSV (Windows-1252, ';')", "Email | Full, Name | Office, Site, Floor",
					"2: jose@example.com | Ñúñez, José | Madrid, 2, 3"),
			reads("utf8-bom-sep-pipe.csv", "CSV (UTF-8 with BOM, '|')", "Email | Nombre", "2: jose@example.com | José"),
			reads("extra-cells.csv", "CSV (UTF-8, ',')", "Email | First Name | Last Name", "2: a@example.com | Ann | Lee",
					"3: b@example.com | Bob | ", "4: a@example.com | Cy | Doe | oops".replace("a@", "c@"),
					"5: d@example.com | Di | Roe", "6: e@example.com | Ed | Fox |  | x"),
			reads("leading-blank-lines.csv", "CSV (UTF-8, ',')", "Email | First Name", "5: a@example.com | Ann"),
			reads("mac-classic-cr.csv", "CSV (UTF-8, ',')", "Email | First Name", "2: a@example.com | Ann",
					"3: b@example.com | Bob"),
			reads("roster-export.csv", "CSV (UTF-8 with BOM, ',')",
					"Email | First Name | Last Name | Status | Profile Type | Group | Office | Host Code | Guest Code "
							+ "| Billing Code | Language | Activation Email Sent | Welcome Email Sent | Created | Terminated",
					"2: jose@example.com | José | Ñúñez | active | Standard | Sales | Madrid | +34123 | -98 | CC-1 | es "
							+ "| yes | no | 2024-01-31 | "),
			readsThenRejects("unclosed-quote.csv", "CSV (UTF-8, ',')", "Email | First Name", List.of(),
					"row 2 has a quote (\") that is never closed"),
			readsThenRejects("utf8-invalid-byte-at-row-4.csv", "CSV (UTF-8, ',')", "Email | First Name",
					List.of("2: jose@example.com | José", "3: ana@example.com | Ana"),
					"row 4 is not valid UTF-8 text, the encoding it starts in; save the file again in a single encoding "
							+ "(CSV UTF-8)"),
			readsThenRejects("utf8-bom-windows1252-byte-at-row-3.csv", "CSV (UTF-8 with BOM, ',')", "Email | First Name",
					List.of("2: a@example.com | Ann"), "row 3 is not valid UTF-8 text, the encoding its byte order mark "
							+ "declares; save the file again in a single encoding (CSV UTF-8)"),
			// CSV and text exports LibreOffice writes: values as shown, in three encodings
			reads("libreoffice-utf8-comma.csv", "CSV (UTF-8, ',')", LIBREOFFICE_HEADER,
					"2: jose.nunez@acme.example | José | Núñez Ibáñez | 00777 | 01/03/2026 | 12345 | 0.3 | 1",
					"3: maria.garcia@acme.example | María | García\nLópez | 00778 | 02/03/2026 09:30 | 1.5 "
							+ "| María García López | 0",
					"5: li.wei@acme.example | =HYPERLINK(\"http://evil.example\") | Li \"Will\", Jr. | 1,234.50 | 25% "
							+ "| 123456789012 | #DIV/0! | Zoë \uD83D\uDE00"),
			reads("libreoffice-windows1252-semicolon.csv", "CSV (Windows-1252, ';')", LIBREOFFICE_HEADER,
					"2: jose.nunez@acme.example | José | Núñez Ibáñez | 00777 | 01/03/2026 | 12345 | 0.3 | 1",
					"3: maria.garcia@acme.example | María | García\nLópez | 00778 | 02/03/2026 09:30 | 1.5 "
							+ "| María García López | 0",
					"5: li.wei@acme.example | =HYPERLINK(\"http://evil.example\") | Li \"Will\", Jr. | 1,234.50 | 25% "
							+ "| 123456789012 | #DIV/0! | Zoë ?"),
			reads("libreoffice-utf16-tab.txt", "TSV (UTF-16LE)", LIBREOFFICE_HEADER,
					"2: jose.nunez@acme.example | José | Núñez Ibáñez | 00777 | 01/03/2026 | 12345 | 0.3 | 1",
					"3: maria.garcia@acme.example | María | García\nLópez | 00778 | 02/03/2026 09:30 | 1.5 "
							+ "| María García López | 0",
					"5: li.wei@acme.example | =HYPERLINK(\"http://evil.example\") | Li \"Will\", Jr. | 1,234.50 | 25% "
							+ "| 123456789012 | #DIV/0! | Zoë \uD83D\uDE00"),
			// XLSX written by LibreOffice: shared strings, styles, formulas with cached values, blank rows
			reads("libreoffice-users.xlsx", "XLSX (sheet 'Users')", LIBREOFFICE_HEADER,
					"2: jose.nunez@acme.example | José | Núñez Ibáñez | 00777 | 2026-03-01 | 12345 | 0.3 | 1",
					"3: maria.garcia@acme.example | María | García\nLópez | 00778 | 2026-03-02T09:30:00 | 1.5 "
							+ "| María García López | 0",
					"5: li.wei@acme.example | =HYPERLINK(\"http://evil.example\") | Li \"Will\", Jr. | 1,234.50 | 25% "
							+ "| 123456789012 | #DIV/0! | Zoë \uD83D\uDE00"),
			reads("libreoffice-two-sheets.xlsx", "XLSX (sheet 'Lists')", "Offices", "2: Madrid"),
			reads("libreoffice-blank-rows.xlsx", "XLSX (sheet 'blank-rows')", "Email | First Name | Last Name",
					"5: ann@acme.example | Ann | Lee", "7: bob@acme.example | Bob | Roe"),
			reads("libreoffice-invites-bad-rows.xlsx", "XLSX (sheet 'invites-bad-rows')",
					"Email | First Name | Last Name | Profile Type | Group | Office | Billing Code | Language",
					"2: ok.one@acme.example | Olga | One | Standard | Sales | Madrid |  | en",
					"3: not-an-email | Broken | Email | Standard | Sales | Madrid |  | en",
					"4: missing.first@acme.example |  | Nofirst | Standard | Sales | Madrid |  | en",
					"5: missing.last@acme.example | Nolast |  | Standard | Sales | Madrid |  | en",
					"6: bad.office@acme.example | Pablo | Ruiz | Standard | Sales | Lisbon |  | es",
					"7: bad.group@acme.example | Greta | Group | Standard | Legal | Madrid |  | en",
					"8: bad.profile@acme.example | Paula | Profile | Gold | Sales | Madrid |  | en",
					"9: taken@globex.example | Tom | Taken | Standard | Sales | Madrid |  | en",
					"10: OK.ONE@acme.example | Olga | Again | Standard | Sales | Madrid |  | en",
					"11: long.name@acme.example | " + "X".repeat(101) + " | Long | Standard | Sales | Madrid |  | en",
					"12: bad.lang@acme.example | Fran | Cois | Standard | Sales | Madrid |  | fr",
					"13: ok.two@acme.example | Zoë | =HYPERLINK(\"http://evil.example\") | Premium | Engineering | London "
							+ "| 00777 | es",
					"14: gone@acme.example | Gone | Girl | Standard | Sales | Madrid |  | en"),
			rejects("libreoffice-empty-first-sheet.xlsx", "no header row: the sheet 'Empty' is empty"),
			// XLSX features other generators write
			reads("handmade-cell-types.xlsx", "XLSX (sheet 'Data')",
					"Email | Name | Flag | Error | Iso Date | Date 1904 | Escaped | Phonetic",
					"2: rich@acme.example | Ann Lee | TRUE | #N/A | 2026-03-01 | 2028-03-01 | line\rbreak _x0041_ | 東京",
					"3: next@acme.example |  | FALSE |  |  | 2028-03-01T12:00:00 |  | "),
			reads("handmade-hidden-first-sheet.xlsx", "XLSX (sheet 'Staff')", "Email | Nombre | Apellidos",
					"2: ana@acme.example | Ana | Ruiz"),
			reads("handmade-strict-ooxml.xlsx", "XLSX (sheet 'Strict')", "Email | First Name",
					"3: strict@acme.example | Stella"),
			reads("handmade-absurd-dimension.xlsx", "XLSX (sheet 'Big')", "Email", "1048576: last@acme.example"),
			reads("handmade-duplicate-headers.xlsx", "XLSX (sheet 'Sheet1')",
					"Email | First Name | Last Name | Notes | Notes | E-mail", "2: a@acme.example |  |  |  |  | "),
			// files that are not CSV or XLSX
			rejects("empty.csv", "the file is empty"),
			rejects("only-blank-lines.csv", "no header row: the file holds only blank lines"),
			rejects("pdf-document.csv", "looks like a PDF document; " + ACCEPTED),
			rejects("libreoffice-users.pdf", "looks like a PDF document; " + ACCEPTED),
			rejects("png-image.csv", "looks like a PNG image; " + ACCEPTED),
			rejects("jpeg-photo.csv", "looks like a JPEG image; " + ACCEPTED),
			rejects("gif-image.csv", "looks like a GIF image; " + ACCEPTED),
			rejects("libreoffice-users.ods", "looks like an OpenDocument spreadsheet (ODS); save it as XLSX or CSV"),
			rejects("libreoffice-users.xls", "looks like a legacy Excel 97-2003 workbook (.xls); save it as XLSX (Excel "
					+ "Workbook) or CSV. " + ACCEPTED),
			rejects("legacy-excel.xls", "looks like a legacy Microsoft Office file (.xls or .doc); " + ACCEPTED),
			rejects("handmade-binary-workbook.xlsb",
					"looks like an Excel binary workbook (XLSB); save it as XLSX (Excel Workbook) or CSV"),
			rejects("handmade-word-document.docx", "looks like a Word document (DOCX); " + ACCEPTED),
			rejects("handmade-archive.zip", "looks like a ZIP archive (of users.csv, more/users-2.csv), not a "
					+ "workbook; unzip it and drop the files inside. " + ACCEPTED),
			rejects("xlsx-workbook.csv",
					"is a damaged or truncated ZIP archive (its directory is missing); save it again. " + ACCEPTED),
			// a NUL character rejects its row, PostgreSQL cannot store it; binary data rejects the file
			reads("nul-byte.csv", "CSV (UTF-8, ',')", "Email | First Name",
					"2: a@example.com | An\uFFFDn !! row 2 of nul-byte.csv contains a NUL character (U+0000) in column "
							+ "'First Name' (B), which cannot be stored; remove it",
					"3: b@example.com | Bob"),
			rejects("sqlite-database.csv", "contains binary data (a NUL byte at offset 15), not text; " + ACCEPTED),
			rejects("utf16le-no-bom.csv",
					"looks like UTF-16 text without a byte order mark; save it as CSV UTF-8. " + ACCEPTED),
			// hostile and damaged workbooks
			rejects("handmade-zip-bomb.xlsx", "its part xl/worksheets/sheet1.xml expands more than 100 times its "
					+ "compressed size of 199.3 KiB, as decompression bombs do and workbooks do not; refused"),
			readsThenRejects("handmade-zip-bomb-lying-sizes.xlsx", "XLSX (sheet 'Sheet1')", "Email", List.of(),
					"its part xl/worksheets/sheet1.xml expands more than 100 times its compressed size of 50.0 KiB, as "
							+ "decompression bombs do and workbooks do not; refused"),
			rejects("handmade-many-entries.zip",
					"is a ZIP archive of 1,500 files; a workbook holds a few dozen, and more than 1,000 is refused"),
			rejects("handmade-xxe-sheet.xlsx", "its part xl/worksheets/sheet1.xml" + DTD),
			rejects("handmade-xxe-workbook.xlsx", "its part xl/workbook.xml" + DTD),
			rejects("handmade-xxe-content-types.xlsx", "its part [Content_Types].xml" + DTD),
			rejects("handmade-billion-laughs.xlsx", "its part xl/sharedStrings.xml" + DTD),
			readsThenRejects("handmade-row-beyond-sheet.xlsx", "XLSX (sheet 'Sheet1')", "Email", List.of(),
					"is a damaged workbook: sheet 'Sheet1' has a row numbered 1048577; a worksheet has rows 1 to "
							+ "1,048,576"),
			readsThenRejects("handmade-value-in-last-column.xlsx", "XLSX (sheet 'Sheet1')", "Email", List.of(),
					"row 2 has a value in column XFD, beyond the limit of 1,000 columns (ALL); delete the columns to "
							+ "the right of your data"),
			readsThenRejects("handmade-bad-shared-string.xlsx", "XLSX (sheet 'Sheet1')", "Email", List.of(),
					"is a damaged workbook: row 2 refers to shared string 7, but the workbook has 1"),
			readsThenRejects("handmade-truncated-sheet.xlsx", "XLSX (sheet 'Sheet1')", "Email",
					List.of("2: a@acme.example"),
					"is a damaged workbook: its part xl/worksheets/sheet1.xml is not well-formed XML after row 2 (line "
							+ "2, column 332): XML document structures must start and end within the same entity.; open "
							+ "it in Excel and save it again"),
			readsThenRejects("handmade-invalid-utf8.xlsx", "XLSX (sheet 'Sheet1')", "Email | Name",
					List.of("2: a@acme.example | Ann"), "is a damaged workbook: its part xl/worksheets/sheet1.xml is "
							+ "not valid UTF-8 text after row 2; open it in Excel and save it again"),
			readsThenRejects("handmade-nul-byte.xlsx", "XLSX (sheet 'Sheet1')", "Email", List.of(),
					"is a damaged workbook: its part xl/worksheets/sheet1.xml is not well-formed XML after row 1 (line "
							+ "2, column 276): An invalid XML character (Unicode: 0x0) was found in the element content "
							+ "of the document.; open it in Excel and save it again"),
			readsThenRejects("handmade-nul-character-reference.xlsx", "XLSX (sheet 'Sheet1')", "Email", List.of(),
					"is a damaged workbook: its part xl/worksheets/sheet1.xml is not well-formed XML after row 1 (line "
							+ "2, column 280): Character reference \"&#0\" is an invalid XML character.; open it in Excel "
							+ "and save it again"),
			reads("handmade-nul-escape.xlsx", "XLSX (sheet 'Sheet1')", "Email | Name",
					"2: a@acme.example | Ann\uFFFDLee !! row 2 of handmade-nul-escape.xlsx contains a NUL character "
							+ "(U+0000) in column 'Name' (B), which cannot be stored; remove it",
					"3: b\uFFFD@acme.example | Bob !! row 3 of handmade-nul-escape.xlsx contains a NUL character "
							+ "(U+0000) in column 'Email' (A), which cannot be stored; remove it",
					"4: c@acme.example | Bob"));

	static Stream<Expected> corpus() {
		return CORPUS.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void readsEachFileOfTheCorpusAsExpected(Expected expected) {
		Path file = TabularReaderTest.fixture(expected.file());
		if (expected.description() == null) {
			assertThatThrownBy(() -> TabularReader.open(file, IntakeLimits.defaults()).close())
				.isInstanceOf(InputRejectedException.class)
				.hasMessage(expected.file() + ": " + expected.rejection());
			return;
		}
		try (TabularReader reader = TabularReader.open(file, IntakeLimits.defaults())) {
			assertThat(reader.description()).isEqualTo(expected.description());
			assertThat(String.join(" | ", reader.header())).isEqualTo(expected.header());
			List<String> rows = new ArrayList<>();
			if (expected.rejection() == null) {
				for (InputRow row = reader.next(); row != null; row = reader.next()) {
					rows.add(show(row));
				}
				assertThat(rows).containsExactlyElementsOf(expected.rows());
				return;
			}
			for (int i = 0; i < expected.rows().size(); i++) {
				rows.add(show(reader.next()));
			}
			assertThat(rows).containsExactlyElementsOf(expected.rows());
			assertThatThrownBy(reader::next).isInstanceOf(InputRejectedException.class)
				.hasMessage(expected.file() + ": " + expected.rejection());
		}
	}

	@Test
	void everyFileOfTheCorpusHasItsExpectedOutcome() throws IOException {
		List<String> files;
		// the source folder, not the compiled copy, which keeps files deleted since
		try (Stream<Path> listing = Files.list(Path.of("src/test/resources/intake"))) {
			files = listing.map((path) -> path.getFileName().toString())
				.filter((name) -> !name.startsWith("."))
				.sorted()
				.toList();
		}
		assertThat(CORPUS.stream().map(Expected::file).sorted().toList()).containsExactlyElementsOf(files);
		assertThat(files).hasSizeGreaterThanOrEqualTo(40);
	}

	private static String show(InputRow row) {
		return row.number() + ": " + String.join(" | ", row.cells())
				+ ((row.problem() != null) ? " !! " + row.problem() : "");
	}

	private static Expected reads(String file, String description, String header, String... rows) {
		return new Expected(file, description, header, List.of(rows), null);
	}

	private static Expected readsThenRejects(String file, String description, String header, List<String> rows,
			String rejection) {
		return new Expected(file, description, header, rows, rejection);
	}

	private static Expected rejects(String file, String rejection) {
		return new Expected(file, null, null, List.of(), rejection);
	}

	/**
	 * What reading one file gives: its rows (each as {@code number: cell | cell}), or a rejection when it is opened
	 * ({@code description} is then {@code null}) or after the rows given.
	 */
	record Expected(String file, String description, String header, List<String> rows, String rejection) {

		@Override
		public String toString() {
			return this.file;
		}

	}

}
