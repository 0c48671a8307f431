package dev.roster.api;

import java.io.File;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Limits of the HTTP door with small values: a caller over its rate is 429 with {@code Retry-After}, others go on; a
 * body over the limit is 413. Its own server and database, since the limits are read at start.
 */
@TestPropertySource(properties = { "roster.home=target/test-http-limits-home",
		"roster.http.rate-limit.requests-per-minute=6", "roster.http.rate-limit.burst=3",
		"roster.http.max-body-size=1KB" })
class RequestLimitsTests extends HttpTest {

	static {
		FileSystemUtils.deleteRecursively(new File("target/test-http-limits-home/postgres"));
	}

	@BeforeEach
	void acme() {
		createAcme();
	}

	@Test
	void aTokenOverItsRateIs429WithRetryAfterAndAnotherTokenGoesOn() throws Exception {
		String busy = token("acme", "sync-roster");
		for (int i = 0; i < 3; i++) {
			assertThat(get("/api/v1/accounts/acme", busy).statusCode()).isEqualTo(200);
		}
		// when
		HttpResponse<String> over = get("/api/v1/accounts/acme", busy);
		// then
		assertThat(over.statusCode()).isEqualTo(429);
		assertThat(over.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 10L);
		assertThat(get("/api/v1/accounts/acme", token("acme", "sync-roster")).statusCode()).isEqualTo(200);
	}

	@Test
	void requestsWithoutCredentialsShareTheBucketOfTheirAddress() throws Exception {
		int limited = 0;
		for (int i = 0; i < 5; i++) {
			if (get("/api/v1/accounts", null).statusCode() == 429) {
				limited++;
			}
		}
		assertThat(limited).isGreaterThanOrEqualTo(1);
	}

	@Test
	void aBodyOverTheLimitIs413AndOneUnderItIsNot() throws Exception {
		String token = token("acme", "sync-roster");
		HttpResponse<String> large = this.http.send(post("{\"x\":\"" + "a".repeat(2048) + "\"}", token),
				HttpResponse.BodyHandlers.ofString());
		assertThat(large.statusCode()).isEqualTo(413);
		assertThat(large.body()).contains("\"status\":413");
		HttpResponse<String> small = this.http.send(post("{}", token), HttpResponse.BodyHandlers.ofString());
		assertThat(small.statusCode()).isEqualTo(405);
	}

	private HttpRequest post(String body, String token) {
		return HttpRequest.newBuilder(uri("/api/v1/accounts"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

}
