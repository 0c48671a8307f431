package dev.roster.api;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.roster.access.People;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who gets what from every endpoint of the API: one line per request, the status each kind of caller gets. Another
 * account's resource is 404 like one that does not exist; what a caller sees but may not do is 403. An endpoint
 * without a line here fails the test, so a new endpoint comes with its line.
 */
class AuthorizationMatrixTests extends HttpTest {

	/** The callers, in the order of a line's statuses. */
	enum Who {
		OPERATOR, ACME_ADMIN, GLOBEX_ADMIN, ACME_TOKEN_WITH_JOB, ACME_TOKEN_WITHOUT_JOB, OPERATOR_TOKEN, NOBODY
	}

	/** The job the acme token with the job may launch; the one without it may launch another. */
	static final String JOB = "sync-roster";

	/** A user of acme. */
	private static final String USER = "ana.user@acme.example";

	private static final List<Line> MATRIX = List.of(
	//		request                                            OPER ACME GLOB A+JOB A-JOB OTOK NONE
			line("GET /api/v1/accounts",                      200, 200, 200, 200, 200, 200, 401),
			line("GET /api/v1/accounts/acme",                 200, 200, 404, 200, 200, 200, 401),
			line("GET /api/v1/accounts/globex",               200, 404, 200, 404, 404, 200, 401),
			line("GET /api/v1/accounts/initech",              404, 404, 404, 404, 404, 404, 401),
			line("GET /api/v1/accounts/acme/audit",           200, 200, 404, 403, 403, 200, 401),
			line("GET /api/v1/accounts/globex/audit",         200, 404, 200, 404, 404, 200, 401),
			line("GET /api/v1/accounts/initech/audit",        404, 404, 404, 404, 404, 404, 401),
			// a launch allowed gets as far as the lanes, which only a running serve has: 503 here, 202 there
			line("POST /api/v1/accounts/acme/jobs/sync-roster",   503, 503, 404, 503, 403, 503, 401),
			line("POST /api/v1/accounts/globex/jobs/sync-roster", 503, 404, 503, 404, 404, 503, 401),
			line("POST /api/v1/accounts/acme/jobs/no-such-job",   404, 404, 404, 404, 404, 404, 401),
			line("GET /api/v1/accounts/acme/jobs",            200, 200, 404, 200, 200, 200, 401),
			line("GET /api/v1/accounts/globex/jobs",          200, 404, 200, 404, 404, 200, 401),
			line("GET /api/v1/jobs/1",                        200, 200, 404, 200, 200, 200, 401),
			line("GET /api/v1/jobs/2",                        200, 404, 200, 404, 404, 200, 401),
			line("GET /api/v1/jobs/99",                       404, 404, 404, 404, 404, 404, 401),
			line("GET /api/v1/jobs/1/report",                 200, 200, 404, 200, 200, 200, 401),
			line("GET /api/v1/jobs/2/report",                 200, 404, 200, 404, 404, 200, 401),
			// job 1 completed: nothing to approve (409) for whoever may approve; acme does not let its admins
			line("POST /api/v1/jobs/1/approve",               409, 403, 404, 403, 403, 409, 401),
			line("POST /api/v1/jobs/2/approve",               409, 404, 403, 404, 404, 409, 401),
			line("GET /api/v1/accounts/acme/users",           200, 200, 404, 200, 200, 200, 401),
			line("GET /api/v1/accounts/globex/users",         200, 404, 200, 404, 404, 200, 401),
			line("GET /api/v1/accounts/acme/users/" + USER,   200, 200, 404, 200, 200, 200, 401),
			line("GET /api/v1/accounts/globex/users/" + USER, 404, 404, 404, 404, 404, 404, 401),
			// the export is the export-users job's: the token without sync-roster has it
			line("GET /api/v1/accounts/acme/users/export",    200, 200, 404, 403, 200, 200, 401),
			line("GET /api/v1/accounts/globex/users/export",  200, 404, 200, 404, 404, 200, 401),
			// provisioning is off in both accounts: refused to whoever sees the account
			line("POST /api/v1/accounts/acme/users/provision",   403, 403, 404, 403, 403, 403, 401),
			line("POST /api/v1/accounts/globex/users/provision", 403, 404, 403, 404, 404, 403, 401));

	private static final String PASSWORD = "a long enough password";

	private final Map<Who, Caller> callers = new EnumMap<>(Who.class);

	@BeforeEach
	void callers() throws Exception {
		createAcme();
		createGlobex();
		// job 1 of acme and job 2 of globex, each with a report
		for (String account : List.of("acme", "globex")) {
			java.nio.file.Path report = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/matrix"))
				.resolve(account + "-report.csv");
			java.nio.file.Files.writeString(report, "Row,Error\n");
			this.jdbc.update("""
					insert into job_launch (account_id, job, door, launched_by, status, report)
					values ((select id from account where slug = ?), 'sync-roster', 'cli', 'test', 'COMPLETED', ?)""",
					account, report.toAbsolutePath().toString());
		}
		this.jdbc.update("""
				insert into app_user (account_id, email, first_name, last_name, profile_type_id, status)
				select a.id, ?, 'Ana', 'User', p.id, 'INVITED'
				from account a join account_profile_type p on p.account_id = a.id and p.is_default
				where a.slug = 'acme'""", USER);
		this.callers.put(Who.OPERATOR, person("olga@support.example", true, List.of()));
		this.callers.put(Who.ACME_ADMIN, person("ana@acme.example", false, List.of("acme")));
		this.callers.put(Who.GLOBEX_ADMIN, person("gus@globex.example", false, List.of("globex")));
		this.callers.put(Who.ACME_TOKEN_WITH_JOB, bearer(token("acme", JOB)));
		this.callers.put(Who.ACME_TOKEN_WITHOUT_JOB, bearer(token("acme", "export-users")));
		this.callers.put(Who.OPERATOR_TOKEN, bearer(operatorToken()));
		this.callers.put(Who.NOBODY, (request) -> this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
	}

	@Test
	void everyCallerGetsTheStatusOfItsColumn() throws Exception {
		List<String> wrong = new ArrayList<>();
		for (Line line : MATRIX) {
			for (Who who : Who.values()) {
				int status = this.callers.get(who).send(line.request(this::uri)).statusCode();
				if (status != line.expected().get(who)) {
					wrong.add(line.method() + " " + line.path() + " as " + who + ": " + status + ", expected "
							+ line.expected().get(who));
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void everyEndpointOfTheApiHasALine() {
		List<String> missing = new ArrayList<>();
		for (String endpoint : endpoints(this.context.getBean("requestMappingHandlerMapping",
				RequestMappingHandlerMapping.class))) {
			String method = endpoint.substring(0, endpoint.indexOf(' '));
			PathPattern pattern = PathPatternParser.defaultInstance.parse(endpoint.substring(method.length() + 1));
			if (MATRIX.stream().noneMatch((line) -> line.method().equals(method)
					&& pattern.matches(PathContainer.parsePath(line.path())))) {
				missing.add(endpoint);
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	void theOpenApiDocumentListsEveryEndpointAndBothWaysToAuthenticate() throws Exception {
		HttpResponse<String> docs = get("/v3/api-docs", null);
		assertThat(docs.statusCode()).isEqualTo(200);
		JsonNode document = JsonMapper.builder().build().readTree(docs.body());
		Set<String> documented = new TreeSet<>();
		document.get("paths").properties().forEach((path) -> path.getValue().properties()
			.forEach((operation) -> documented.add(operation.getKey().toUpperCase() + " " + path.getKey())));
		assertThat(documented).containsAll(endpoints(this.context.getBean("requestMappingHandlerMapping",
				RequestMappingHandlerMapping.class)));
		JsonNode schemes = document.get("components").get("securitySchemes");
		assertThat(schemes.get("bearer").get("type").asString()).isEqualTo("http");
		assertThat(schemes.get("bearer").get("scheme").asString()).isEqualTo("bearer");
		assertThat(schemes.get("session").get("type").asString()).isEqualTo("apiKey");
		assertThat(schemes.get("session").get("in").asString()).isEqualTo("cookie");
		assertThat(document.get("security").toString()).contains("bearer").contains("session");
	}

	/** The API's endpoints as {@code METHOD /api/v1/pattern}, as the controllers map them. */
	static Set<String> endpoints(RequestMappingHandlerMapping mapping) {
		Set<String> endpoints = new TreeSet<>();
		for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/api/v1")) {
					info.getMethodsCondition().getMethods().forEach((method) -> endpoints.add(method + " " + pattern));
				}
			}
		}
		return endpoints;
	}

	private Caller person(String email, boolean operator, List<String> accounts) throws Exception {
		People.Invitation invitation = this.people.invite(email, null, operator, accounts);
		this.people.setPassword(invitation.token(), PASSWORD);
		Browser browser = new Browser(this::uri);
		assertThat(browser.signIn(email, PASSWORD).headers().firstValue("Location").orElseThrow())
			.doesNotContain("error");
		String csrf = browser.csrf();
		return (request) -> browser.send(request.header("X-CSRF-TOKEN", csrf));
	}

	private Caller bearer(String token) {
		return (request) -> this.http.send(request.header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** {@code "METHOD /path"} and the statuses in the order of {@link Who}. */
	private static Line line(String request, int... statuses) {
		assertThat(statuses).hasSize(Who.values().length);
		Map<Who, Integer> expected = new EnumMap<>(Who.class);
		for (Who who : Who.values()) {
			expected.put(who, statuses[who.ordinal()]);
		}
		String[] parts = request.split(" ", 2);
		return new Line(parts[0], parts[1], expected);
	}

	/** A request of the matrix; one that sends a body sends an empty JSON object. */
	record Line(String method, String path, Map<Who, Integer> expected) {

		HttpRequest.Builder request(java.util.function.Function<String, java.net.URI> uri) {
			HttpRequest.Builder request = HttpRequest.newBuilder(uri.apply(this.path));
			return "GET".equals(this.method) ? request.GET()
					: request.header("Content-Type", "application/json")
						.method(this.method, HttpRequest.BodyPublishers.ofString("{}"));
		}

	}

	@FunctionalInterface
	interface Caller {

		HttpResponse<String> send(HttpRequest.Builder request) throws Exception;

	}

}
