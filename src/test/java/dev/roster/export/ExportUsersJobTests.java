package dev.roster.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import dev.roster.IntegrationTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ExportUsersJobTests extends IntegrationTest {

	private static final List<String> COLUMNS = List.of("Email", "First Name", "Last Name", "Status", "Profile Type",
			"Group", "Office", "Host Code", "Guest Code", "Billing Code", "Language", "Activation Email Sent",
			"Welcome Email Sent", "Created", "Terminated");

	@TempDir
	Path temp;

	@BeforeEach
	void importSomeUsers() {
		createAcme();
		assertThat(roster("import-users", "--account", "acme", "--file",
				fixture("export/users-with-formulas.csv").toString()).exitCode()).isZero();
		this.jdbc.update("""
				update app_user set status = 'TERMINATED', terminated_at = '2026-01-02T03:04:05Z', host_code = null,
					guest_code = null where email = 'leaver@acme.example'""");
	}

	@Test
	void exportsCsvWithBomSpecColumnsTextCodesAndNeutralisedFormulas() throws IOException {
		Path out = this.temp.resolve("users.csv");

		Result result = roster("export-users", "--account", "acme", "--out", out.toString());

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("export-users acme: COMPLETED exported=4");
		String content = Files.readString(out, StandardCharsets.UTF_8);
		assertThat(content).startsWith("\uFEFF");
		List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(content.substring(1))).getRecords();
		assertThat(rows.get(0).values()).containsExactlyElementsOf(COLUMNS);
		assertThat(rows).hasSize(5);
		CSVRecord evil = rows.stream().filter((r) -> r.get(0).equals("evil@acme.example")).findFirst().orElseThrow();
		assertThat(evil.get(1)).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"x\")");
		assertThat(evil.get(2)).isEqualTo("'+1-555");
		assertThat(evil.get(3)).isEqualTo("ACTIVE");
		assertThat(evil.get(7)).matches("[0-9]{8}");
		assertThat(evil.get(9)).isEqualTo("00420");
		assertThat(evil.get(13)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
		CSVRecord leaver = rows.stream().filter((r) -> r.get(0).equals("leaver@acme.example")).findFirst().orElseThrow();
		assertThat(leaver.get(3)).isEqualTo("TERMINATED");
		assertThat(leaver.get(7)).isEmpty();
		assertThat(leaver.get(14)).isEqualTo("2026-01-02T03:04:05Z");
		CSVRecord jose = rows.stream().filter((r) -> r.get(0).equals("jose@acme.example")).findFirst().orElseThrow();
		assertThat(jose.get(1)).isEqualTo("José");
		assertThat(jose.get(5)).isEqualTo("Support");
		assertThat(jose.get(6)).isEqualTo("Madrid");
	}

	@Test
	void exportedCsvImportsBackUnchanged() {
		Path out = this.temp.resolve("round-trip.csv");
		roster("export-users", "--account", "acme", "--status", "active", "--out", out.toString());

		Result reimport = roster("import-users", "--account", "acme", "--file", out.toString());

		assertThat(reimport.exitCode()).isZero();
		assertThat(reimport.out()).contains("read=3 created=0 updated=0 unchanged=3 rejected=0");
	}

	@Test
	void exportedXlsxImportsBackUnchanged() {
		Path out = this.temp.resolve("round-trip.xlsx");
		roster("export-users", "--account", "acme", "--status", "active", "--out", out.toString());

		Result reimport = roster("import-users", "--account", "acme", "--file", out.toString());

		assertThat(reimport.exitCode()).isZero();
		assertThat(reimport.out()).contains("read=3 created=0 updated=0 unchanged=3 rejected=0");
	}

	@Test
	void exportsXlsxWithEveryValueAsATextCell() throws IOException {
		Path out = this.temp.resolve("users.xlsx");

		Result result = roster("export-users", "--account", "acme", "--status", "active", "--out", out.toString());

		assertThat(result.exitCode()).isZero();
		assertThat(result.count("exported")).isEqualTo(3);
		try (InputStream in = Files.newInputStream(out); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isEqualTo(3);
			Row header = sheet.getRow(0);
			for (int i = 0; i < COLUMNS.size(); i++) {
				assertThat(header.getCell(i).getStringCellValue()).isEqualTo(COLUMNS.get(i));
			}
			for (int r = 1; r <= 3; r++) {
				Row row = sheet.getRow(r);
				Cell host = row.getCell(7);
				assertThat(host.getCellType()).isEqualTo(CellType.STRING);
				assertThat(host.getStringCellValue()).matches("[0-9]{8}");
				assertThat(row.getCell(9).getCellType()).isEqualTo(CellType.STRING);
				assertThat(row.getCell(9).getCellStyle().getDataFormatString()).isEqualTo("@");
			}
			Row evil = sheet.getRow(1);
			assertThat(evil.getCell(0).getStringCellValue()).isEqualTo("evil@acme.example");
			// text cells are never evaluated, so the value stays exactly as stored
			assertThat(evil.getCell(1).getCellType()).isEqualTo(CellType.STRING);
			assertThat(evil.getCell(1).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil.example\",\"x\")");
			assertThat(evil.getCell(9).getStringCellValue()).isEqualTo("00420");
		}
	}

	@Test
	void exportsAreReadableByTheirOwnerOnlyAndNeverWrittenThroughALinkAtATemporaryName() throws IOException {
		Path victim = Files.writeString(this.temp.resolve("victim.txt"), "untouched");
		for (String name : List.of("out.csv", "out.xlsx")) {
			Files.createSymbolicLink(this.temp.resolve(name + ".tmp"), victim);
			Files.createSymbolicLink(this.temp.resolve("." + name + ".tmp"), victim);
		}
		Path csv = this.temp.resolve("out.csv");
		Path xlsx = this.temp.resolve("out.xlsx");

		assertThat(roster("export-users", "--account", "acme", "--out", csv.toString()).exitCode()).isZero();
		assertThat(roster("export-users", "--account", "acme", "--out", xlsx.toString()).exitCode()).isZero();

		assertThat(victim).hasContent("untouched");
		assertThat(Files.isRegularFile(csv, LinkOption.NOFOLLOW_LINKS)).isTrue();
		assertThat(CSVFormat.RFC4180.parse(new StringReader(Files.readString(csv).substring(1))).getRecords())
			.hasSize(5);
		assertThat(Files.isRegularFile(xlsx, LinkOption.NOFOLLOW_LINKS)).isTrue();
		try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(4);
		}
		assertThat(mode(csv)).isEqualTo("rw-------");
		assertThat(mode(xlsx)).isEqualTo("rw-------");
		assertThat(mode(victim)).isNotEqualTo("rw-------");
	}

	@Test
	void anExportReplacesALinkAtItsNameInsteadOfWritingWhereItPoints() throws IOException {
		Path victim = Files.writeString(this.temp.resolve("victim.txt"), "untouched");
		Path out = Files.createSymbolicLink(this.temp.resolve("users.csv"), victim);

		assertThat(roster("export-users", "--account", "acme", "--out", out.toString()).exitCode()).isZero();

		assertThat(victim).hasContent("untouched");
		assertThat(Files.isRegularFile(out, LinkOption.NOFOLLOW_LINKS)).isTrue();
		assertThat(Files.readString(out)).startsWith("\uFEFFEmail,");
	}

	@Test
	void aWorkbookOfSeveralSheetsImportsItsFirstSheetOrTheOneNamed() throws IOException {
		// what an export of more users than a sheet holds looks like, with sheets of two users
		Path single = this.temp.resolve("single.xlsx");
		roster("export-users", "--account", "acme", "--status", "active", "--out", single.toString());
		Path workbook = this.temp.resolve("users.xlsx");
		try (InputStream in = Files.newInputStream(single); XSSFWorkbook exported = new XSSFWorkbook(in);
				XlsxUserSheet sheets = new XlsxUserSheet(workbook, 3)) {
			DataFormatter text = new DataFormatter();
			for (Row row : exported.getSheetAt(0)) {
				if (row.getRowNum() > 0) {
					List<String> values = new ArrayList<>();
					for (int column = 0; column < COLUMNS.size(); column++) {
						values.add(text.formatCellValue(row.getCell(column)));
					}
					sheets.write(values);
				}
			}
			sheets.finish();
		}
		// every user now differs from the file, so each sheet's rows show up as updates
		this.jdbc.update("update app_user set first_name = 'Changed'");

		Result first = roster("import-users", "--account", "acme", "--no-deliver", "--file", workbook.toString());
		Result second = roster("import-users", "--account", "acme", "--no-deliver", "--sheet", "Users 2", "--file",
				workbook.toString());

		assertThat(first.out()).contains("read=2 created=0 updated=2 unchanged=0 rejected=0");
		assertThat(second.out()).contains("read=1 created=0 updated=1 unchanged=0 rejected=0");
		assertThat(count("select count(*) from app_user where first_name = 'Changed'")).isEqualTo(1);
	}

	@Test
	void filtersByStatusAndRefusesOtherExtensions() {
		Path out = this.temp.resolve("terminated.csv");
		assertThat(roster("export-users", "--account", "acme", "--status", "terminated", "--out", out.toString())
			.count("exported")).isEqualTo(1);
		Result bad = roster("export-users", "--account", "acme", "--out", this.temp.resolve("users.pdf").toString());
		assertThat(bad.exitCode()).isEqualTo(2);
		assertThat(bad.err()).contains(".csv or .xlsx");
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
	}

}
