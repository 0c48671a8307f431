package dev.roster.api;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts over HTTP: who sees which, and that another account's is 404. */
class AccountsApiTests extends HttpTest {

	@BeforeEach
	void accounts() {
		createAcme();
		createGlobex();
	}

	@Test
	void noCredentialsIs401AsAProblem() throws Exception {
		HttpResponse<String> response = get("/api/v1/accounts/acme", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("Bearer"));
		assertThat(response.body()).contains("\"status\":401");
	}

	@Test
	void aWrongOrRevokedTokenIs401() throws Exception {
		assertThat(get("/api/v1/accounts/acme", "rst_not-a-token").statusCode()).isEqualTo(401);
		String token = this.tokens.create("acme", "workday", java.util.List.of("sync-roster"), "test");
		assertThat(get("/api/v1/accounts/acme", token).statusCode()).isEqualTo(200);
		assertThat(this.tokens.revoke("acme", "workday")).isTrue();
		assertThat(get("/api/v1/accounts/acme", token).statusCode()).isEqualTo(401);
	}

	@Test
	void aTokenSeesItsAccountOnlyAndAnotherIs404LikeOneThatDoesNotExist() throws Exception {
		String acme = token("acme", "import-users");
		HttpResponse<String> own = get("/api/v1/accounts/acme", acme);
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(own.body()).contains("\"slug\":\"acme\"").contains("\"profile_types\":[\"Standard\",\"Premium\"]");
		HttpResponse<String> other = get("/api/v1/accounts/globex", acme);
		HttpResponse<String> missing = get("/api/v1/accounts/initech", acme);
		assertThat(other.statusCode()).isEqualTo(404);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(other.body().replace("globex", "X")).isEqualTo(missing.body().replace("initech", "X"));
		assertThat(get("/api/v1/accounts", acme).body()).isEqualTo("{\"accounts\":[\"acme\"]}");
	}

	@Test
	void anOperatorTokenSeesEveryAccount() throws Exception {
		String operator = operatorToken();
		assertThat(get("/api/v1/accounts", operator).body()).isEqualTo("{\"accounts\":[\"acme\",\"globex\"]}");
		assertThat(get("/api/v1/accounts/globex", operator).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/accounts/initech", operator).statusCode()).isEqualTo(404);
	}

	@Test
	void theOpenApiDocumentIsServedWithoutCredentials() throws Exception {
		HttpResponse<String> docs = get("/v3/api-docs", null);
		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(docs.body()).contains("\"openapi\"").contains("/api/v1/accounts/{account}");
	}

}
