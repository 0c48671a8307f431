package dev.roster.management;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code roster serve} with {@code management.server.port} set and nothing else, as its own JVM, over a real port:
 * it listens on loopback only, health's status is open, and health's details, metrics and Prometheus's scrape need
 * the token serve generated into {@code $ROSTER_HOME/management.token}.
 */
class ManagementEndpointsTests {

	private static final Duration WAIT = Duration.ofMinutes(3);

	@TempDir
	Path home;

	private Process serve;

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void stopServe() throws Exception {
		if (this.serve != null) {
			this.serve.destroy();
			if (!this.serve.waitFor(120, TimeUnit.SECONDS)) {
				this.serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
		Path kept = Files.createDirectories(Path.of("target/management-test"));
		for (String name : List.of("out.txt", "err.txt", "logs/roster.log")) {
			if (Files.exists(this.home.resolve(name))) {
				Files.copy(this.home.resolve(name), kept.resolve(Path.of(name).getFileName()),
						java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	@Test
	void detailsAndMetricsNeedTheTokenAndTheServerListensOnLoopbackOnly() throws Exception {
		int port = freePort();
		this.serve = serve(Map.of("MANAGEMENT_SERVER_PORT", Integer.toString(port)));
		String base = "http://127.0.0.1:" + port + "/actuator/";
		await().atMost(WAIT).ignoreExceptions().until(() -> get(base + "health", null).statusCode() == 200);

		// no token: the status only, and no metrics
		HttpResponse<String> open = get(base + "health", null);
		assertThat(open.body()).contains("\"status\":\"UP\"").doesNotContain("inbox").doesNotContain("components");
		assertThat(get(base + "metrics", null).statusCode()).isEqualTo(401);
		assertThat(get(base + "prometheus", null).statusCode()).isEqualTo(401);
		assertThat(get(base + "metrics/jvm.memory.used", null).statusCode()).isEqualTo(401);
		assertThat(get(base + "prometheus", null).headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("Bearer"));

		// a wrong token, or another scheme: refused everywhere
		assertThat(get(base + "health", "Bearer not-the-token").statusCode()).isEqualTo(401);
		assertThat(get(base + "metrics", "Bearer not-the-token").statusCode()).isEqualTo(401);
		assertThat(get(base + "prometheus", "Basic b3BlcmF0b3I6eA==").statusCode()).isEqualTo(401);

		// the token serve generated, owner-only, named in the log by its path and never by its value
		Path file = this.home.resolve("management.token");
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		String token = Files.readString(file).strip();
		assertThat(token).hasSizeGreaterThanOrEqualTo(40);
		String log = Files.readString(this.home.resolve("logs/roster.log")) + Files.readString(this.home.resolve("out.txt"))
				+ Files.readString(this.home.resolve("err.txt"));
		assertThat(log).contains("management.token").doesNotContain(token);

		HttpResponse<String> details = get(base + "health", "Bearer " + token);
		assertThat(details.statusCode()).isEqualTo(200);
		assertThat(details.body()).contains("\"inbox\"").contains("\"db\"").contains("\"serving\":true");
		assertThat(get(base + "metrics", "Bearer " + token).body()).contains("roster.inbox.waiting");
		assertThat(get(base + "prometheus", "bearer " + token).body()).contains("roster_inbox_waiting");

		// loopback only: 127.0.0.2 is this machine too, and a server bound to every interface would answer there
		assertThatThrownBy(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.2", port), 2000);
			}
		}).isInstanceOf(ConnectException.class);
		// 127.0.0.1, as IPv4 or as IPv6's mapped form of it: never 0.0.0.0 or ::
		assertThat(listening(port)).isNotEmpty()
			.allMatch((address) -> address.equals("0100007F") || address.equals("0000000000000000FFFF00000100007F"));
	}

	/** The local addresses of the sockets listening on {@code port}, from the kernel's own table (IPv4 and IPv6). */
	private static List<String> listening(int port) throws IOException {
		String hexPort = String.format(Locale.ROOT, ":%04X", port);
		List<String> addresses = new ArrayList<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			if (!Files.exists(Path.of(table))) {
				continue;
			}
			List<String> lines = Files.readAllLines(Path.of(table));
			for (String line : lines.subList(1, lines.size())) {
				String[] fields = line.strip().split("\\s+");
				// state 0A: LISTEN
				if (fields[1].endsWith(hexPort) && "0A".equals(fields[3])) {
					addresses.add(fields[1].substring(0, fields[1].indexOf(':')));
				}
			}
		}
		return addresses;
	}

	private HttpResponse<String> get(String url, String authorization) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private Process serve(Map<String, String> environment) throws IOException {
		List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.roster.RosterApplication",
				"serve");
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.home.toFile())
			.redirectOutput(this.home.resolve("out.txt").toFile())
			.redirectError(this.home.resolve("err.txt").toFile());
		builder.environment().putAll(Map.of("ROSTER_HOME", this.home.toString(), "ROSTER_EMBEDDEDDATABASE_FSYNC",
				"false", "ROSTER_EMBEDDEDDATABASE_PORT", Integer.toString(freePort())));
		// whatever the machine sets, this test is about the defaults
		builder.environment().keySet().removeIf((name) -> name.startsWith("SERVER_") || name.startsWith("MANAGEMENT_")
				|| name.startsWith("ROSTER_MANAGEMENT"));
		// the API's port is not what these tests are about, and 8080 may be taken
		builder.environment().put("SERVER_PORT", Integer.toString(freePort()));
		builder.environment().putAll(environment);
		return builder.start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
