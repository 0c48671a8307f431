package dev.roster.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.roster.files.OwnerOnly;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A PostgreSQL server run from the binaries on the class path, its data kept in a folder of {@code $ROSTER_HOME}.
 * <p>
 * A file lock beside the data folder makes a second Roster process on the same home fail with a clear message
 * instead of touching a running cluster. A server left behind by a killed Roster (PostgreSQL runs as its own
 * process and outlives the JVM) is shut down cleanly before the new one starts.
 * <p>
 * The server listens on loopback only, has no Unix socket, and lets in only clients with the password kept in
 * {@code $ROSTER_HOME/postgres.password} (see {@link ServerAccess}).
 */
final class EmbeddedDatabase implements AutoCloseable {

	static final String USER = "postgres";

	private static final String DATABASE = "roster";

	private static final Log logger = LogFactory.getLog(EmbeddedDatabase.class);

	private final FileChannel lockChannel;

	private final FileLock lock;

	private final EmbeddedPostgres postgres;

	private final ServerAccess access;

	private EmbeddedDatabase(FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres, ServerAccess access) {
		this.lockChannel = lockChannel;
		this.lock = lock;
		this.postgres = postgres;
		this.access = access;
	}

	/** How long a signal to an orphaned server is given to stop it. */
	private static final java.time.Duration ORPHAN_STOP_WAIT = java.time.Duration.ofSeconds(10);

	static EmbeddedDatabase start(Path dataDirectory, EmbeddedDatabaseProperties properties) {
		Path lockFile = dataDirectory.resolveSibling("postgres.lock");
		FileChannel channel = null;
		try {
			channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			OwnerOnly.restrict(lockFile, OwnerOnly.FILE);
			FileLock lock = tryLock(channel);
			if (lock == null) {
				throw new DatabaseInUseException("The embedded database in " + dataDirectory
						+ " is in use by another Roster process. Wait for it to finish, or run every Roster process "
						+ "against one PostgreSQL server (SPRING_DATASOURCE_URL).");
			}
			stopOrphanedServer(dataDirectory);
			boolean existing = Files.exists(dataDirectory.resolve("postgresql.conf"));
			ServerAccess access = ServerAccess.of(dataDirectory);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				// the application context stops the server after everything that uses it; a JVM shutdown hook of
				// its own would stop it under a job that is finishing its chunk on SIGTERM
				.setRegisterShutdownHook(false)
				.setPort((properties.port() != 0) ? properties.port() : freePort())
				.setPGStartupWait(properties.startupTimeout())
				// zonky passes -F (fsync off) for throwaway test clusters; Roster's data is real
				.setServerConfig("fsync", Boolean.toString(properties.fsync()))
				.setServerConfig("synchronous_commit", properties.fsync() ? "on" : "off")
				.setServerConfig("full_page_writes", Boolean.toString(properties.fsync()))
				.setServerConfig("shared_buffers", properties.sharedBuffers())
				.setServerConfig("max_wal_size", properties.maxWalSize())
				// runs after initdb and before the server starts: a cluster initdb let everyone into gets locked
				.setDataDirectoryCustomizer((folder) -> protect(folder.toPath(), access, existing))
				// zonky's check that the server is up connects as postgres
				.setConnectConfig("password", access.password());
			// a setting named by the operator wins over the same one set above, except who may connect
			properties.server().forEach((name, value) -> {
				if (ServerAccess.FIXED_SETTINGS.contains(name.toLowerCase(Locale.ROOT))) {
					logger.warn("Ignoring roster.embedded-database.server." + name
							+ ": the embedded PostgreSQL listens on loopback only, with Roster's password");
				}
				else {
					builder.setServerConfig(name, value);
				}
			});
			builder.setServerConfig("listen_addresses", ServerAccess.LISTEN_ADDRESSES)
				// no Unix socket: one in /tmp is open to every local user
				.setServerConfig("unix_socket_directories", "''");
			EmbeddedPostgres postgres = startServer(builder, dataDirectory, access);
			try {
				createDatabase(postgres, access);
			}
			catch (RuntimeException ex) {
				// a server this start leaves running would outlive the lock it was started under
				closeQuietly(postgres);
				throw ex;
			}
			return new EmbeddedDatabase(channel, lock, postgres, access);
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory, ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(channel);
			throw ex;
		}
	}

	/** {@code null} when another process, or this one, holds the lock. */
	private static FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			return null;
		}
	}

	String jdbcUrl() {
		return jdbcUrl(this.postgres, DATABASE);
	}

	/** The password of {@link #USER}, kept in {@code $ROSTER_HOME/postgres.password}. */
	String password() {
		return this.access.password();
	}

	@Override
	public void close() throws IOException {
		try {
			this.postgres.close();
		}
		finally {
			this.lock.release();
			this.lockChannel.close();
		}
	}

	/**
	 * A {@code postmaster.pid} whose process is alive while we hold the lock can only belong to a server whose Roster
	 * was killed. SIGTERM asks for a smart shutdown, which finishes at once because its clients died with that JVM.
	 */
	private static void stopOrphanedServer(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile);
		Optional<ProcessHandle> server = lines.isEmpty() ? Optional.empty()
				: ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
		if (server.isEmpty() || !server.get().isAlive()) {
			return;
		}
		ProcessHandle postmaster = server.get();
		logger.warn("Stopping the embedded PostgreSQL (pid " + postmaster.pid()
				+ ") left running by a Roster process that did not stop cleanly");
		// its own processes, taken now: a postmaster killed outright leaves them holding its port and memory
		List<ProcessHandle> children = postmaster.descendants().toList();
		// SIGTERM (smart) ends at once when the clients died with their JVM; one killed while the server was still
		// starting may never end it, so then SIGQUIT (immediate, as after a crash), and at last SIGKILL for all
		if (!stopped(postmaster, () -> postmaster.destroy())
				&& !stopped(postmaster, () -> signal(postmaster, "QUIT"))) {
			postmaster.destroyForcibly();
			children.forEach(ProcessHandle::destroyForcibly);
			stopped(postmaster, () -> {
			});
		}
		for (ProcessHandle child : children) {
			stopped(child, () -> {
			});
		}
	}

	private static boolean stopped(ProcessHandle process, Runnable signal) {
		signal.run();
		try {
			process.onExit().get(ORPHAN_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (Exception ex) {
			return !process.isAlive();
		}
	}

	private static void signal(ProcessHandle process, String signal) {
		try {
			new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
		}
		catch (IOException ex) {
			logger.debug("kill -" + signal + " " + process.pid() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void protect(Path dataDirectory, ServerAccess access, boolean existing) {
		boolean rules = ServerAccess.hasRostersRules(dataDirectory);
		if (rules && !access.isNew()) {
			return;
		}
		if (existing && !rules) {
			logger.warn("The embedded PostgreSQL in " + dataDirectory + " had access rules other than Roster's (one "
					+ "set up before Roster used a password lets every local user in): from now on it takes only the "
					+ "password in " + access.passwordFile() + ", over loopback");
		}
		else if (existing) {
			logger.warn("No " + access.passwordFile() + ": the embedded PostgreSQL in " + dataDirectory
					+ " gets a new password");
		}
		access.protect(dataDirectory);
	}

	private static EmbeddedPostgres startServer(EmbeddedPostgres.Builder builder, Path dataDirectory,
			ServerAccess access) throws IOException {
		try {
			return builder.start();
		}
		catch (IOException ex) {
			// zonky waits the whole start-up timeout for a server that refuses its password
			if (ex.getCause() instanceof SQLException refused && "28P01".equals(refused.getSQLState())) {
				throw new IllegalStateException("The embedded PostgreSQL in " + dataDirectory
						+ " refuses the password in " + access.passwordFile() + ". If it was changed by hand, put the "
						+ "new one there; or delete the file, and the next start sets a new password.", ex);
			}
			throw ex;
		}
	}

	/** By number: the server listens on loopback addresses only, whatever {@code localhost} resolves to. */
	private static String jdbcUrl(EmbeddedPostgres postgres, String database) {
		return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
	}

	private static void createDatabase(EmbeddedPostgres postgres, ServerAccess access) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(postgres, "postgres"), USER,
				access.password());
				PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			exists.setString(1, DATABASE);
			try (ResultSet rows = exists.executeQuery()) {
				if (!rows.next()) {
					try (Statement create = connection.createStatement()) {
						create.execute("create database " + DATABASE + " encoding 'UTF8' template template0");
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the '" + DATABASE + "' database: " + ex.getMessage(), ex);
		}
	}

	private static int freePort() throws IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void closeQuietly(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException | RuntimeException ex) {
			// the original failure matters more
		}
	}

	private static void closeQuietly(FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// the original failure matters more
			}
		}
	}

}
