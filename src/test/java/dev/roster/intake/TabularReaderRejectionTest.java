package dev.roster.intake;

import static dev.roster.intake.TabularReaderTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TabularReaderRejectionTest {

	static final String ACCEPTED = "Roster accepts XLSX workbooks and CSV or TSV text files (UTF-8, UTF-16 or "
			+ "Windows-1252)";

	@TempDir
	Path dir;

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			pdf-document.csv | looks like a PDF document
			png-image.csv    | looks like a PNG image
			jpeg-photo.csv   | looks like a JPEG image
			gif-image.csv    | looks like a GIF image
			""")
	void rejectsDocumentsAndImagesWhateverTheirNameSayingWhatIsAccepted(String name, String finding) {
		assertThatThrownBy(() -> open(name)).isInstanceOf(InputRejectedException.class)
			.hasMessage(name + ": " + finding + "; " + ACCEPTED);
	}

	@Test
	void rejectsATruncatedZipArchiveWhateverItsName() {
		assertThatThrownBy(() -> open("xlsx-workbook.csv")).isInstanceOf(InputRejectedException.class)
			.hasMessage("xlsx-workbook.csv: is a damaged or truncated ZIP archive (its directory is missing); save it "
					+ "again. " + ACCEPTED);
	}

	@Test
	void rejectsADamagedLegacyOfficeFileByItsSignature() {
		assertThatThrownBy(() -> open("legacy-excel.xls")).isInstanceOf(InputRejectedException.class)
			.hasMessage("legacy-excel.xls: looks like a legacy Microsoft Office file (.xls or .doc); " + ACCEPTED);
	}

	@Test
	void rejectsAnEmptyFile() {
		assertThatThrownBy(() -> open("empty.csv")).isInstanceOf(InputRejectedException.class)
			.hasMessage("empty.csv: the file is empty");
	}

	@Test
	void rejectsAFileOfBlankLinesForHavingNoHeader() {
		assertThatThrownBy(() -> open("only-blank-lines.csv")).isInstanceOf(InputRejectedException.class)
			.hasMessage("only-blank-lines.csv: no header row: the file holds only blank lines");
	}

	@Test
	void rejectsBinaryDataNamingTheFirstNulByte() {
		assertThatThrownBy(() -> open("sqlite-database.csv")).isInstanceOf(InputRejectedException.class)
			.hasMessage("sqlite-database.csv: contains binary data (a NUL byte at offset 15), not text; " + ACCEPTED);
	}

	@Test
	void rejectsRandomBytesAsBinaryData() throws IOException {
		byte[] bytes = new byte[4096];
		new java.util.Random(7).nextBytes(bytes);
		bytes[0] = 'E';
		bytes[1] = 0;
		Path file = Files.write(this.dir.resolve("random.csv"), bytes);

		assertThatThrownBy(() -> TabularReader.open(file, IntakeLimits.defaults()))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("random.csv: contains binary data (a NUL byte at offset 1), not text; " + ACCEPTED);
	}

	@Test
	void aNulCharacterInTheHeaderRejectsTheFile() throws IOException {
		Path file = Files.writeString(this.dir.resolve("header.csv"), "\n\nEmail,Na\0me\na@example.com,Ann\n");

		assertThatThrownBy(() -> TabularReader.open(file, IntakeLimits.defaults()))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("header.csv: its header (row 3) contains a NUL character (U+0000) in column B, which cannot be "
					+ "stored; remove it");
	}

	@Test
	void rejectsUtf16WithoutAByteOrderMarkSayingSo() {
		assertThatThrownBy(() -> open("utf16le-no-bom.csv")).isInstanceOf(InputRejectedException.class)
			.hasMessage("utf16le-no-bom.csv: looks like UTF-16 text without a byte order mark; save it as CSV UTF-8. "
					+ ACCEPTED);
	}

	@Test
	void rejectsAFileLargerThanTheLimitNamingSizeAndLimit() {
		assertThatThrownBy(() -> TabularReader.open(fixture("roster-export.csv"), new IntakeLimits(100, 10, 10)))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("roster-export.csv: the file is 269 bytes, more than the limit of 100 bytes");
	}

	@Test
	void namesTheSizeInMebibytesForLargeLimits() throws IOException {
		Path file = Files.write(this.dir.resolve("big.csv"), new byte[3 * 1024 * 1024 / 2]);

		assertThatThrownBy(() -> TabularReader.open(file, new IntakeLimits(1024 * 1024, 10, 10)))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("big.csv: the file is 1.5 MiB, more than the limit of 1 MiB");
	}

	@Test
	void rejectsAQuoteThatIsNeverClosedAtTheRowWhereItOpens() {
		try (TabularReader reader = open("unclosed-quote.csv")) {
			assertThatThrownBy(reader::next).isInstanceOf(InputRejectedException.class)
				.hasMessage("unclosed-quote.csv: row 2 has a quote (\") that is never closed");
		}
	}

	@Test
	void rejectsInvalidUtf8AfterValidUtf8RowsNamingTheRow() {
		try (TabularReader reader = open("utf8-invalid-byte-at-row-4.csv")) {
			assertThat(reader.description()).isEqualTo("CSV (UTF-8, ',')");
			assertThat(reader.next()).isEqualTo(new InputRow(2, List.of("jose@example.com", "José")));
			assertThat(reader.next()).isEqualTo(new InputRow(3, List.of("ana@example.com", "Ana")));
			assertThatThrownBy(reader::next).isInstanceOf(InputRejectedException.class)
				.hasMessage("utf8-invalid-byte-at-row-4.csv: row 4 is not valid UTF-8 text, the encoding it starts in; "
						+ "save the file again in a single encoding (CSV UTF-8)");
		}
	}

	@Test
	void rejectsWindows1252BytesInAFileWhoseByteOrderMarkSaysUtf8() {
		try (TabularReader reader = open("utf8-bom-windows1252-byte-at-row-3.csv")) {
			assertThat(reader.next()).isEqualTo(new InputRow(2, List.of("a@example.com", "Ann")));
			assertThatThrownBy(reader::next).isInstanceOf(InputRejectedException.class)
				.hasMessage("utf8-bom-windows1252-byte-at-row-3.csv: row 3 is not valid UTF-8 text, the encoding its "
						+ "byte order mark declares; save the file again in a single encoding (CSV UTF-8)");
		}
	}

	@Test
	void namesTheExactRowOfInvalidUtf8FarBeyondTheReadBuffers() throws IOException {
		StringBuilder text = new StringBuilder("Email,First Name\r\nfirst@example.com,José\r\n");
		for (int i = 0; i < 3000; i++) {
			text.append("user").append(i).append("@example.com,Filler\r\n");
		}
		byte[] valid = text.append("last@example.com,Ren").toString().getBytes(StandardCharsets.UTF_8);
		byte[] bytes = Arrays.copyOf(valid, valid.length + 3);
		// "é" as Windows-1252 writes it: a lone byte that UTF-8 does not allow.
		bytes[valid.length] = (byte) 0xE9;
		bytes[valid.length + 1] = '\r';
		bytes[valid.length + 2] = '\n';
		Path file = Files.write(this.dir.resolve("late-invalid.csv"), bytes);

		try (TabularReader reader = TabularReader.open(file, IntakeLimits.defaults())) {
			assertThat(bytes.length).isGreaterThan(64 * 1024);
			for (long row = 2; row <= 3002; row++) {
				assertThat(reader.next().number()).isEqualTo(row);
			}
			assertThatThrownBy(reader::next).isInstanceOf(InputRejectedException.class)
				.hasMessageStartingWith("late-invalid.csv: row 3003 is not valid UTF-8 text");
		}
	}

	@Test
	void rejectsARecordLongerThanTheLimitNamingItsRow() throws IOException {
		Path file = Files.writeString(this.dir.resolve("long-record.csv"),
				"Email,Notes\na,b\nc," + "x".repeat(TabularReader.MAX_RECORD_CHARS - 1) + "\n");

		try (TabularReader reader = TabularReader.open(file, IntakeLimits.defaults())) {
			assertThat(reader.next().number()).isEqualTo(2);
			assertThatThrownBy(reader::next).isInstanceOf(InputRejectedException.class)
				.hasMessage("long-record.csv: row 3 is longer than 1,048,576 characters; a quote (\") that is never "
						+ "closed usually causes this");
		}
	}

	@Test
	void stopsARunawayQuotedRecordWhileReadingIt() throws IOException {
		String line = "someone@example.com,Filler\n";
		String rest = line.repeat(3 * TabularReader.MAX_RECORD_CHARS / line.length());
		Path file = Files.writeString(this.dir.resolve("runaway.csv"), "Email,Notes\na@example.com,\"oops\n" + rest);

		try (TabularReader reader = TabularReader.open(file, IntakeLimits.defaults())) {
			assertThatThrownBy(reader::next).isInstanceOf(InputRejectedException.class)
				.hasMessageStartingWith("runaway.csv: row 2 is longer than 1,048,576 characters");
		}
	}

	@Test
	void rejectsMoreDataRowsThanTheLimitNamingTheLimit() {
		try (TabularReader reader = TabularReader.open(fixture("extra-cells.csv"), new IntakeLimits(1 << 20, 4, 100))) {
			for (int i = 0; i < 4; i++) {
				reader.next();
			}
			assertThatThrownBy(reader::next).isInstanceOf(InputRejectedException.class)
				.hasMessage("extra-cells.csv: more than 4 data rows (row 6), the limit for one file; split it into "
						+ "smaller files");
		}
	}

	@Test
	void namesTheFileWithoutItsDirectory() {
		Path file = fixture("pdf-document.csv");

		assertThatThrownBy(() -> TabularReader.open(file, IntakeLimits.defaults()))
			.hasMessageStartingWith("pdf-document.csv: ")
			.hasMessageNotContaining(file.getParent().toString());
	}

	@Test
	void aMissingFileIsAnIoFailureNotARejection() {
		assertThatThrownBy(() -> TabularReader.open(this.dir.resolve("missing.csv"), IntakeLimits.defaults()))
			.isInstanceOf(UncheckedIOException.class)
			.hasCauseInstanceOf(NoSuchFileException.class);
	}

	private static TabularReader open(String name) {
		return TabularReader.open(fixture(name), IntakeLimits.defaults());
	}

}
