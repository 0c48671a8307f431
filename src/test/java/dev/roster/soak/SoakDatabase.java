package dev.roster.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The soak's own way into the embedded database of the home it works on, by the port every process is given.
 * <p>
 * Between two processes the database is down (a job that ends cleanly stops it), so the checks run on a server the
 * soak starts itself: the same {@code postgres} binary with the arguments Roster started it with, seen on a running
 * postmaster, and stopped again before the next job. A killed job leaves its server running, which the next start
 * of Roster stops: the soak reads it then too, with a connection per look, closed before that start.
 */
final class SoakDatabase {

	private static final Duration STARTUP = Duration.ofMinutes(2);

	private final Path home;

	private final int port;

	private List<String> postmasterCommand;

	SoakDatabase(Path home, int port) {
		this.home = home;
		this.port = port;
	}

	Path dataDirectory() {
		return this.home.resolve("postgres");
	}

	/** The password the embedded server may require (a file in the home), or none. */
	Connection connect() throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		properties.setProperty("connectTimeout", "5");
		properties.setProperty("ApplicationName", "soak");
		password().ifPresent((password) -> properties.setProperty("password", password));
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + this.port + "/roster", properties);
	}

	private Optional<String> password() {
		Path file = this.home.resolve("postgres.password");
		try {
			return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
					: Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/** The live postmaster of the data folder, if any. */
	Optional<ProcessHandle> postmaster() {
		List<String> lines = pidFile();
		if (lines.isEmpty()) {
			return Optional.empty();
		}
		try {
			return ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/** Whether the postmaster says it accepts connections (the status line PostgreSQL keeps in its pid file). */
	boolean ready() {
		List<String> lines = pidFile();
		return lines.size() >= 8 && lines.get(7).strip().equals("ready");
	}

	private List<String> pidFile() {
		try {
			return Files.readAllLines(dataDirectory().resolve("postmaster.pid"));
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	/** Keeps the command line of a postmaster Roster started, to start the same server for the checks. */
	void remember(ProcessHandle postmaster) {
		if (this.postmasterCommand != null) {
			return;
		}
		ProcessHandle.Info info = postmaster.info();
		if (info.command().isPresent() && info.arguments().isPresent()) {
			List<String> command = new ArrayList<>();
			command.add(info.command().get());
			command.addAll(List.of(info.arguments().get()));
			this.postmasterCommand = command;
		}
	}

	boolean knowsServer() {
		return this.postmasterCommand != null;
	}

	/** Starts the server on the data folder for the checks; closing it stops it (a fast shutdown). */
	Server start(Path log) throws IOException, InterruptedException {
		if (this.postmasterCommand == null) {
			throw new IllegalStateException("no postmaster of Roster was seen running, so its command is unknown");
		}
		if (postmaster().isPresent()) {
			throw new IllegalStateException("a PostgreSQL server still runs on " + dataDirectory());
		}
		List<String> command = new ArrayList<>();
		// PostgreSQL refuses to run as root; Roster's embedded server runs in a user namespace then, and so does this
		if ("root".equals(System.getProperty("user.name"))) {
			command.addAll(List.of("unshare", "-U"));
		}
		command.addAll(this.postmasterCommand);
		Process server = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (!ready() || !accepts()) {
			if (!server.isAlive() || System.nanoTime() > deadline) {
				server.destroyForcibly();
				throw new IllegalStateException("the PostgreSQL server for the checks did not start; see " + log);
			}
			server.waitFor(50, TimeUnit.MILLISECONDS);
		}
		return new Server(server);
	}

	private boolean accepts() {
		try (Connection connection = connect()) {
			return connection.isValid(5);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	static long countOf(Connection connection, String sql, Object... parameters) throws SQLException {
		try (PreparedStatement statement = prepare(connection, sql, parameters);
				ResultSet result = statement.executeQuery()) {
			result.next();
			return result.getLong(1);
		}
	}

	static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		for (int i = 0; i < parameters.length; i++) {
			statement.setObject(i + 1, parameters[i]);
		}
		return statement;
	}

	/** A server the soak started; {@link #close()} stops it and waits. */
	static final class Server implements AutoCloseable {

		private final Process process;

		private Server(Process process) {
			this.process = process;
		}

		@Override
		public void close() throws InterruptedException {
			// SIGINT: a fast shutdown, which does not wait for clients
			ProcessHandle.of(this.process.pid()).ifPresent((handle) -> {
				try {
					new ProcessBuilder("kill", "-INT", Long.toString(handle.pid())).start().waitFor();
				}
				catch (IOException | InterruptedException ex) {
					handle.destroy();
				}
			});
			if (!this.process.waitFor(2, TimeUnit.MINUTES)) {
				this.process.destroyForcibly().waitFor();
			}
		}

	}

}
