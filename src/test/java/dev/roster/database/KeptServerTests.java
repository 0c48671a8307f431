package dev.roster.database;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL that commands keep running between them, and {@code roster db stop}. */
class KeptServerTests {

	private static final EmbeddedDatabaseProperties KEEP = properties(true);

	private static final EmbeddedDatabaseProperties OWN = properties(false);

	@TempDir
	Path home;

	private Path data;

	@AfterEach
	void stopWhatIsLeft() {
		postmaster().ifPresent((server) -> {
			server.destroy();
			server.onExit().orTimeout(60, TimeUnit.SECONDS).join();
		});
	}

	@Test
	void aLaterCommandReusesTheServerTheFirstLeftRunningUntilDbStop() throws Exception {
		// given: a first command that created a table and ended
		long first;
		try (EmbeddedDatabase command = EmbeddedDatabase.start(data(), KEEP)) {
			execute(command, "create table kept (value text); insert into kept values ('still here')");
			first = postmaster().orElseThrow().pid();
		}
		assertThat(postmaster()).as("the server outlives the command").map(ProcessHandle::pid).contains(first);
		assertThat(Files.readString(this.home.resolve(KeptServer.FILE))).contains("pid=" + first + "\n")
			.contains("data=" + this.data.toAbsolutePath().normalize());
		assertThat(Files.getPosixFilePermissions(this.home.resolve(KeptServer.FILE)))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		// when: the next command
		try (EmbeddedDatabase next = EmbeddedDatabase.start(this.data, KEEP)) {
			// then: the same server, the same data
			assertThat(postmaster()).map(ProcessHandle::pid).contains(first);
			assertThat(single(next, "select value from kept")).isEqualTo("still here");
		}
		// and db stop stops it, once
		assertThat(EmbeddedDatabase.stopKept(this.data)).isTrue();
		assertThat(ProcessHandle.of(first)).isEmpty();
		assertThat(this.home.resolve(KeptServer.FILE)).doesNotExist();
		assertThat(EmbeddedDatabase.stopKept(this.data)).isFalse();
	}

	@Test
	void dbStopAndAnOwnerAreRefusedWhileACommandUsesTheServer() throws Exception {
		try (EmbeddedDatabase command = EmbeddedDatabase.start(data(), KEEP)) {
			assertThatThrownBy(() -> EmbeddedDatabase.stopKept(this.data)).isInstanceOf(DatabaseInUseException.class)
				.hasMessageContaining("in use by another Roster process");
			assertThatThrownBy(() -> EmbeddedDatabase.start(this.data, OWN))
				.isInstanceOf(DatabaseInUseException.class);
			assertThat(single(command, "select 1")).isEqualTo("1");
		}
	}

	@Test
	void aKilledServerIsReplacedByTheNextCommand() throws Exception {
		// fsync on: what committed must survive the server's SIGKILL, as for real data
		EmbeddedDatabaseProperties durable = new EmbeddedDatabaseProperties(true, 0, Duration.ofSeconds(60), "128MB",
				"1GB", Map.of(), true);
		try (EmbeddedDatabase command = EmbeddedDatabase.start(data(), durable)) {
			execute(command, "create table kept (value text); insert into kept values ('committed')");
		}
		ProcessHandle killed = postmaster().orElseThrow();
		List<ProcessHandle> children = killed.descendants().toList();
		killed.destroyForcibly();
		killed.onExit().get(1, TimeUnit.MINUTES);
		for (ProcessHandle child : children) {
			child.onExit().get(1, TimeUnit.MINUTES);
		}
		try (EmbeddedDatabase next = EmbeddedDatabase.start(this.data, durable)) {
			assertThat(postmaster().orElseThrow().pid()).isNotEqualTo(killed.pid());
			assertThat(single(next, "select value from kept")).isEqualTo("committed");
			assertThat(Files.readString(this.home.resolve(KeptServer.FILE)))
				.contains("pid=" + postmaster().orElseThrow().pid() + "\n");
		}
	}

	@Test
	void aLiveServerThatDoesNotAnswerIsLeftRunningAndTheCommandStops() throws Exception {
		try (EmbeddedDatabase command = EmbeddedDatabase.start(data(), KEEP)) {
			execute(command, "create table kept (value text); insert into kept values ('still here')");
		}
		ProcessHandle server = postmaster().orElseThrow();
		// a server too busy to answer, as other commands may be using it: stopped, it takes no connection
		signal("STOP", server);
		try {
			assertThatThrownBy(() -> EmbeddedDatabase.start(this.data, KEEP))
				.isInstanceOf(DatabaseInUseException.class)
				.hasMessageContaining("(process " + server.pid() + ") but did not answer within 5 s")
				.hasMessageContaining("roster db stop");
			assertThat(server.isAlive()).isTrue();
		}
		finally {
			signal("CONT", server);
		}
		try (EmbeddedDatabase next = EmbeddedDatabase.start(this.data, KEEP)) {
			assertThat(postmaster()).map(ProcessHandle::pid).contains(server.pid());
			assertThat(single(next, "select value from kept")).isEqualTo("still here");
		}
	}

	@Test
	void aRecordNamingAnotherProgramIsNotTrustedNorSignalled() throws Exception {
		// given: a record naming a live process that is not PostgreSQL (this JVM) and a port another program holds
		try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			data();
			Files.writeString(this.home.resolve(KeptServer.FILE), "pid=" + ProcessHandle.current().pid() + "\nport="
					+ other.getLocalPort() + "\ndata=" + this.data.toAbsolutePath().normalize() + "\n");
			// when
			try (EmbeddedDatabase command = EmbeddedDatabase.start(this.data, KEEP)) {
				// then: a server of its own, on another port, recorded in place of the stale one
				ProcessHandle server = postmaster().orElseThrow();
				assertThat(server.pid()).isNotEqualTo(ProcessHandle.current().pid());
				assertThat(command.jdbcUrl()).doesNotContain(":" + other.getLocalPort() + "/");
				assertThat(single(command, "select current_setting('data_directory')"))
					.isEqualTo(this.data.toRealPath().toString());
				assertThat(Files.readString(this.home.resolve(KeptServer.FILE))).contains("pid=" + server.pid() + "\n");
			}
		}
	}

	@Test
	void aRecordOfAnotherDataFolderIsNotTrusted() throws Exception {
		Path elsewhere = Files.createDirectories(this.home.resolve("elsewhere").resolve("postgres"));
		try (EmbeddedDatabase command = EmbeddedDatabase.start(elsewhere, KEEP)) {
			assertThat(single(command, "select 1")).isEqualTo("1");
		}
		// the other home's record, copied beside this data folder: right pid and port, but not this data
		data();
		Files.copy(elsewhere.resolveSibling(KeptServer.FILE), this.home.resolve(KeptServer.FILE));
		try {
			assertThat(KeptServer.find(this.data, "any")).isEmpty();
		}
		finally {
			assertThat(EmbeddedDatabase.stopKept(elsewhere)).isTrue();
		}
	}

	@Test
	void anOwnerStopsTheKeptServerRunsItsOwnAndStopsItAtItsEnd() throws Exception {
		try (EmbeddedDatabase command = EmbeddedDatabase.start(data(), KEEP)) {
			execute(command, "create table kept (value text); insert into kept values ('still here')");
		}
		long kept = postmaster().orElseThrow().pid();
		try (EmbeddedDatabase owner = EmbeddedDatabase.start(this.data, OWN)) {
			assertThat(ProcessHandle.of(kept)).isEmpty();
			assertThat(this.home.resolve(KeptServer.FILE)).doesNotExist();
			assertThat(single(owner, "select value from kept")).isEqualTo("still here");
		}
		assertThat(postmaster()).isEmpty();
	}

	@Test
	void twoCommandsAtOnceStartOneServer() throws Exception {
		// two processes, as two commands in two terminals: each JVM holds the home's lock shared
		data();
		List<Process> commands = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			commands.add(command("admin", "list", "--operator"));
		}
		for (Process command : commands) {
			assertThat(command.waitFor(5, TimeUnit.MINUTES)).isTrue();
			assertThat(command.exitValue()).as(new String(command.getInputStream().readAllBytes())).isZero();
		}
		ProcessHandle server = postmaster().orElseThrow();
		assertThat(Files.readString(this.home.resolve(KeptServer.FILE))).contains("pid=" + server.pid() + "\n");
		assertThat(Files.readString(this.home.resolve("logs").resolve("roster.log")))
			.doesNotContain("did not stop cleanly");
		assertThat(EmbeddedDatabase.stopKept(this.data)).isTrue();
	}

	private Process command(String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				"dev.roster.RosterApplication"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("ROSTER_HOME", this.home.toString());
		builder.environment().put("ROSTER_EMBEDDEDDATABASE_FSYNC", "false");
		builder.environment().put("ROSTER_EMBEDDEDDATABASE_KEEPRUNNING", "true");
		return builder.start();
	}

	private static void signal(String signal, ProcessHandle process) throws Exception {
		assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor()).isZero();
	}

	private Path data() throws IOException {
		this.data = Files.createDirectories(this.home.resolve("postgres"));
		return this.data;
	}

	private Optional<ProcessHandle> postmaster() {
		if (this.data == null) {
			return Optional.empty();
		}
		List<String> lines = KeptServer.postmasterPid(this.data);
		return lines.isEmpty() ? Optional.empty()
				: ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
	}

	private static EmbeddedDatabaseProperties properties(boolean keepRunning) {
		return new EmbeddedDatabaseProperties(false, 0, Duration.ofSeconds(60), "128MB", "1GB", Map.of(),
				keepRunning);
	}

	private static String single(EmbeddedDatabase database, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER,
				database.password()); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			assertThat(rows.next()).isTrue();
			return rows.getString(1);
		}
	}

	private static void execute(EmbeddedDatabase database, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER,
				database.password()); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
