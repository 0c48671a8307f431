package dev.roster.api;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.roster.account.AccountDefinition;
import dev.roster.account.AccountPolicy;
import dev.roster.inbox.Serve;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** An account's users over HTTP: pages, search, one user, the export, and just-in-time provisioning. */
class UsersApiTests extends HttpTest {

	private static final Pattern EMAIL = Pattern.compile("\"email\":\"([^\"]+)\"");

	private static final Pattern NEXT = Pattern.compile("\"next\":\"([^\"]+)\"");

	@TempDir
	Path folder;

	@BeforeEach
	void accounts() {
		createAcme();
		createGlobex();
	}

	@Test
	void pagesThroughEveryUserInEmailOrderWithNoDuplicateOrGap() throws Exception {
		invited("acme", 230);
		String token = token("acme");
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			HttpResponse<String> page = get("/api/v1/accounts/acme/users?limit=100"
					+ ((cursor != null) ? "&cursor=" + cursor : ""), token);
			assertThat(page.statusCode()).isEqualTo(200);
			seen.addAll(emails(page.body()));
			cursor = next(page.body());
			pages++;
		}
		while (cursor != null);
		assertThat(pages).isEqualTo(3);
		assertThat(seen).hasSize(230).doesNotHaveDuplicates().isSorted();
		assertThat(new HashSet<>(seen)).isEqualTo(Set.copyOf(this.jdbc.queryForList(
				"select email from app_user where account_id = (select id from account where slug = 'acme')",
				String.class)));
	}

	@Test
	void aPageShowsTheExportColumnsInSnakeCaseAndTheLastSaysNoNext() throws Exception {
		invited("acme", 1);
		HttpResponse<String> page = get("/api/v1/accounts/acme/users", token("acme"));
		assertThat(page.body()).contains("\"email\":\"user0000@acme.example\"", "\"first_name\":\"First0000\"",
				"\"last_name\":\"Last0000\"", "\"status\":\"INVITED\"", "\"profile_type\":\"Standard\"",
				"\"billing_code\":\"00420\"", "\"language\":\"en\"", "\"host_code\":null", "\"created\":\"",
				"\"welcome_email_sent\":null", "\"id\":", "\"next\":null");
	}

	@Test
	void filtersByStatus() throws Exception {
		invited("acme", 3);
		this.jdbc.update("update app_user set status = 'TERMINATED', terminated_at = now() where email like 'user0001%'");
		String token = token("acme");
		assertThat(emails(get("/api/v1/accounts/acme/users?status=terminated", token).body()))
			.containsExactly("user0001@acme.example");
		assertThat(emails(get("/api/v1/accounts/acme/users?status=invited", token).body()))
			.containsExactly("user0000@acme.example", "user0002@acme.example");
		assertThat(emails(get("/api/v1/accounts/acme/users?status=active", token).body())).isEmpty();
		assertThat(emails(get("/api/v1/accounts/acme/users?status=all", token).body())).hasSize(3);
		HttpResponse<String> bad = get("/api/v1/accounts/acme/users?status=gone", token);
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("unknown status 'gone'");
	}

	@Test
	void searchesByEmailPrefixAndByNamePrefixIgnoringCaseAndAccents() throws Exception {
		invited("acme", 30);
		this.jdbc.update("update app_user set first_name = 'José', last_name = 'Núñez' where email like 'user0007%'");
		String token = token("acme");
		assertThat(emails(get("/api/v1/accounts/acme/users?q=USER001", token).body())).hasSize(10)
			.allMatch((email) -> email.startsWith("user001"));
		assertThat(emails(get("/api/v1/accounts/acme/users?q=jose", token).body()))
			.containsExactly("user0007@acme.example");
		assertThat(emails(get("/api/v1/accounts/acme/users?q=nun", token).body()))
			.containsExactly("user0007@acme.example");
		assertThat(emails(get("/api/v1/accounts/acme/users?q=Jos%C3%A9%20N", token).body()))
			.containsExactly("user0007@acme.example");
		assertThat(emails(get("/api/v1/accounts/acme/users?q=first002", token).body())).hasSize(10);
		assertThat(emails(get("/api/v1/accounts/acme/users?q=zz", token).body())).isEmpty();
	}

	@Test
	void limitIsOneTo500() throws Exception {
		invited("acme", 3);
		String token = token("acme");
		assertThat(emails(get("/api/v1/accounts/acme/users?limit=2", token).body())).hasSize(2);
		assertThat(get("/api/v1/accounts/acme/users?limit=500", token).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/accounts/acme/users?limit=501", token).statusCode()).isEqualTo(400);
		assertThat(get("/api/v1/accounts/acme/users?limit=0", token).statusCode()).isEqualTo(400);
		assertThat(get("/api/v1/accounts/acme/users?limit=ten", token).statusCode()).isEqualTo(400);
		assertThat(get("/api/v1/accounts/acme/users?cursor=%25%25", token).statusCode()).isEqualTo(400);
	}

	@Test
	void oneUserAndAnotherAccountsIs404() throws Exception {
		invited("acme", 1);
		invited("globex", 1);
		String acme = token("acme");
		HttpResponse<String> own = get("/api/v1/accounts/acme/users/USER0000@acme.example", acme);
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(own.body()).contains("\"email\":\"user0000@acme.example\"");
		assertThat(get("/api/v1/accounts/acme/users/user0000@globex.example", acme).statusCode()).isEqualTo(404);
		assertThat(get("/api/v1/accounts/globex/users/user0000@globex.example", acme).statusCode()).isEqualTo(404);
		assertThat(get("/api/v1/accounts/globex/users", acme).statusCode()).isEqualTo(404);
		assertThat(get("/api/v1/accounts/globex/users/user0000@globex.example", operatorToken()).statusCode())
			.isEqualTo(200);
	}

	@Test
	void exportsCsvWithFormulasNeutralised() throws Exception {
		invited("acme", 2);
		this.jdbc.update("update app_user set first_name = '=HYPERLINK(\"x\")' where email like 'user0001%'");
		String token = token("acme", "export-users");
		HttpResponse<String> csv = get("/api/v1/accounts/acme/users/export?format=csv&status=invited", token);
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/csv"));
		assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(value) -> assertThat(value).contains("attachment").contains("acme-users-invited.csv"));
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0)).isEqualTo("\uFEFFEmail,First Name,Last Name,Status,Profile Type,Group,Office,"
				+ "Host Code,Guest Code,Billing Code,Language,Activation Email Sent,Welcome Email Sent,Created,"
				+ "Terminated");
		assertThat(lines).hasSize(3);
		assertThat(lines.get(1)).startsWith("user0000@acme.example,First0000,Last0000,INVITED,Standard");
		assertThat(lines.get(2)).startsWith("user0001@acme.example,\"'=HYPERLINK(\"\"x\"\")\",Last0001");
		assertThat(count("select count(*) from audit_event where action = 'users.export'")).isEqualTo(1);
		assertThat(get("/api/v1/accounts/acme/users/export?format=pdf", token).statusCode()).isEqualTo(400);
	}

	@Test
	void exportsXlsxAsTextCells() throws Exception {
		invited("acme", 2);
		HttpResponse<byte[]> xlsx = this.http.send(HttpRequest.newBuilder(uri("/api/v1/accounts/acme/users/export?format=xlsx"))
			.header("Authorization", "Bearer " + token("acme", "export-users"))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(xlsx.statusCode()).isEqualTo(200);
		assertThat(xlsx.headers().firstValue("Content-Type"))
			.hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
			Sheet sheet = workbook.getSheet("Users");
			assertThat(sheet.getLastRowNum()).isEqualTo(2);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Email");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("user0000@acme.example");
			assertThat(sheet.getRow(2).getCell(9).getStringCellValue()).isEqualTo("00420");
		}
	}

	@Test
	void aTokenWithoutExportUsersMayNotExport() throws Exception {
		assertThat(get("/api/v1/accounts/acme/users/export", token("acme", "import-users")).statusCode())
			.isEqualTo(403);
		assertThat(count("select count(*) from audit_event where action = 'users.export'")).isZero();
	}

	@Test
	void provisioningIsOffByDefault() throws Exception {
		HttpResponse<String> off = provision("acme", token("acme", "provision"), "ana@acme.example");
		assertThat(off.statusCode()).isEqualTo(403);
		assertThat(off.body()).contains("just-in-time provisioning is off");
		assertThat(count("select count(*) from app_user")).isZero();
	}

	@Test
	void provisionsOnceAndASecondCallChangesNothing() throws Exception {
		jit("acme");
		String token = token("acme", "provision");
		HttpResponse<String> first = provision("acme", token, "Ana@acme.example");
		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(first.headers().firstValue("Location")).hasValue("/api/v1/accounts/acme/users/Ana@acme.example");
		assertThat(first.body()).contains("\"status\":\"ACTIVE\"", "\"first_name\":\"Ana\"",
				"\"profile_type\":\"Standard\"", "\"billing_code\":\"00420\"");
		assertThat(first.body()).containsPattern("\"host_code\":\"\\d{8}\"");
		HttpResponse<String> second = provision("acme", token, "ana@ACME.example");
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(count("select count(*) from app_user")).isEqualTo(1);
		assertThat(count("select count(*) from email_outbox where kind = 'activation'")).isEqualTo(1);
		assertThat(count("select count(*) from audit_event where action = 'user.provision'")).isEqualTo(1);
	}

	@Test
	void aProvisionedUserGetsTheirActivationEmailWhileServeRuns() throws Exception {
		jit("acme");
		Serve serve = this.context.getBean(Serve.class);
		serve.start();
		try {
			assertThat(provision("acme", token("acme", "provision"), "ana@acme.example").statusCode()).isEqualTo(201);
			assertThat(dev.roster.MailServer.awaitReceived(1)).isTrue();
			org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> count(
					"select count(*) from email_outbox where kind = 'activation' and status = 'SENT'") == 1);
			assertThat(dev.roster.MailServer.received()).singleElement()
				.satisfies((mail) -> assertThat(mail.to()).contains("ana@acme.example"));
			assertThat(count("select count(*) from job_launch where job = 'deliver-emails' and door = 'api'"))
				.isEqualTo(1);
		}
		finally {
			serve.stop();
		}
	}

	@Test
	void provisioningWithoutActivationEmailQueuesNone() throws Exception {
		this.accounts.setPolicy("acme", new AccountPolicy(true, false, false));
		assertThat(provision("acme", operatorToken(), "ana@acme.example").statusCode()).isEqualTo(201);
		assertThat(count("select count(*) from email_outbox")).isZero();
	}

	@Test
	void provisioningRefusesAnotherAccountsEmailATerminatedUserAndBadFields() throws Exception {
		jit("acme");
		invited("globex", 1);
		String token = token("acme", "provision");
		HttpResponse<String> other = provision("acme", token, "user0000@globex.example");
		assertThat(other.statusCode()).isEqualTo(409);
		assertThat(other.body()).contains("outside this account").doesNotContain("globex\"");
		assertThat(other.body()).doesNotContain("Globex");
		HttpResponse<String> invalid = post("/api/v1/accounts/acme/users/provision", token,
				"{\"email\":\"bob@acme.example\",\"first_name\":\"Bob\",\"last_name\":\"B\",\"office\":\"Lisbon\"}");
		assertThat(invalid.statusCode()).isEqualTo(422);
		assertThat(invalid.body()).contains("unknown office 'Lisbon'").contains("field 'office'");
		HttpResponse<String> noName = post("/api/v1/accounts/acme/users/provision", token,
				"{\"email\":\"bob@acme.example\",\"last_name\":\"B\"}");
		assertThat(noName.statusCode()).isEqualTo(422);
		assertThat(noName.body()).contains("field 'first_name'");
		assertThat(provision("acme", token, "carl@acme.example").statusCode()).isEqualTo(201);
		this.jdbc.update("update app_user set status = 'TERMINATED', terminated_at = now(), host_code = null, "
				+ "guest_code = null where email = 'carl@acme.example'");
		HttpResponse<String> terminated = provision("acme", token, "carl@acme.example");
		assertThat(terminated.statusCode()).isEqualTo(409);
		assertThat(terminated.body()).contains("reactivate");
	}

	@Test
	void provisioningOutsideTheAccountsDomainsIs422() throws Exception {
		this.accounts.define(new AccountDefinition("acme", null, null, null, null, null, null,
				List.of("acme.example")));
		jit("acme");
		HttpResponse<String> outside = provision("acme", token("acme", "provision"), "ana@elsewhere.example");
		assertThat(outside.statusCode()).isEqualTo(422);
		assertThat(outside.body()).contains("not one of this account's domains");
		assertThat(count("select count(*) from app_user")).isZero();
	}

	@Test
	void onlyATokenMadeToProvisionOfThatAccountMay() throws Exception {
		jit("acme");
		jit("globex");
		assertThat(provision("acme", token("acme", "import-users"), "ana@acme.example").statusCode()).isEqualTo(403);
		assertThat(provision("acme", token("globex", "provision"), "ana@acme.example").statusCode()).isEqualTo(404);
		assertThat(count("select count(*) from app_user")).isZero();
	}

	private void jit(String account) {
		this.accounts.setPolicy(account, new AccountPolicy(true, true, false));
	}

	private HttpResponse<String> provision(String account, String token, String email) throws Exception {
		return post("/api/v1/accounts/" + account + "/users/provision", token,
				"{\"email\":\"" + email + "\",\"first_name\":\"Ana\",\"last_name\":\"García\"}");
	}

	private HttpResponse<String> post(String path, String token, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** {@code count} invited users of the account: user0000@&lt;account&gt;.example, First0000 Last0000... */
	private void invited(String account, int count) {
		this.jdbc.update("""
				insert into app_user (account_id, email, first_name, last_name, profile_type_id, billing_code, status)
				select a.id, 'user' || lpad(n::text, 4, '0') || '@' || a.slug || '.example', 'First' || lpad(n::text, 4, '0'),
					'Last' || lpad(n::text, 4, '0'), p.id, a.default_billing_code, 'INVITED'
				from account a join account_profile_type p on p.account_id = a.id and p.is_default,
					generate_series(0, ? - 1) n
				where a.slug = ?""", count, account);
	}

	private static List<String> emails(String body) {
		List<String> emails = new ArrayList<>();
		Matcher matcher = EMAIL.matcher(body);
		while (matcher.find()) {
			emails.add(matcher.group(1));
		}
		return emails;
	}

	private static String next(String body) {
		Matcher matcher = NEXT.matcher(body);
		return matcher.find() ? matcher.group(1) : null;
	}

}
