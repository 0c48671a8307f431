package dev.roster.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.roster.access.People;
import dev.roster.api.HttpTest;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users page over HTTP, as a signed-in person's browser and as others: what is emailed when the posted ids are
 * not what the page showed, who may reach the page, and the downloads.
 */
class UsersPagesHttpTests extends HttpTest {

	private static final String PASSWORD = "correct horse battery staple";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient session = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@Test
	void aPostedIdOfAnotherAccountsUserIsSkippedAndNeverEmailed() throws Exception {
		// given
		acmeAndGlobexWithUsers();
		signIn("ana@acme.example", "acme");
		long homer = id("homer.simpson@globex.example");
		long maria = id("maria.garcia@acme.example");
		long before = count("select coalesce(max(id), 0) from email_outbox");
		// when: the form posted with an id the page never showed
		HttpResponse<String> sent = post("/accounts/acme/users/emails", "kind", "activation", "tab", "active", "id",
				String.valueOf(maria), "id", String.valueOf(homer), "id", "not-a-number");
		// then
		assertThat(sent.statusCode()).isEqualTo(302);
		assertThat(sent.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/accounts/acme/users?tab=active"));
		assertThat(get("/accounts/acme/users?tab=active").body()).contains(
				"1 activation email queued. They will go out with the next delivery. 2 skipped: 2 are not users of this account.");
		assertThat(this.jdbc.queryForList("select user_id from email_outbox where id > ?", Long.class, before))
			.containsExactly(maria);
		assertThat(count("select count(*) from email_outbox where user_id = ?", homer)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject(
				"select detail::text from audit_event where action = 'users.send-emails' and actor = 'person:ana@acme.example'",
				String.class))
			.contains("\"queued\": 1").contains("\"unknown\": 1");
	}

	@Test
	void anEmailIsNotSentToUsersItDoesNotFit() throws Exception {
		// given
		acmeAndGlobexWithUsers();
		signIn("ana@acme.example", "acme");
		long before = count("select coalesce(max(id), 0) from email_outbox");
		// when: a welcome for active users, an activation for a terminated one
		post("/accounts/acme/users/emails", "kind", "welcome", "tab", "invited", "id",
				String.valueOf(id("maria.garcia@acme.example")), "id", String.valueOf(id("li.wei@acme.example")));
		String welcome = get("/accounts/acme/users?tab=invited").body();
		post("/accounts/acme/users/emails", "kind", "activation", "tab", "terminated", "id",
				String.valueOf(id("john.smith@acme.example")));
		String activation = get("/accounts/acme/users?tab=terminated").body();
		// then
		assertThat(welcome).contains("No welcome email was queued. 2 skipped: 2 are not invited.");
		assertThat(activation).contains("No activation email was queued. 1 skipped: 1 is not active.");
		assertThat(count("select count(*) from email_outbox where id > ?", before)).isZero();
	}

	@Test
	void anAdminReachesNoPageOfAnotherAccount() throws Exception {
		acmeAndGlobexWithUsers();
		signIn("ana@acme.example", "acme");
		long homer = id("homer.simpson@globex.example");
		long before = count("select count(*) from email_outbox");
		assertThat(get("/accounts/globex/users").statusCode()).isEqualTo(404);
		assertThat(get("/accounts/globex/users?tab=invited&q=ho").statusCode()).isEqualTo(404);
		HttpResponse<String> export = get("/accounts/globex/users/export?tab=active&format=csv");
		assertThat(export.statusCode()).isEqualTo(404);
		assertThat(export.body()).doesNotContain("homer");
		assertThat(post("/accounts/globex/users/emails", "kind", "activation", "id", String.valueOf(homer))
			.statusCode()).isEqualTo(404);
		assertThat(count("select count(*) from email_outbox")).isEqualTo(before);
		assertThat(count("select count(*) from audit_event where action like 'users.%'")).isZero();
	}

	@Test
	void aTokenIsRefusedThePageItsEmailsAndItsExport() throws Exception {
		acmeAndGlobexWithUsers();
		String token = token("acme", "export-users", "send-emails");
		assertThat(get("/accounts/acme/users", token).statusCode()).isEqualTo(403);
		assertThat(get("/accounts/acme/users/export?format=csv", token).statusCode()).isEqualTo(403);
		HttpResponse<String> send = this.http.send(HttpRequest.newBuilder(uri("/accounts/acme/users/emails"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("kind=activation&id=" + id("maria.garcia@acme.example")))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(send.statusCode()).isEqualTo(403);
		assertThat(count("select count(*) from email_outbox where status = 'QUEUED'")).isZero();
		// and a browser no one signed in to is sent to sign in
		HttpResponse<String> anonymous = this.http.send(
				HttpRequest.newBuilder(uri("/accounts/acme/users/export?format=csv")).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/login"));
	}

	@Test
	void exportXlsxHoldsTheTabsUsers() throws Exception {
		acmeAndGlobexWithUsers();
		signIn("ana@acme.example", "acme");
		HttpResponse<byte[]> export = this.session.send(
				HttpRequest.newBuilder(uri("/accounts/acme/users/export?tab=active&format=xlsx")).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((disposition) -> assertThat(disposition).contains("acme-users-active.xlsx"));
		List<String> emails = new ArrayList<>();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.body()))) {
			workbook.getSheetAt(0).forEach((row) -> emails.add(row.getCell(0).getStringCellValue()));
		}
		assertThat(emails).hasSize(6).contains("maria.garcia@acme.example").doesNotContain("john.smith@acme.example",
				"tom.baker@acme.example", "homer.simpson@globex.example");
		assertThat(get("/accounts/acme/users/export?tab=active&format=pdf").statusCode()).isEqualTo(400);
	}

	@Test
	void theSearchBoxIsAnsweredWithTheTableAlone() throws Exception {
		acmeAndGlobexWithUsers();
		signIn("ana@acme.example", "acme");
		HttpResponse<String> table = this.session.send(HttpRequest.newBuilder(uri("/accounts/acme/users?tab=active&q=jos"))
			.header("HX-Request", "true")
			.header("HX-Target", "users")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(table.statusCode()).isEqualTo(200);
		assertThat(table.body().strip()).startsWith("<div id=\"users\">").doesNotContain("<html", "class=\"tabs\"");
		assertThat(table.body()).contains("jose.nunez@acme.example").doesNotContain("maria.garcia@acme.example");
		assertThat(get("/accounts/acme/users?tab=deleted").statusCode()).isEqualTo(400);
	}

	@Test
	void aTabOfMoreThanTenThousandUsersSaysSoRatherThanCountThemAll() throws Exception {
		// given: 10,001 invited users
		createAcme();
		this.jdbc.update("""
				insert into app_user (account_id, email, first_name, last_name, profile_type_id, status)
				select a.id, 'invited' || i || '@acme.example', 'In', 'Vited ' || i, p.id, 'INVITED'
				from generate_series(1, 10001) i
				join account a on a.slug = 'acme'
				join account_profile_type p on p.account_id = a.id and p.is_default""");
		signIn("ana@acme.example", "acme");
		// then
		assertThat(counts(get("/accounts/acme/users").body())).containsExactly("0", "0", "10,000+");
		// when: one fewer, the count is exact
		this.jdbc.update("delete from app_user where email = 'invited1@acme.example'");
		assertThat(counts(get("/accounts/acme/users?tab=invited").body())).containsExactly("0", "0", "10,000");
	}

	/** The counts of the tabs, in their order. */
	private static List<String> counts(String page) {
		Matcher count = Pattern.compile("<span class=\"count\">([^<]*)</span>").matcher(page);
		List<String> counts = new ArrayList<>();
		while (count.find()) {
			counts.add(count.group(1));
		}
		return counts;
	}

	/** acme with six imported users (John Smith terminated) and two invited; globex with Homer. */
	private void acmeAndGlobexWithUsers() {
		createAcme();
		createGlobex();
		UsersFixtures.make((command) -> roster(command).exitCode(), UsersFixtures.ACME);
		UsersFixtures.make((command) -> roster(command).exitCode(), UsersFixtures.GLOBEX);
	}

	/** Signs an admin of {@code account} in through the sign-in form; the session's cookie is kept. */
	private void signIn(String email, String account) throws Exception {
		People.Invitation invitation = this.people.invite(email, email, false, List.of(account));
		this.people.setPassword(invitation.token(), PASSWORD).orElseThrow();
		HttpResponse<String> signedIn = post("/login", "username", email, "password", PASSWORD);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).doesNotContain("error"));
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.session.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Posts a form with the session's CSRF token, as a page's form does (the sign-in page's holds one). */
	private HttpResponse<String> post(String path, String... fields) throws IOException, InterruptedException {
		Matcher csrf = CSRF.matcher(get("/login").body());
		assertThat(csrf.find()).isTrue();
		List<String> pairs = new ArrayList<>(List.of("_csrf=" + encode(csrf.group(1))));
		for (int i = 0; i < fields.length; i += 2) {
			pairs.add(encode(fields[i]) + "=" + encode(fields[i + 1]));
		}
		return this.session.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(pairs.stream().collect(Collectors.joining("&"))))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private long id(String email) {
		return count("select id from app_user where email = ?", email);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
