package dev.roster.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.roster.RosterHome;
import dev.roster.TestFiles;
import dev.roster.access.People;
import dev.roster.inbox.Serve;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jobs over HTTP: uploads streamed to disk and run in serve's account lanes, followed to their end, their reports
 * downloaded; the same upload again; the limits, the refusals, and approving a sync the guard stopped.
 */
class JobsApiTests extends HttpTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> ENDED = Set.of("COMPLETED", "ALREADY_COMPLETED", "REJECTED", "GUARD_STOPPED",
			"STOPPED", "FAILED", "BUSY");

	@Autowired
	Serve serve;

	@Autowired
	RosterHome home;

	@TempDir
	Path temp;

	@BeforeEach
	void serving() {
		FileSystemUtils.deleteRecursively(this.home.home().resolve("uploads").toFile());
		createAcme();
		createGlobex();
		this.serve.start();
	}

	@AfterEach
	void stopServing() {
		this.serve.stop();
	}

	@Test
	void anUploadWithBadRowsRunsAndItsRejectsReportIsDownloaded() throws Exception {
		String token = token("acme", "import-users");

		HttpResponse<String> launched = this.http.send(
				new Multipart().field("mode", "create").file(fixture("importusers/invites-bad-rows.csv"))
					.post(uri("/api/v1/accounts/acme/jobs/import-users"), token),
				HttpResponse.BodyHandlers.ofString());

		assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
		JsonNode job = JSON.readTree(launched.body());
		long id = job.get("id").asLong();
		assertThat(launched.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + id);
		assertThat(job.get("door").asString()).isEqualTo("api");
		assertThat(job.get("launched_by").asString()).startsWith("token:acme/test-");
		assertThat(job.get("file_name").asString()).isEqualTo("invites-bad-rows.csv");
		assertThat(job.get("progress").get("total").asLong()).isEqualTo(13);
		assertThat(job.get("options").get("mode").asString()).isEqualTo("create");

		JsonNode ended = ended(id, token);
		assertThat(ended.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(ended.get("read").asLong()).isEqualTo(13);
		long created = ended.get("created").asLong();
		long rejected = ended.get("rejected").asLong();
		assertThat(created).isPositive();
		assertThat(created + rejected).isEqualTo(13);
		assertThat(ended.get("progress").get("read").asLong()).isEqualTo(13);
		assertThat(count("select count(*) from app_user")).isEqualTo(created);
		assertThat(ended.get("report").asString()).isEqualTo("/api/v1/jobs/" + id + "/report");

		HttpResponse<String> report = get("/api/v1/jobs/" + id + "/report", token);
		assertThat(report.statusCode()).isEqualTo(200);
		assertThat(report.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("attachment").contains("rejects.csv"));
		Path downloaded = Files.writeString(this.temp.resolve("rejects.csv"), report.body());
		List<CSVRecord> rows = TestFiles.report(downloaded.toString());
		assertThat(rows.get(0).toList()).contains("Row", "Error");
		assertThat(rows).hasSize((int) rejected + 1);
		assertThat(rows).extracting((row) -> row.get(0)).contains("not-an-email", "bad.office@acme.example");

		// the file was kept owner-only under the account's uploads, and the launch is an audit event
		assertThat(uploads("acme")).singleElement()
			.satisfies((file) -> assertThat(file.getFileName().toString()).endsWith("-invites-bad-rows.csv"));
		assertThat(count("select count(*) from audit_event where action = 'job.launch' and target = ?",
				"job " + id)).isEqualTo(1);
		assertThat(get("/api/v1/accounts/acme/jobs", token).body()).contains("\"id\":" + id);
	}

	@Test
	void theSameUploadAgainAnswersTheEarlierJobAndOtherOptionsLaunchAnew() throws Exception {
		String token = token("acme", "import-users");
		HttpResponse<String> first = upload("acme", "import-users", token, fixture("importusers/invites.csv"));
		long id = JSON.readTree(first.body()).get("id").asLong();
		ended(id, token);

		HttpResponse<String> again = upload("acme", "import-users", token, fixture("importusers/invites.csv"));

		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + id);
		assertThat(JSON.readTree(again.body()).get("id").asLong()).isEqualTo(id);
		assertThat(uploads("acme")).hasSize(1);
		assertThat(count("select count(*) from job_launch")).isEqualTo(1);

		HttpResponse<String> invite = upload("acme", "import-users", token, fixture("importusers/invites.csv"),
				"mode", "invite");
		assertThat(invite.statusCode()).isEqualTo(202);
		assertThat(JSON.readTree(invite.body()).get("id").asLong()).isNotEqualTo(id);
	}

	@Test
	void aDryRunChangesNothingAndEveryDryRunRuns() throws Exception {
		String token = token("acme", "import-users");
		for (int run = 0; run < 2; run++) {
			HttpResponse<String> dry = upload("acme", "import-users", token, fixture("importusers/invites.csv"),
					"dry-run", "true");
			assertThat(dry.statusCode()).isEqualTo(202);
			JsonNode ended = ended(JSON.readTree(dry.body()).get("id").asLong(), token);
			assertThat(ended.get("status").asString()).isEqualTo("COMPLETED");
			assertThat(ended.get("dry_run").asBoolean()).isTrue();
		}
		assertThat(count("select count(*) from app_user")).isZero();
		assertThat(count("select count(*) from job_launch where dry_run")).isEqualTo(2);
	}

	@Test
	void aRawBodyWithItsOptionsAsQueryParametersIsLaunchedToo() throws Exception {
		String token = token("acme", "import-users");
		HttpResponse<String> launched = this.http.send(HttpRequest
			.newBuilder(uri("/api/v1/accounts/acme/jobs/import-users?mode=invite&no-deliver=true"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "text/csv")
			.header("Content-Disposition", "attachment; filename=\"invites.csv\"")
			.POST(BodyPublishers.ofFile(fixture("importusers/invites.csv")))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
		JsonNode ended = ended(JSON.readTree(launched.body()).get("id").asLong(), token);
		assertThat(ended.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(ended.get("file_name").asString()).isEqualTo("invites.csv");
		assertThat(count("select count(*) from app_user where status = 'INVITED'")).isEqualTo(ended.get("created")
			.asLong()).isPositive();
	}

	@Test
	void anUnknownOptionOrABadValueIs400NamingWhatIsAccepted() throws Exception {
		String token = token("acme", "import-users", "export-users");

		HttpResponse<String> unknown = upload("acme", "import-users", token, fixture("importusers/invites.csv"),
				"colour", "red");
		HttpResponse<String> bad = upload("acme", "import-users", token, fixture("importusers/invites.csv"), "mode",
				"shout");
		HttpResponse<String> output = upload("acme", "import-users", token, fixture("importusers/invites.csv"), "out",
				"/tmp/x.csv");
		HttpResponse<String> noFile = upload("acme", "import-users", token, null);

		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("unknown option colour").contains("mode, no-deliver, sheet, dry-run");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("mode 'shout' is not one of create, invite");
		assertThat(output.statusCode()).isEqualTo(400);
		assertThat(noFile.statusCode()).isEqualTo(400);
		assertThat(noFile.body()).contains("import-users reads a file");
		assertThat(upload("acme", "no-such-job", operatorToken(), null).statusCode()).isEqualTo(404);
		assertThat(upload("acme", "export-users", token, null).statusCode()).isEqualTo(404);
		assertThat(uploads("acme")).isEmpty();
		assertThat(count("select count(*) from job_launch")).isZero();
	}

	@Test
	void anUploadOverTheLimitIs413AndLeavesNothing() throws Exception {
		// 1.3 MB of valid rows, over the test's 1 MB limit
		Path large = this.temp.resolve("large.csv");
		try (OutputStream out = Files.newOutputStream(large)) {
			out.write("Email,First Name,Last Name\n".getBytes(StandardCharsets.UTF_8));
			for (int i = 0; i < 40_000; i++) {
				out.write(("user" + i + "@acme.example,First,Last\n").getBytes(StandardCharsets.UTF_8));
			}
		}
		assertThat(Files.size(large)).isGreaterThan(1024 * 1024);

		HttpResponse<String> refused = upload("acme", "import-users", token("acme", "import-users"), large);

		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.body()).contains("larger than the limit");
		assertThat(uploads("acme")).isEmpty();
		assertThat(count("select count(*) from app_user")).isZero();
		assertThat(count("select count(*) from job_launch")).isZero();
	}

	@Test
	void aTokenWithoutTheJobIs403() throws Exception {
		HttpResponse<String> refused = upload("acme", "import-users", token("acme", "terminate"),
				fixture("importusers/invites.csv"));

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("may not launch import-users").contains("terminate");
		assertThat(uploads("acme")).isEmpty();
		assertThat(count("select count(*) from job_launch")).isZero();
	}

	@Test
	void aTokenCannotApproveAMassTerminationInAdvance() throws Exception {
		String token = token("acme", "sync-roster");

		HttpResponse<String> limit = upload("acme", "sync-roster", token, fixture("syncroster/roster-six-gone.csv"),
				"max-terminations", "1000");
		HttpResponse<String> allow = upload("acme", "sync-roster", token, fixture("syncroster/roster-six-gone.csv"),
				"allow-mass-termination", "true");

		assertThat(limit.statusCode()).as(limit.body()).isEqualTo(403);
		assertThat(limit.body()).contains("a person approves");
		assertThat(allow.statusCode()).as(allow.body()).isEqualTo(400);
		assertThat(allow.body()).contains("unknown option allow-mass-termination");
		assertThat(uploads("acme")).isEmpty();
		assertThat(count("select count(*) from job_launch")).isZero();
	}

	@Test
	void anotherAccountsJobsAre404() throws Exception {
		String acme = token("acme", "import-users");
		long id = JSON.readTree(upload("acme", "import-users", acme, fixture("importusers/invites-bad-rows.csv")).body())
			.get("id")
			.asLong();
		ended(id, acme);
		String globex = token("globex", "import-users");

		assertThat(upload("acme", "import-users", globex, fixture("importusers/invites.csv")).statusCode())
			.isEqualTo(404);
		assertThat(get("/api/v1/jobs/" + id, globex).statusCode()).isEqualTo(404);
		assertThat(get("/api/v1/jobs/" + id + "/report", globex).statusCode()).isEqualTo(404);
		assertThat(get("/api/v1/accounts/acme/jobs", globex).statusCode()).isEqualTo(404);
		assertThat(get("/api/v1/jobs/" + (id + 1000), acme).statusCode()).isEqualTo(404);
		assertThat(get("/api/v1/accounts/globex/jobs", globex).body()).isEqualTo("{\"jobs\":[],\"next\":null}");
		assertThat(get("/api/v1/jobs/" + id, acme).statusCode()).isEqualTo(200);
	}

	@Test
	void aSyncStoppedByTheGuardIsApprovedByAnOperatorOnly() throws Exception {
		// given: ten active users; the roster lists four, so six would go
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("syncroster/staff.csv").toString());
		String token = token("acme", "sync-roster");
		long stopped = JSON.readTree(upload("acme", "sync-roster", token, fixture("syncroster/roster-six-gone.csv"))
			.body()).get("id").asLong();
		JsonNode ended = ended(stopped, token);
		assertThat(ended.get("status").asString()).isEqualTo("GUARD_STOPPED");
		assertThat(ended.get("message").asString()).contains("would terminate 6 of 10");
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isZero();

		// an account's token never approves; nor does the account's admin while the account does not allow it
		HttpResponse<String> byToken = approve(stopped, token);
		Session admin = signIn("ada@acme.example", List.of("acme"));
		HttpResponse<String> byAdmin = admin.post("/api/v1/jobs/" + stopped + "/approve");
		assertThat(byToken.statusCode()).isEqualTo(403);
		assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(403);
		assertThat(byAdmin.body()).contains("only the service's support staff");
		assertThat(count("select count(*) from job_launch")).isEqualTo(2);
		// what was not stopped has nothing to approve
		String operator = operatorToken();
		long cliImport = this.jdbc.queryForObject("select id from job_launch where door = 'cli'", Long.class);
		assertThat(approve(cliImport, operator).statusCode()).isEqualTo(409);

		HttpResponse<String> approved = approve(stopped, operator);

		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
		JsonNode approval = JSON.readTree(approved.body());
		long id = approval.get("id").asLong();
		assertThat(approved.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + id);
		assertThat(approval.get("approval_of").asLong()).isEqualTo(stopped);
		assertThat(approval.get("approved_by").asString()).startsWith("token:");
		JsonNode applied = ended(id, operator);
		assertThat(applied.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(applied.get("terminated").asLong()).isEqualTo(6);
		assertThat(applied.get("options").get("allow-mass-termination").asString()).isEqualTo("true");
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isEqualTo(6);
		assertThat(count("select count(*) from job_launch where approval_of = ? and approved_by like 'token:%'",
				stopped)).isEqualTo(1);
		assertThat(count("select count(*) from audit_event where action = 'job.approve' and target = ?",
				"job " + id)).isEqualTo(1);
	}

	@Test
	void launchesFromTheCommandLineAppearInTheAccountsJobsWithTheirDoor() throws Exception {
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("importusers/invites.csv").toString());
		String token = token("acme", "import-users", "deliver-emails");
		long api = JSON.readTree(upload("acme", "deliver-emails", token, null).body()).get("id").asLong();
		ended(api, token);

		JsonNode all = JSON.readTree(get("/api/v1/accounts/acme/jobs", token).body());
		JsonNode page = JSON.readTree(get("/api/v1/accounts/acme/jobs?limit=1", token).body());
		JsonNode rest = JSON.readTree(
				get("/api/v1/accounts/acme/jobs?limit=1&cursor=" + page.get("next").asString(), token).body());
		JsonNode cli = JSON.readTree(get("/api/v1/accounts/acme/jobs?door=cli", token).body());

		assertThat(all.get("jobs")).hasSize(2);
		assertThat(all.get("jobs").get(0).get("job").asString()).isEqualTo("deliver-emails");
		assertThat(all.get("jobs").get(0).get("door").asString()).isEqualTo("api");
		assertThat(all.get("jobs").get(1).get("door").asString()).isEqualTo("cli");
		assertThat(all.get("jobs").get(1).get("launched_by").asString()).isEqualTo(System.getProperty("user.name"));
		assertThat(all.get("jobs").get(1).get("file_name").asString()).isEqualTo("invites.csv");
		assertThat(all.get("jobs").get(1).get("status").asString()).isEqualTo("COMPLETED");
		assertThat(page.get("jobs")).hasSize(1);
		assertThat(rest.get("jobs").get(0).get("door").asString()).isEqualTo("cli");
		assertThat(rest.get("next").isNull()).isTrue();
		assertThat(cli.get("jobs")).hasSize(1);
		assertThat(get("/api/v1/accounts/acme/jobs?status=completed&job=deliver-emails", token).body())
			.contains("\"id\":" + api);
	}

	@Test
	void withoutServeRunningALaunchIs503() throws Exception {
		this.serve.stop();

		HttpResponse<String> refused = upload("acme", "import-users", token("acme", "import-users"),
				fixture("importusers/invites.csv"));

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(uploads("acme")).isEmpty();
	}

	private HttpResponse<String> upload(String account, String job, String token, Path file, String... fields)
			throws IOException, InterruptedException {
		Multipart body = new Multipart();
		for (int i = 0; i < fields.length; i += 2) {
			body.field(fields[i], fields[i + 1]);
		}
		if (file != null) {
			body.file(file);
		}
		return this.http.send(body.post(uri("/api/v1/accounts/" + account + "/jobs/" + job), token),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> approve(long id, String token) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri("/api/v1/jobs/" + id + "/approve"))
			.header("Authorization", "Bearer " + token)
			.POST(BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The job once it has ended, polled as a client would. */
	private JsonNode ended(long id, String token) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
			HttpResponse<String> job = get("/api/v1/jobs/" + id, token);
			assertThat(job.statusCode()).isEqualTo(200);
			last[0] = JSON.readTree(job.body());
			return ENDED.contains(last[0].get("status").asString());
		});
		return last[0];
	}

	private List<Path> uploads(String account) throws IOException {
		Path folder = this.home.home().resolve("uploads").resolve(account);
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.toList();
		}
	}

	/** A person of {@code accounts} signed in with a password: a session cookie and its CSRF token. */
	private Session signIn(String email, List<String> accounts) throws IOException, InterruptedException {
		People.Invitation invitation = this.people.invite(email, "Ada", false, accounts);
		String password = "a long enough password";
		this.people.setPassword(invitation.token(), password);
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf(browser);
		HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return new Session(browser, csrf(browser));
	}

	/** The CSRF token of the browser's session, as the sign-in page carries it. */
	private String csrf(HttpClient browser) throws IOException, InterruptedException {
		String page = browser.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
		assertThat(token.find()).as(page).isTrue();
		return token.group(1);
	}

	private final class Session {

		private final HttpClient browser;

		private final String csrf;

		Session(HttpClient browser, String csrf) {
			this.browser = browser;
			this.csrf = csrf;
		}

		HttpResponse<String> post(String path) throws IOException, InterruptedException {
			return this.browser.send(HttpRequest.newBuilder(uri(path))
				.header("X-CSRF-TOKEN", this.csrf)
				.POST(BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		}

	}

}
