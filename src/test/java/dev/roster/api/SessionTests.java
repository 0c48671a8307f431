package dev.roster.api;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.roster.access.People;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** People sign in through the form and use the API with their session; what changes something needs CSRF. */
class SessionTests extends HttpTest {

	private static final String PASSWORD = "a long enough password";

	private Browser browser;

	@BeforeEach
	void anAdminOfAcme() {
		createAcme();
		createGlobex();
		People.Invitation invitation = this.people.invite("ana@acme.example", "Ana", false, List.of("acme"));
		this.people.setPassword(invitation.token(), PASSWORD);
		this.browser = new Browser(this::uri);
	}

	@Test
	void signingInThroughTheFormGivesASessionThatSeesTheAdminsAccountsOnly() throws Exception {
		// given
		HttpResponse<String> login = this.browser.get("/login");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("name=\"_csrf\"").contains("name=\"username\"");
		// when
		HttpResponse<String> signedIn = this.browser.signIn("ana@acme.example", PASSWORD);
		// then
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
		HttpResponse<String> accounts = this.browser.get("/api/v1/accounts");
		assertThat(accounts.statusCode()).isEqualTo(200);
		assertThat(accounts.body()).isEqualTo("{\"accounts\":[\"acme\"]}");
		assertThat(this.browser.get("/api/v1/accounts/globex").statusCode()).isEqualTo(404);
		assertThat(count("select count(*) from audit_event e join account a on a.id = e.account_id "
				+ "where a.slug = 'acme' and e.action = 'sign-in' and e.actor = 'person:ana@acme.example'"))
			.isEqualTo(1);
		assertThat(this.people.find("ana@acme.example").orElseThrow().lastSignInAt()).isNotNull();
	}

	@Test
	void aWrongPasswordRedirectsToTheFormWithAnErrorAndIsAudited() throws Exception {
		HttpResponse<String> refused = this.browser.signIn("ana@acme.example", "not the password at all");
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
		assertThat(this.browser.get("/api/v1/accounts").statusCode()).isEqualTo(401);
		assertThat(count("select count(*) from audit_event where action = 'sign-in.refused' "
				+ "and actor = 'person:ana@acme.example' and source = '127.0.0.1'")).isEqualTo(1);
		assertThat(count("select count(*) from audit_event where action = 'sign-in'")).isZero();
	}

	@Test
	void aSessionsApiPostWithoutTheCsrfTokenIsRefusedAndWithItGoesThrough() throws Exception {
		this.browser.signIn("ana@acme.example", PASSWORD);
		HttpResponse<String> forged = this.browser.send(json("/api/v1/accounts"));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		// with the token the request reaches the API, which has no such operation
		HttpResponse<String> withToken = this.browser
			.send(json("/api/v1/accounts").header("X-CSRF-TOKEN", this.browser.csrf()));
		assertThat(withToken.statusCode()).isEqualTo(405);
	}

	@Test
	void aBearerRequestNeedsNoCsrfToken() throws Exception {
		String token = token("acme", "sync-roster");
		HttpResponse<String> post = this.http.send(json("/api/v1/accounts").header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).isEqualTo(405);
	}

	@Test
	void signingOutEndsTheSession() throws Exception {
		this.browser.signIn("ana@acme.example", PASSWORD);
		assertThat(this.browser.get("/api/v1/accounts").statusCode()).isEqualTo(200);
		this.browser.post("/logout", java.util.Map.of("_csrf", this.browser.csrf()));
		assertThat(this.browser.get("/api/v1/accounts").statusCode()).isEqualTo(401);
	}

	private HttpRequest.Builder json(String path) {
		return HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"));
	}

}
