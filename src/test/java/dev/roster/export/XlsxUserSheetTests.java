package dev.roster.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The XLSX export's sheets: users beyond what one sheet holds continue on the next, under the header again. */
class XlsxUserSheetTests {

	@TempDir
	Path temp;

	@Test
	void aSheetHoldsExcelsMaximumOfRowsHeaderIncluded() throws IOException {
		assertThat(XlsxUserSheet.MAX_ROWS_PER_SHEET).isEqualTo(1_048_576)
			.isEqualTo(SpreadsheetVersion.EXCEL2007.getMaxRows());
		try (XlsxUserSheet sheet = new XlsxUserSheet(this.temp.resolve("users.xlsx"))) {
			assertThat(sheet.rowsPerSheet()).isEqualTo(XlsxUserSheet.MAX_ROWS_PER_SHEET);
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new XlsxUserSheet(this.temp.resolve("x.xlsx"), XlsxUserSheet.MAX_ROWS_PER_SHEET + 1));
	}

	@Test
	void usersBeyondASheetContinueOnTheNextUnderTheHeaderWithCodesAsText() throws IOException {
		Path file = this.temp.resolve("users.xlsx");

		int sheets = export(file, 3, 5);

		assertThat(sheets).isEqualTo(3);
		try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
			assertThat(workbook.getSheetName(0)).isEqualTo("Users");
			assertThat(workbook.getSheetName(1)).isEqualTo("Users 2");
			assertThat(workbook.getSheetName(2)).isEqualTo("Users 3");
			List<String> emails = new ArrayList<>();
			for (Sheet sheet : workbook) {
				assertThat(sheet.getLastRowNum()).isLessThanOrEqualTo(2);
				assertThat(values(sheet.getRow(0))).containsExactlyElementsOf(UserSheet.COLUMNS);
				assertThat(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex()).isNotZero();
				assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
				for (int r = 1; r <= sheet.getLastRowNum(); r++) {
					Row row = sheet.getRow(r);
					emails.add(row.getCell(0).getStringCellValue());
					Cell host = row.getCell(7);
					assertThat(host.getCellType()).isEqualTo(CellType.STRING);
					assertThat(host.getStringCellValue()).isEqualTo("0000000" + r);
					assertThat(host.getCellStyle().getDataFormatString()).isEqualTo("@");
					assertThat(row.getCell(1).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil\",\"x\")");
				}
			}
			assertThat(emails).containsExactly("user1@acme.example", "user2@acme.example", "user3@acme.example",
					"user4@acme.example", "user5@acme.example");
		}
	}

	@Test
	void usersThatExactlyFillASheetTakeNoEmptySheetAfterIt() throws IOException {
		Path file = this.temp.resolve("users.xlsx");

		assertThat(export(file, 3, 4)).isEqualTo(2);
		assertThat(export(this.temp.resolve("two.xlsx"), 3, 2)).isEqualTo(1);
		assertThat(export(this.temp.resolve("none.xlsx"), 3, 0)).isEqualTo(1);

		try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			assertThat(workbook.getNumberOfSheets()).isEqualTo(2);
			assertThat(workbook.getSheetAt(1).getLastRowNum()).isEqualTo(2);
		}
	}

	@Test
	void theSummaryOfAnExportOfSeveralSheetsSaysHowToImportTheOthers() throws IOException {
		try (XlsxUserSheet sheet = new XlsxUserSheet(this.temp.resolve("users.xlsx"), 3)) {
			for (int i = 0; i < 3; i++) {
				sheet.write(List.of("user" + i + "@acme.example"));
			}

			assertThat(ExportUsersJobConfiguration.sheetsNote(sheet)).isEqualTo("the users fill 2 sheets, Users to "
					+ "Users 2: a sheet holds 1,048,575 users below its header; import-users reads the first sheet, "
					+ "--sheet \"Users 2\" the next");
		}
	}

	/** Writes {@code users} users into sheets of {@code rowsPerSheet} rows; returns the number of sheets. */
	private static int export(Path file, int rowsPerSheet, int users) throws IOException {
		try (XlsxUserSheet sheet = new XlsxUserSheet(file, rowsPerSheet)) {
			for (int i = 1; i <= users; i++) {
				List<String> row = new ArrayList<>();
				for (String column : UserSheet.COLUMNS) {
					row.add(switch (column) {
						case "Email" -> "user" + i + "@acme.example";
						case "First Name" -> "=HYPERLINK(\"http://evil\",\"x\")";
						case "Host Code" -> "0000000" + (((i - 1) % (rowsPerSheet - 1)) + 1);
						case "Terminated" -> null;
						default -> column.toLowerCase();
					});
				}
				sheet.write(row);
			}
			sheet.finish();
			return sheet.sheets();
		}
	}

	private static List<String> values(Row row) {
		List<String> values = new ArrayList<>();
		for (Cell cell : row) {
			values.add(cell.getStringCellValue());
		}
		return values;
	}

}
