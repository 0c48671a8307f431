package dev.roster.console;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.roster.TestFiles;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk jobs in the console: a file checked by a dry run first, its plan read, applied, followed live to its end and
 * its rejects downloaded; a sync the mass-termination guard stopped, approved by whom the rule allows; a file refused
 * as a whole and wrong options shown on the form; the plan in Spanish; another account's job not found.
 */
class BulkJobConsoleTests extends JobConsoleTests {

	@TempDir
	Path temp;

	@Test
	void anAdminChecksAnInviteFileAppliesItWatchesItRunAndDownloadsItsRejects() throws Exception {
		// given
		person("ana@acme.example", false, "acme");
		signIn("ana@acme.example");
		open("/accounts/acme/users");
		find("header nav a[href$='/accounts/acme/jobs/new']").click();
		until((driver) -> path().equals("/accounts/acme/jobs/new"));
		find(".tabs a[data-job=import-users]").click();
		until((driver) -> find(".tabs a[aria-current=page]").getAttribute("data-job").equals("import-users"));
		assertThat(findAll(".bulk-form select[name=mode] option")).extracting((option) -> option.getAttribute("value"))
			.containsExactly("create", "invite");
		assertThat(findAll(".bulk-form input[name=dry-run]")).isEmpty();

		// when: the file is checked
		upload("console/bulk-invites.csv");

		// then: the plan, once the dry run has ended, and nothing changed
		long dryRun = jobId();
		ended();
		assertThat(shown("created")).isEqualTo(30);
		assertThat(shown("rejected")).isEqualTo(3);
		assertThat(text("h1 .badge")).isEqualTo("dry run");
		assertThat(findAll("table.changes tbody tr")).hasSize(30);
		assertThat(findAll("table.rejected tbody tr")).extracting(WebElement::getText)
			.satisfiesExactly((row) -> assertThat(row).contains("not-an-email").contains("invalid email 'not-an-email'"),
					(row) -> assertThat(row).contains("unknown office 'Lisbon'"),
					(row) -> assertThat(row).contains("email 'ana.lopez@acme.example' already appears in row 2 of this file"));
		assertThat(count("select count(*) from app_user")).isZero();
		assertThat(count("select count(*) from job_launch where id = ? and dry_run and door = 'console' "
				+ "and launched_by = 'person:ana@acme.example' and file_name = 'bulk-invites.csv'", dryRun)).isEqualTo(1);

		// when: applied, while the account's lane is still busy with something else
		CountDownLatch busy = new CountDownLatch(1);
		this.serve.submit("acme", () -> await(busy));
		find("#apply").click();
		until((driver) -> path().matches("/accounts/acme/jobs/\\d+") && jobId() != dryRun);
		long applied = jobId();

		// then: it waits, with its progress, and the page follows it to its end by itself
		assertThat(text(".notice")).contains("job " + applied);
		// (the part polled every second is replaced as it is read: its state is waited for, not read once)
		until((driver) -> "every 1s".equals(find("#progress").getAttribute("hx-trigger"))
				&& text("#progress .status").equals("Queued")
				&& "33".equals(find("#progress progress").getAttribute("max"))
				&& text("#progress .rows").startsWith("0 of 33 rows read"));
		busy.countDown();
		ended();
		assertThat(findAll("#progress")).isEmpty();
		assertThat(text("dl.facts .status")).isEqualTo("Completed");
		assertThat(shown("created")).isEqualTo(30);
		assertThat(shown("rejected")).isEqualTo(3);
		assertThat(findAll("#apply")).isEmpty();
		assertThat(count("select count(*) from app_user where account_id = (select id from account where slug = 'acme')"))
			.isEqualTo(30);
		assertThat(count("select count(*) from job_launch where id = ? and not dry_run and door = 'console' "
				+ "and file_sha256 = (select file_sha256 from job_launch where id = ?)", applied, dryRun)).isEqualTo(1);
		assertThat(count("select count(*) from audit_event where action = 'job.launch' "
				+ "and actor = 'person:ana@acme.example'")).isEqualTo(2);

		// and its rejects report, downloaded with the person's session, has exactly the three bad rows
		String href = find("a.report").getAttribute("href");
		assertThat(href).endsWith("/accounts/acme/jobs/" + applied + "/report");
		HttpResponse<String> report = session("GET", "/accounts/acme/jobs/" + applied + "/report");
		assertThat(report.statusCode()).isEqualTo(200);
		List<CSVRecord> rows = TestFiles.report(Files.writeString(this.temp.resolve("rejects.csv"), report.body())
			.toString());
		assertThat(rows.get(0).toList()).endsWith("Row", "Error");
		assertThat(rows).hasSize(4);
		assertThat(rows.subList(1, 4)).extracting((row) -> row.get(0))
			.containsExactly("not-an-email", "lisbon.office@acme.example", "ana.lopez@acme.example");

		// and applying the same plan again runs nothing more
		open("/accounts/acme/jobs/" + dryRun);
		find("#apply").click();
		until((driver) -> jobId() == applied);
		assertThat(text(".notice")).contains("already applied");
		assertThat(count("select count(*) from job_launch")).isEqualTo(2);
	}

	@Test
	void aSyncTheGuardStoppedShowsWhomItWouldTerminateAndOnlyAnOperatorApprovesIt() throws Exception {
		// given: ten active users; the roster lists four, so six would go
		roster("import-users", "--account", "acme", "--no-deliver", "--file",
				fixture("syncroster/staff.csv").toString());
		person("ana@acme.example", false, "acme");
		person("sam@support.example", true);
		signIn("ana@acme.example");
		open("/accounts/acme/jobs/new?job=sync-roster");
		upload("syncroster/roster-six-gone.csv");
		long dryRun = jobId();
		// the dry run shows the guard would stop it; applying it runs it for real, and the guard stops it
		until((driver) -> !findAll("#apply").isEmpty());
		assertThat(text("dl.facts .status")).isEqualTo("Stopped by the guard");
		assertThat(findAll("table.terminations tbody tr")).hasSize(6);
		find("#apply").click();
		until((driver) -> jobId() != dryRun && !findAll("section.guard").isEmpty());
		long stopped = jobId();

		// then: the admin (whose account does not let admins approve) sees whom it would terminate, and no approval
		assertThat(text("dl.facts .status")).isEqualTo("Stopped by the guard");
		assertThat(findAll("table.terminations tbody tr")).extracting(WebElement::getText)
			.hasSize(6)
			.anySatisfy((row) -> assertThat(row).contains("eva.novak@acme.example"));
		assertThat(findAll("#approve")).isEmpty();
		assertThat(text(".refusal")).contains("only the service's support staff approve");
		HttpResponse<String> refused = session("POST", "/accounts/acme/jobs/" + stopped + "/approve");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isZero();

		// when: support staff approve it
		this.browser.manage().deleteAllCookies();
		signIn("sam@support.example");
		open("/accounts/acme/jobs/" + stopped);
		find("#approve").click();
		until((driver) -> jobId() != stopped);
		long approval = jobId();

		// then: the terminations happen
		until((driver) -> !findAll(".counts [data-count=terminated]").isEmpty());
		assertThat(shown("terminated")).isEqualTo(6);
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isEqualTo(6);
		assertThat(count("select count(*) from job_launch where id = ? and approval_of = ? and door = 'console' "
				+ "and approved_by = 'person:sam@support.example'", approval, stopped)).isEqualTo(1);
		assertThat(count("select count(*) from audit_event where action = 'job.approve' and target = ?",
				"job " + approval)).isEqualTo(1);
	}

	@Test
	void aFileRefusedAsAWholeAndWrongOptionsAreShownOnTheForm() throws Exception {
		// given
		person("ana@acme.example", false, "acme");
		signIn("ana@acme.example");

		// when: a file without its Email column
		open("/accounts/acme/jobs/new?job=import-users");
		upload("importusers/invites-no-email-column.csv");

		// then: its page says why, naming the file as uploaded, with the form to try again
		until((driver) -> text("dl.facts .status").equals("File rejected"));
		assertThat(text(".bulk-form .problem")).startsWith("invites-no-email-column.csv: missing required columns 'Email'");
		assertThat(findAll(".bulk-form form.upload")).hasSize(1);
		assertThat(findAll("#apply")).isEmpty();

		// when: two options that exclude each other
		open("/accounts/acme/jobs/new?job=send-emails");
		find("#option-never-sent").click();
		upload("importusers/invites.csv");

		// then: the form again, saying so, and nothing launched
		assertThat(path()).isEqualTo("/accounts/acme/jobs/new");
		assertThat(text(".bulk-form .problem")).contains("file and never-sent exclude each other");
		assertThat(find("#option-never-sent").isSelected()).isTrue();
		assertThat(count("select count(*) from job_launch")).isEqualTo(1);
	}

	@Test
	void theSpanishConsoleShowsThePlanInSpanish() {
		// given
		person("ana@acme.example", false, "acme");
		this.browser = browser("es");
		this.browser.manage().deleteAllCookies();
		signIn("ana@acme.example");
		open("/accounts/acme/jobs/new");
		assertThat(text("h1")).isEqualTo("Trabajos masivos");
		assertThat(text(".bulk-form button[type=submit]")).isEqualTo("Comprobar el archivo");

		// when
		upload("console/bulk-invites.csv");

		// then
		ended();
		assertThat(text("h1")).isEqualTo("Importar usuarios, trabajo " + jobId() + " simulación");
		assertThat(text("dl.facts .status")).isEqualTo("Completado");
		assertThat(text(".counts [data-count=created]")).isEqualTo("30\ncreados");
		assertThat(text("#apply")).isEqualTo("Aplicar");
		assertThat(text("section.plan-rejected h2")).isEqualTo("Filas rechazadas");
		assertThat(findAll("table.rejected td.error")).extracting(WebElement::getText)
			.containsExactly("correo electrónico no válido 'not-an-email' en la columna 'Email' (A)",
					"oficina desconocida 'Lisbon'; pida al soporte que la añada en la columna 'Office' (F)",
					"el correo 'ana.lopez@acme.example' ya aparece en la fila 2 de este archivo");
		assertThat(find("table.changes tbody tr td:nth-child(2)").getText()).isEqualTo("crear");
	}

	@Test
	void anotherAccountsJobIsNotFoundAndItsReportIsNotDownloadable() throws Exception {
		// given: a job of globex with a report
		roster("import-users", "--account", "globex", "--no-deliver", "--file",
				fixture("console/bulk-invites.csv").toString());
		long globex = this.jdbc.queryForObject("select id from job_launch", Long.class);
		person("ana@acme.example", false, "acme");
		signIn("ana@acme.example");

		for (String page : new String[] { "/accounts/acme/jobs/" + globex, "/accounts/globex/jobs/" + globex,
				"/accounts/acme/jobs/" + globex + "/report", "/accounts/acme/jobs/" + (globex + 1000) }) {
			// when
			open(page);
			// then
			assertThat(text("h1")).as(page).isEqualTo("Not found");
			assertThat(this.browser.getPageSource()).as(page).doesNotContain("bulk-invites.csv");
		}
		assertThat(session("GET", "/accounts/acme/jobs/" + globex + "/report").statusCode()).isEqualTo(404);
		assertThat(session("GET", "/accounts/globex/jobs/" + globex + "/report").statusCode()).isEqualTo(404);
		assertThat(session("POST", "/accounts/acme/jobs/" + globex + "/apply").statusCode()).isEqualTo(404);
		// and a machine's token has no console
		assertThat(get("/accounts/acme/jobs/new", token("acme", "import-users")).statusCode()).isEqualTo(403);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
