package dev.roster.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/** The templates page: an empty file per job that reads one, headed in the language picked, for admins and staff. */
class TemplatesConsoleTests extends ConsoleTest {

	static final List<String> IMPORT_USERS_EN = List.of("Email", "First Name", "Last Name", "Profile Type", "Group",
			"Office", "Billing Code", "Language");

	static final List<String> IMPORT_USERS_ES = List.of("Correo electrónico", "Nombre", "Apellidos", "Tipo de perfil",
			"Grupo", "Oficina", "Código de facturación", "Idioma");

	@Test
	void anAdminSeesEveryJobThatReadsAFileAndDownloadsItsTemplate() throws Exception {
		// given
		createAcme();
		person("ana@acme.example", false, "acme");
		signIn("ana@acme.example");
		// when
		open("/accounts/acme/templates");
		// then
		assertThat(findAll("table.templates tbody tr")).extracting((row) -> row.getAttribute("data-job"))
			.containsExactly("import-users", "terminate", "reactivate", "sync-roster", "import-delegates",
					"send-emails");
		assertThat(text("tr[data-job=import-users] .columns")).isEqualTo(String.join(", ", IMPORT_USERS_EN));
		assertThat(text("tr[data-job=import-delegates] .columns")).isEqualTo("Host Email, Delegate Email");
		// when: the CSV, as Chromium downloads it
		Path saved = downloads("en").resolve("terminate-acme-en.csv");
		Files.deleteIfExists(saved);
		find("tr[data-job=terminate] a.csv").click();
		waitFor().until((driver) -> Files.exists(saved));
		waitFor().until((driver) -> readable(saved).endsWith("\r\n"));
		assertThat(readable(saved)).isEqualTo("\uFEFFEmail,Termination Date\r\n");
		// the XLSX, over the same session
		assertThat(xlsxHeader(download("/accounts/acme/templates/import-users.xlsx?headers=en")))
			.isEqualTo(IMPORT_USERS_EN);
	}

	@Test
	void theHeadersAreInTheLanguagePickedInBothFormats() throws Exception {
		createAcme();
		person("sam@support.example", true);
		this.browser = browser("es");
		this.browser.manage().deleteAllCookies();
		signIn("sam@support.example");
		open("/accounts/acme/templates");
		// the console's language decides first
		assertThat(text("h1")).isEqualTo("Plantillas");
		assertThat(text("tr[data-job=import-users] .columns")).isEqualTo(String.join(", ", IMPORT_USERS_ES));
		assertThat(find("tr[data-job=import-users] a.xlsx").getText()).isEqualTo("Descargar XLSX");
		assertThat(new String(download(link("tr[data-job=import-users] a.csv")), StandardCharsets.UTF_8))
			.isEqualTo("\uFEFF" + String.join(";", IMPORT_USERS_ES) + "\r\n");
		assertThat(xlsxHeader(download(link("tr[data-job=import-users] a.xlsx")))).isEqualTo(IMPORT_USERS_ES);
		assertThat(xlsxHeader(download(link("tr[data-job=import-delegates] a.xlsx"))))
			.containsExactly("Email del anfitrión", "Email del delegado");
		// when: English headers picked on the page
		new Select(find("#headers")).selectByValue("en");
		find("main form.toolbar button").click();
		waitFor().until((driver) -> this.browser.getCurrentUrl().contains("headers=en"));
		assertThat(text("tr[data-job=sync-roster] .columns"))
			.isEqualTo(String.join(", ", IMPORT_USERS_EN) + ", Termination Date");
		assertThat(new String(download(link("tr[data-job=sync-roster] a.csv")), StandardCharsets.UTF_8))
			.isEqualTo("\uFEFF" + String.join(",", IMPORT_USERS_EN) + ",Termination Date\r\n");
	}

	@Test
	void anotherAccountsTemplatesAreNotFoundAndATokenIsRefused() throws Exception {
		createAcme();
		createGlobex();
		person("ana@acme.example", false, "acme");
		signIn("ana@acme.example");
		open("/accounts/globex/templates");
		assertThat(text("h1")).isEqualTo("Not found");
		assertThat(session("/accounts/globex/templates/import-users.csv").statusCode()).isEqualTo(404);
		assertThat(session("/accounts/acme/templates/export-users.csv").statusCode()).isEqualTo(404);
		assertThat(session("/accounts/acme/templates/import-users.pdf").statusCode()).isEqualTo(404);
		assertThat(get("/accounts/acme/templates/import-users.csv", token("acme", "import-users")).statusCode())
			.isEqualTo(403);
	}

	/** The path and query of a link of the page. */
	private String link(String css) {
		URI href = URI.create(find(css).getAttribute("href"));
		return href.getRawPath() + "?" + href.getRawQuery();
	}

	/** A download over the browser's session, as a person's click would fetch it. */
	private byte[] download(String path) throws Exception {
		HttpResponse<byte[]> response = session(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(disposition) -> assertThat(disposition).startsWith("attachment"));
		return response.body();
	}

	private HttpResponse<byte[]> session(String path) throws Exception {
		Cookie session = this.browser.manage().getCookieNamed("JSESSIONID");
		return this.http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", "JSESSIONID=" + session.getValue())
			.GET()
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	static List<String> xlsxHeader(byte[] xlsx) throws Exception {
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			assertThat(workbook.getSheetAt(0).getLastRowNum()).as("rows after the header").isZero();
			Row header = workbook.getSheetAt(0).getRow(0);
			List<String> cells = new ArrayList<>();
			for (Cell cell : header) {
				cells.add(cell.getStringCellValue());
			}
			return cells;
		}
	}

	private static String readable(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

}
