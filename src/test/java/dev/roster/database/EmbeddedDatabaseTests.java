package dev.roster.database;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
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
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseTests {

	private static final EmbeddedDatabaseProperties PROPERTIES = new EmbeddedDatabaseProperties(false, 0,
			Duration.ofSeconds(60), "128MB", "1GB", Map.of(), false);

	@TempDir
	Path home;

	@Test
	void keepsItsDataAcrossRestartsAndRefusesASecondUser() throws Exception {
		Path data = Files.createDirectories(this.home.resolve("postgres"));
		try (EmbeddedDatabase first = EmbeddedDatabase.start(data, PROPERTIES)) {
			execute(first, "create table kept (value text); insert into kept values ('still here')");
			assertThatThrownBy(() -> EmbeddedDatabase.start(data, PROPERTIES))
				.isInstanceOf(DatabaseInUseException.class)
				.hasMessageContaining("in use by another Roster process");
		}
		try (EmbeddedDatabase again = EmbeddedDatabase.start(data, PROPERTIES);
				Connection connection = connect(again);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select value from kept")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("still here");
		}
	}

	@Test
	void runsWithTheSettingsConfigured() throws Exception {
		// fsync on, as for real data: the server must not keep the fsync=off its launcher starts test clusters with
		EmbeddedDatabaseProperties tuned = new EmbeddedDatabaseProperties(true, 0, Duration.ofSeconds(60), "48MB",
				"3GB", Map.of("work_mem", "7MB"), false);
		try (EmbeddedDatabase database = EmbeddedDatabase.start(Files.createDirectories(this.home.resolve("pg")), tuned);
				Connection connection = connect(database);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("""
						select current_setting('shared_buffers'), current_setting('max_wal_size'),
							current_setting('work_mem'), current_setting('fsync'), current_setting('synchronous_commit'),
							current_setting('full_page_writes')""")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("48MB");
			assertThat(rows.getString(2)).isEqualTo("3GB");
			assertThat(rows.getString(3)).isEqualTo("7MB");
			assertThat(rows.getString(4)).isEqualTo("on");
			assertThat(rows.getString(5)).isEqualTo("on");
			assertThat(rows.getString(6)).isEqualTo("on");
		}
	}

	@Test
	void refusesConnectionsWithoutRostersPassword() throws Exception {
		try (EmbeddedDatabase database = EmbeddedDatabase.start(Files.createDirectories(this.home.resolve("postgres")),
				PROPERTIES)) {
			assertRefusesWithoutPassword(database.jdbcUrl());
			assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER,
					database.password() + "x"))
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("password authentication failed");
		}
	}

	@Test
	void keepsItsPasswordOwnerOnlyInTheHomeForItsDataSource() throws Exception {
		try (EmbeddedDatabase database = EmbeddedDatabase.start(Files.createDirectories(this.home.resolve("postgres")),
				PROPERTIES)) {
			Path file = this.home.resolve("postgres.password");
			assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
			assertThat(Files.getPosixFilePermissions(this.home.resolve("postgres.lock")))
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
			String password = Files.readString(file).strip();
			assertThat(password).isEqualTo(database.password()).hasSizeGreaterThanOrEqualTo(40);
			try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER,
					password)) {
				assertThat(single(connection, "select current_user")).isEqualTo("postgres");
			}
			try (HikariDataSource dataSource = new EmbeddedDatabaseConfiguration().dataSource(database, 2, 1);
					Connection connection = dataSource.getConnection()) {
				assertThat(dataSource.getPassword()).isEqualTo(password);
				assertThat(dataSource.getMinimumIdle()).isEqualTo(1);
				assertThat(single(connection, "select current_database()")).isEqualTo("roster");
			}
		}
	}

	@Test
	void listensOnLoopbackOnlyWithPasswordRulesOnly() throws Exception {
		// the operator's settings cannot open the server up
		EmbeddedDatabaseProperties opened = new EmbeddedDatabaseProperties(false, 0, Duration.ofSeconds(60), "128MB",
				"1GB", Map.of("listen_addresses", "*", "unix_socket_directories", "/tmp"), false);
		try (EmbeddedDatabase database = EmbeddedDatabase.start(Files.createDirectories(this.home.resolve("postgres")),
				opened); Connection connection = connect(database)) {
			int port = port(database.jdbcUrl());
			assertThat(single(connection, "select current_setting('listen_addresses')")).isEqualTo("127.0.0.1,::1");
			assertThat(single(connection, "select current_setting('unix_socket_directories')")).isEmpty();
			assertThat(Path.of("/tmp/.s.PGSQL." + port)).doesNotExist();
			assertThat(rules(connection)).containsExactly(
					"1 host {all} {all} 127.0.0.1 255.255.255.255 scram-sha-256 null",
					"2 host {all} {all} ::1 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff scram-sha-256 null");
			try (Connection overIpv6 = DriverManager.getConnection(database.jdbcUrl().replace("127.0.0.1", "[::1]"),
					EmbeddedDatabase.USER, database.password())) {
				assertThat(single(overIpv6, "select inet_client_addr()::text")).isEqualTo("::1/128");
			}
			// 127.0.0.2 is this machine too, yet not 127.0.0.1: a server bound to every address would accept it
			List<InetAddress> others = new ArrayList<>(List.of(InetAddress.getByName("127.0.0.2")));
			nonLoopbackAddress().ifPresent(others::add);
			for (InetAddress other : others) {
				try (Socket socket = new Socket()) {
					assertThatThrownBy(() -> socket.connect(new InetSocketAddress(other, port), 5000))
						.as("a connection to %s:%d", other, port)
						.isInstanceOf(IOException.class);
				}
			}
		}
	}

	@Test
	void convertsADataFolderThatLetEveryoneInAndKeepsItsData() throws Exception {
		Path data = Files.createDirectories(this.home.resolve("postgres"));
		// as Roster set its cluster up before it used a password: initdb with trust, a socket in /tmp, no password
		try (EmbeddedPostgres old = EmbeddedPostgres.builder()
			.setDataDirectory(data)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.start()) {
			executeWithoutPassword(old.getJdbcUrl(EmbeddedDatabase.USER, "postgres"),
					"create database roster encoding 'UTF8' template template0");
			executeWithoutPassword(old.getJdbcUrl(EmbeddedDatabase.USER, "roster"),
					"create table kept (value text); insert into kept values ('still here')");
		}
		assertThat(this.home.resolve("postgres.password")).doesNotExist();
		try (EmbeddedDatabase converted = EmbeddedDatabase.start(data, PROPERTIES);
				Connection connection = connect(converted)) {
			assertThat(this.home.resolve("postgres.password")).exists();
			assertThat(single(connection, "select value from kept")).isEqualTo("still here");
			assertThat(rules(connection)).hasSize(2).allSatisfy((rule) -> assertThat(rule).endsWith("scram-sha-256 null"));
			assertRefusesWithoutPassword(converted.jdbcUrl());
		}
		// and the next start finds it converted and keeps the password
		String password = Files.readString(this.home.resolve("postgres.password")).strip();
		try (EmbeddedDatabase again = EmbeddedDatabase.start(data, PROPERTIES); Connection connection = connect(again)) {
			assertThat(again.password()).isEqualTo(password);
			assertThat(single(connection, "select value from kept")).isEqualTo("still here");
			assertRefusesWithoutPassword(again.jdbcUrl());
		}
	}

	@Test
	void setsANewPasswordWhenItsFileIsGone() throws Exception {
		Path data = Files.createDirectories(this.home.resolve("postgres"));
		String lost;
		try (EmbeddedDatabase first = EmbeddedDatabase.start(data, PROPERTIES)) {
			lost = first.password();
		}
		Files.delete(this.home.resolve("postgres.password"));
		try (EmbeddedDatabase again = EmbeddedDatabase.start(data, PROPERTIES); Connection connection = connect(again)) {
			assertThat(again.password()).isNotEqualTo(lost)
				.isEqualTo(Files.readString(this.home.resolve("postgres.password")).strip());
			assertThat(single(connection, "select 1")).isEqualTo("1");
			assertThatThrownBy(() -> DriverManager.getConnection(again.jdbcUrl(), EmbeddedDatabase.USER, lost))
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("password authentication failed");
		}
	}

	@Test
	void namesThePasswordFileWhenTheServerRefusesItsPassword() throws Exception {
		Path data = Files.createDirectories(this.home.resolve("postgres"));
		try (EmbeddedDatabase first = EmbeddedDatabase.start(data, PROPERTIES)) {
			assertThat(first.password()).isNotEqualTo("changed-by-hand");
		}
		Files.writeString(this.home.resolve("postgres.password"), "changed-by-hand\n");
		EmbeddedDatabaseProperties impatient = new EmbeddedDatabaseProperties(false, 0, Duration.ofSeconds(3),
				"128MB", "1GB", Map.of(), false);
		try {
			assertThatThrownBy(() -> EmbeddedDatabase.start(data, impatient)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("refuses the password in " + this.home.resolve("postgres.password"));
		}
		finally {
			// the launcher leaves a server it gave up on running
			Path pid = data.resolve("postmaster.pid");
			if (Files.exists(pid)) {
				Optional<ProcessHandle> server = ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).strip()));
				if (server.isPresent()) {
					server.get().destroy();
					server.get().onExit().get(1, TimeUnit.MINUTES);
				}
			}
		}
	}

	private static Connection connect(EmbeddedDatabase database) throws SQLException {
		return DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
	}

	/** Over both loopback addresses, with an empty password and with none; and no Unix socket in /tmp to try. */
	private static void assertRefusesWithoutPassword(String url) {
		assertThatThrownBy(() -> DriverManager.getConnection(url, EmbeddedDatabase.USER, ""))
			.isInstanceOf(SQLException.class)
			.hasMessageContaining("password");
		Properties noPassword = new Properties();
		noPassword.setProperty("user", EmbeddedDatabase.USER);
		assertThatThrownBy(() -> DriverManager.getConnection(url, noPassword)).isInstanceOf(SQLException.class)
			.hasMessageContaining("password");
		assertThatThrownBy(() -> DriverManager.getConnection(url.replace("127.0.0.1", "[::1]"), noPassword))
			.isInstanceOf(SQLException.class)
			.hasMessageContaining("password");
		assertThat(Path.of("/tmp/.s.PGSQL." + port(url))).doesNotExist();
	}

	private static int port(String url) {
		return URI.create(url.substring("jdbc:".length())).getPort();
	}

	private static String single(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			assertThat(rows.next()).isTrue();
			return rows.getString(1);
		}
	}

	/** Every rule the server loaded, as {@code line type database user address netmask method error}. */
	private static List<String> rules(Connection connection) throws SQLException {
		List<String> rules = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("""
						select rule_number, type, database, user_name, address, netmask, auth_method, error
						from pg_hba_file_rules order by rule_number""")) {
			while (rows.next()) {
				rules.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " "
						+ rows.getString(4) + " " + rows.getString(5) + " " + rows.getString(6) + " "
						+ rows.getString(7) + " " + rows.getString(8));
			}
		}
		return rules;
	}

	/** An address of this machine that is not loopback, where a server listening on all addresses would answer. */
	private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
		return NetworkInterface.networkInterfaces()
			.filter((network) -> {
				try {
					return network.isUp() && !network.isLoopback();
				}
				catch (SocketException ex) {
					return false;
				}
			})
			.flatMap(NetworkInterface::inetAddresses)
			.filter((address) -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
			.findFirst();
	}

	private static void executeWithoutPassword(String url, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static void execute(EmbeddedDatabase database, String sql) throws Exception {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
