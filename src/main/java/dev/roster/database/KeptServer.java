package dev.roster.database;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import dev.roster.files.OwnerOnly;

/**
 * The embedded PostgreSQL a command left running for the next ones, as {@code $ROSTER_HOME/postgres.server} records
 * it: the postmaster's process id, its port and its data folder. The file is a hint, never trusted as it stands: a
 * server is reused only when PostgreSQL's own {@code postmaster.pid} in Roster's data folder names the same live
 * process and port, and the server on that port takes Roster's password and says it serves that data folder. Anything
 * else (a stale file, a port now held by another program, a server killed since) means starting one. Roster's own
 * live server that does not answer within 5 s is left running for the commands it may be serving, and the command
 * that found it so stops with a message.
 */
record KeptServer(long pid, int port) {

	static final String FILE = "postgres.server";

	/** A check that must not wait long on a port held by a program that never answers. */
	private static final String TIMEOUT_SECONDS = "5";

	private static final String SILENT = "The embedded database in %s runs (process %d) but did not answer within %s s; "
			+ "it is left running for the commands that may be using it. Run the command again, or stop the server "
			+ "with `roster db stop` once no other command runs.";

	static Path file(Path dataDirectory) {
		return dataDirectory.resolveSibling(FILE);
	}

	/** The server recorded for {@code dataDirectory}, if it is really Roster's and accepts its password. */
	static Optional<KeptServer> find(Path dataDirectory, String password) {
		return read(dataDirectory).filter((server) -> server.isPostmasterOf(dataDirectory))
			.filter((server) -> server.serves(dataDirectory, password));
	}

	/** Records the server that is now running on {@code dataDirectory}, as its {@code postmaster.pid} says. */
	static KeptServer record(Path dataDirectory, int port) {
		List<String> lines = postmasterPid(dataDirectory);
		if (lines.isEmpty() || !isNumber(lines.get(0))) {
			throw new IllegalStateException("The embedded PostgreSQL in " + dataDirectory + " left no postmaster.pid");
		}
		KeptServer server = new KeptServer(Long.parseLong(lines.get(0).strip()), port);
		OwnerOnly.writeString(file(dataDirectory), "pid=" + server.pid + "\nport=" + server.port + "\ndata="
				+ dataDirectory.toAbsolutePath().normalize() + "\n");
		return server;
	}

	/** Forgets the recorded server: it was stopped, or replaced by one its process owns. */
	static void forget(Path dataDirectory) throws IOException {
		Files.deleteIfExists(file(dataDirectory));
	}

	private static Optional<KeptServer> read(Path dataDirectory) {
		try {
			Path file = file(dataDirectory);
			if (!Files.isRegularFile(file)) {
				return Optional.empty();
			}
			Properties values = new Properties();
			try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				values.load(reader);
			}
			String pid = values.getProperty("pid", "");
			String port = values.getProperty("port", "");
			String data = values.getProperty("data", "");
			if (!isNumber(pid) || !isNumber(port)
					|| !data.equals(dataDirectory.toAbsolutePath().normalize().toString())) {
				return Optional.empty();
			}
			return Optional.of(new KeptServer(Long.parseLong(pid), Integer.parseInt(port)));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** PostgreSQL's own record: line 1 the postmaster's pid, line 4 its port. */
	private boolean isPostmasterOf(Path dataDirectory) {
		List<String> lines = postmasterPid(dataDirectory);
		return lines.size() >= 4 && lines.get(0).strip().equals(Long.toString(this.pid))
				&& lines.get(3).strip().equals(Integer.toString(this.port))
				&& ProcessHandle.of(this.pid).map(ProcessHandle::isAlive).orElse(false);
	}

	/** The server on the port takes Roster's password (SCRAM proves the server knows it too) and has this data. */
	private boolean serves(Path dataDirectory, String password) {
		Properties properties = new Properties();
		properties.setProperty("user", EmbeddedDatabase.USER);
		properties.setProperty("password", password);
		properties.setProperty("connectTimeout", TIMEOUT_SECONDS);
		properties.setProperty("loginTimeout", TIMEOUT_SECONDS);
		properties.setProperty("socketTimeout", TIMEOUT_SECONDS);
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), properties);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select current_setting('data_directory')")) {
			return rows.next() && Path.of(rows.getString(1)).toRealPath().equals(dataDirectory.toRealPath());
		}
		catch (SQLException ex) {
			// Roster's own live server (its postmaster.pid says so) that is slow to answer may be serving other
			// commands right now: stopping it to start another would fail them, so this command stops instead
			if (timedOut(ex)) {
				throw new DatabaseInUseException(SILENT.formatted(dataDirectory, this.pid, TIMEOUT_SECONDS));
			}
			return false;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private static boolean timedOut(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException
					|| (cause.getMessage() != null && cause.getMessage().contains("timed out"))) {
				return true;
			}
		}
		return false;
	}

	String jdbcUrl() {
		return EmbeddedDatabase.jdbcUrl(this.port, EmbeddedDatabase.DATABASE);
	}

	static List<String> postmasterPid(Path dataDirectory) {
		try {
			return Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	private static boolean isNumber(String text) {
		String value = text.strip();
		return !value.isEmpty() && value.length() < 12 && value.chars().allMatch(Character::isDigit);
	}

}
