package dev.roster.console;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.roster.api.HttpTest;
import dev.roster.intake.HeaderAliases;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every template goes back in: each header is one of the intake's aliases of its field, and a template with one row
 * filled in runs its job with that row read, none rejected and no column ignored, in both languages and formats.
 */
class TemplatesReimportTests extends HttpTest {

	private static final Locale SPANISH = Locale.forLanguageTag("es");

	/** A value of each field that the account set up below accepts. */
	private static final Map<String, String> VALUES = Map.ofEntries(Map.entry("email", "ana@acme.example"),
			Map.entry("first_name", "Ana"), Map.entry("last_name", "García"), Map.entry("profile_type", "Premium"),
			Map.entry("group", "Sales"), Map.entry("office", "Madrid"), Map.entry("billing_code", "00777"),
			Map.entry("language", "es"), Map.entry("termination_date", "2099-12-31"),
			Map.entry("host_email", "ana@acme.example"), Map.entry("delegate_email", "bob@acme.example"));

	private static final Path WORK = Path.of("target", "templates-reimport");

	@Autowired
	private TemplatesFiles files;

	@Autowired
	private HeaderAliases aliases;

	@BeforeEach
	void anAccountWithTwoActiveUsers() throws Exception {
		createAcme();
		Files.createDirectories(WORK);
		Path users = WORK.resolve("two-users.csv");
		Files.writeString(users, "Email,First Name,Last Name\nana@acme.example,Ana,García\nbob@acme.example,Bob,Smith\n");
		assertThat(roster("import-users", "--account", "acme", "--file", users.toString(), "--no-deliver").exitCode())
			.isZero();
	}

	@Test
	void everyJobThatReadsAFileHasATemplate() {
		assertThat(TemplatesFiles.COLUMNS.keySet()).containsExactlyInAnyOrderElementsOf(TemplatesFiles.jobs());
		assertThat(TemplatesFiles.jobs()).contains("import-users", "sync-roster", "terminate").doesNotContain(
				"export-users", "deliver-emails", "terminate-due");
	}

	@Test
	void everyHeaderInEitherLanguageIsAnAliasOfItsField() {
		for (String job : TemplatesFiles.jobs()) {
			for (Locale language : List.of(Locale.ENGLISH, SPANISH)) {
				this.files.headers(job, language)
					.forEach((field, header) -> assertThat(this.aliases.fieldOf(header)).as(job + " " + header)
						.hasValue(field));
			}
		}
		assertThat(this.files.headers("import-users", SPANISH).values()).startsWith("Correo electrónico", "Nombre",
				"Apellidos");
	}

	@Test
	void eachTemplateWithOneRowFilledRunsItsJobWithNothingRejectedOrIgnored() throws Exception {
		for (String job : TemplatesFiles.jobs()) {
			for (Locale language : List.of(SPANISH, Locale.ENGLISH)) {
				for (String format : List.of("csv", "xlsx")) {
					Path file = WORK.resolve(job + "-" + language.getLanguage() + "." + format);
					List<String> row = TemplatesFiles.COLUMNS.get(job).stream().map(VALUES::get).toList();
					Files.write(file, "csv".equals(format) ? csvWithRow(this.files.csv(job, language), language, row)
							: xlsxWithRow(this.files.xlsx(job, language), row));
					// when
					Result run = roster(job, "--account", "acme", "--file", file.toString(), "--dry-run");
					// then
					String what = file.getFileName() + ": " + run.out() + run.err();
					assertThat(run.exitCode()).as(what).isZero();
					assertThat(run.out()).as(what).contains(": COMPLETED").doesNotContain("ignored_columns");
					assertThat(run.count("read")).as(what).isEqualTo(1);
					assertThat(run.count("rejected")).as(what).isZero();
				}
			}
		}
	}

	private static byte[] csvWithRow(byte[] template, Locale language, List<String> row) {
		String separator = "es".equals(language.getLanguage()) ? ";" : ",";
		return (new String(template, StandardCharsets.UTF_8) + String.join(separator, row) + "\r\n")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] xlsxWithRow(byte[] template, List<String> values) throws Exception {
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template));
				java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
			Row row = workbook.getSheetAt(0).createRow(1);
			for (int column = 0; column < values.size(); column++) {
				row.createCell(column).setCellValue(values.get(column));
			}
			workbook.write(out);
			return out.toByteArray();
		}
	}

}
