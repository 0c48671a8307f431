package dev.roster.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.roster.IntegrationTest;
import dev.roster.access.ApiTokens;
import dev.roster.access.People;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the HTTP tests: the application as {@code roster serve} runs it, a web server on a random loopback port
 * and its own embedded PostgreSQL, reached over real HTTP with the JDK's client.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "roster.home=target/test-http-home", "roster.embedded-database.fsync=false",
				"roster.import-users.chunk-size=100", "roster.terminate.chunk-size=100",
				"roster.reactivate.chunk-size=100", "roster.sync.chunk-size=100", "roster.delegates.chunk-size=100",
				"roster.mail.connections=2", "roster.mail.chunk-size=20", "roster.mail.max-attempts=3",
				"roster.mail.initial-backoff=100ms", "roster.mail.max-wait=3s", "roster.mail.rate-per-account=0",
				"spring.mail.host=127.0.0.1", "spring.main.web-application-type=servlet", "server.address=127.0.0.1",
				// small enough that a test can send a file over it
				"roster.intake.max-file-size=1MB" })
@ActiveProfiles("serve")
public abstract class HttpTest extends IntegrationTest {

	@LocalServerPort
	protected int port;

	@Autowired
	protected ApiTokens tokens;

	@Autowired
	protected People people;

	protected final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	protected URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/** A token of the account that may launch {@code jobs}. */
	protected String token(String account, String... jobs) {
		return this.tokens.create(account, "test-" + System.nanoTime(), List.of(jobs), "test");
	}

	protected String operatorToken() {
		return this.tokens.create(null, "test-" + System.nanoTime(), List.of(), "test");
	}

	/** A GET with the bearer token, or none when {@code null}. */
	protected HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
