package dev.roster.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseTests {

	private static final EmbeddedDatabaseProperties PROPERTIES = new EmbeddedDatabaseProperties(false, 0,
			Duration.ofSeconds(60), "128MB", "1GB", Map.of());

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
				Connection connection = DriverManager.getConnection(again.jdbcUrl(), EmbeddedDatabase.USER, "");
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
				"3GB", Map.of("work_mem", "7MB"));
		try (EmbeddedDatabase database = EmbeddedDatabase.start(Files.createDirectories(this.home.resolve("pg")), tuned);
				Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, "");
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

	private static void execute(EmbeddedDatabase database, String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
