package dev.roster.inbox;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code roster serve} as operators run it: a JVM of its own, killed with SIGKILL in the middle of a 20,000-row
 * import and started again. The embedded PostgreSQL outlives the killed JVM; the next start stops it and starts it
 * again, the file left in the work folder is resumed from its last committed chunk, and it is archived once.
 */
class ServeCrashTests {

	private static final int ROWS = 20_000;

	private static final Duration WAIT = Duration.ofMinutes(3);

	@TempDir
	Path home;

	private final List<Process> processes = new ArrayList<>();

	private int databasePort;

	@AfterEach
	void stopEverything() throws Exception {
		for (Process process : this.processes) {
			process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		// the processes' output and log outlive the temporary home, for whoever reads a failure
		Path kept = Files.createDirectories(Path.of("target/serve-crash-test"));
		try (Stream<Path> files = Files.list(this.home)) {
			for (Path file : files.filter((path) -> path.getFileName().toString().endsWith(".txt")).toList()) {
				Files.copy(file, kept.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
		if (Files.exists(this.home.resolve("logs/roster.log"))) {
			Files.copy(this.home.resolve("logs/roster.log"), kept.resolve("roster.log"),
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		// never leave a PostgreSQL behind, whatever failed above
		postmaster().ifPresent((server) -> {
			server.destroy();
			server.onExit().orTimeout(30, TimeUnit.SECONDS).join();
		});
	}

	@Test
	void killedDuringAnImportResumesOnRestartAndArchivesTheFileOnce() throws Exception {
		this.databasePort = freePort();
		Process create = roster(Map.of(), "account", "create", "acme", "--name", "Acme", "--office", "Madrid");
		assertThat(create.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(create.exitValue()).isZero();
		Path folder = Files.createDirectories(this.home.resolve("inbox/acme/import-users"));
		Path writing = folder.resolve("roster.csv.part");
		Files.writeString(writing, rows(), StandardCharsets.UTF_8);
		Path dropped = Files.move(writing, folder.resolve("roster.csv"));

		// first run: killed once some chunks have committed
		Process first = roster(Map.of(), "serve");
		await().atMost(WAIT).ignoreExceptions().until(() -> users() >= 2_000);
		first.destroyForcibly();
		assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
		long committed = users();
		assertThat(committed).isBetween(2_000L, ROWS - 1L);
		// taken: out of the inbox, Roster's copy waiting in the work folder
		assertThat(dropped).doesNotExist();
		assertThat(workFiles()).singleElement().satisfies((copy) -> assertThat(copy.getFileName()).hasToString("roster.csv"));
		assertThat(postmaster()).as("the embedded PostgreSQL outlives a killed JVM").isPresent();

		// second run: stops the orphaned server, takes the file again and resumes the job
		int managementPort = freePort();
		String token = "crash-test-management-token";
		Process second = roster(Map.of("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort),
				"SERVER_ADDRESS", "127.0.0.1", "ROSTER_MANAGEMENT_TOKEN", token), "serve");
		await().atMost(WAIT).until(() -> archived().size() == 1);
		assertThat(archived()).singleElement().satisfies((file) -> assertThat(file.getFileName()).hasToString("roster.csv"));
		assertThat(users()).isEqualTo(ROWS);
		assertThat(query("select count(distinct email_key) from app_user")).isEqualTo(ROWS);
		assertThat(query("select count(*) from email_outbox")).isEqualTo(ROWS);
		// resumed, not restarted: the last execution read only the rows the killed one had not committed
		assertThat(query("""
				select read_count from batch_step_execution where step_name = 'importUsersStep'
				and job_execution_id = (select max(job_execution_id) from batch_job_execution)""")).isEqualTo(ROWS - committed);
		assertThat(query("select count(*) from batch_job_execution where status = 'COMPLETED'")).isOne();
		assertThat(folder).isEmptyDirectory();
		assertThat(workFiles()).isEmpty();
		assertThat(this.home.resolve("failed")).doesNotExist();

		HttpResponse<String> status = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(status.body()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("inbox");
		// the configured token: no token file is generated
		assertThat(this.home.resolve("management.token")).doesNotExist();
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"inbox\"").contains("\"db\"").contains("\"serving\":true");
		HttpResponse<String> metrics = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(metrics.body()).contains("roster_inbox_jobs_seconds_count{account=\"acme\",job=\"import-users\",status=\"COMPLETED\"} 1");
		assertThat(metrics.body()).contains("spring_batch_step_seconds_count")
			.contains("spring_batch_chunk_write_seconds_count")
			.doesNotContain("spring_batch_item_");

		// SIGTERM: a clean stop that takes the embedded server with it
		second.destroy();
		assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(postmaster()).isEmpty();
		String log = Files.readString(this.home.resolve("logs/roster.log"));
		assertThat(log).contains("Stopping the embedded PostgreSQL (pid")
			.contains("Recovering execution")
			.contains("inbox: job ended account=acme job=import-users file=roster.csv")
			.contains("status=COMPLETED read=" + ROWS);
	}

	private Process roster(Map<String, String> environment, String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				"dev.roster.RosterApplication"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.home.toFile())
			.redirectOutput(this.home.resolve("out-" + this.processes.size() + ".txt").toFile())
			.redirectError(this.home.resolve("err-" + this.processes.size() + ".txt").toFile());
		builder.environment().putAll(Map.of("ROSTER_HOME", this.home.toString(), "ROSTER_EMBEDDEDDATABASE_FSYNC",
				"false", "ROSTER_EMBEDDEDDATABASE_PORT", Integer.toString(this.databasePort),
				"ROSTER_IMPORTUSERS_CHUNKSIZE", "100", "ROSTER_INBOX_SETTLE", "200ms", "ROSTER_INBOX_POLLINTERVAL",
				"100ms", "SERVER_PORT", Integer.toString(freePort())));
		builder.environment().putAll(environment);
		Process process = builder.start();
		this.processes.add(process);
		return process;
	}

	private static String rows() {
		StringBuilder csv = new StringBuilder("Email,First Name,Last Name,Office\n");
		for (int i = 1; i <= ROWS; i++) {
			csv.append("crash").append(i).append("@acme.example,Ana").append(i).append(",Ruiz,Madrid\n");
		}
		return csv.toString();
	}

	private List<Path> archived() throws IOException {
		Path archive = this.home.resolve("archive");
		if (!Files.exists(archive)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(archive)) {
			return files.filter((file) -> file.getFileName().toString().startsWith("roster")).toList();
		}
	}

	private List<Path> workFiles() throws IOException {
		Path work = this.home.resolve("work");
		if (!Files.exists(work)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(work)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	private long users() throws SQLException, IOException {
		return query("select count(*) from app_user");
	}

	/** A connection per query: a held one would keep the orphaned server from its smart shutdown. */
	private long query(String sql) throws SQLException, IOException {
		// the serve processes' embedded server takes the password it keeps in their home
		String password = Files.readString(this.home.resolve("postgres.password")).strip();
		try (Connection connection = DriverManager
			.getConnection("jdbc:postgresql://127.0.0.1:" + this.databasePort + "/roster", "postgres", password);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	private Optional<ProcessHandle> postmaster() throws IOException {
		File pid = this.home.resolve("postgres/postmaster.pid").toFile();
		if (!pid.isFile()) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(pid.toPath());
		return lines.isEmpty() ? Optional.empty()
				: ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
