package dev.roster.database;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
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
 * A file lock beside the data folder, {@code postgres.lock}, makes a second Roster process on the same home fail with
 * a clear message instead of touching a server another one runs. A process that owns the server (serve, and any
 * process with {@code roster.embedded-database.keep-running=false}) holds it exclusively for its life, starts the
 * server and stops it at the end. A command that keeps the server running holds it shared, with the other commands:
 * the first one starts the server, detached, and records it in {@code postgres.server} (see {@link KeptServer});
 * later ones connect to it, and it stays up when they end. They start it one at a time, under a second lock,
 * {@code postgres.start.lock}. {@link #stopKept} stops it, and only when no Roster process uses it.
 * <p>
 * A server left behind by a killed Roster (PostgreSQL runs as its own process and outlives the JVM), or one whose
 * record cannot be trusted, is shut down cleanly before the new one starts.
 * <p>
 * The server listens on loopback only, has no Unix socket, and lets in only clients with the password kept in
 * {@code $ROSTER_HOME/postgres.password} (see {@link ServerAccess}).
 */
final class EmbeddedDatabase implements AutoCloseable {

	static final String USER = "postgres";

	static final String DATABASE = "roster";

	private static final String IN_USE = "The embedded database in %s is in use by another Roster process. Wait for "
			+ "it to finish, or run every Roster process against one PostgreSQL server (SPRING_DATASOURCE_URL).";

	private static final Log logger = LogFactory.getLog(EmbeddedDatabase.class);

	/** How long a signal to an orphaned server is given to stop it. */
	private static final java.time.Duration ORPHAN_STOP_WAIT = java.time.Duration.ofSeconds(10);

	private final FileChannel lockChannel;

	private final FileLock lock;

	/** The server this process started and stops; {@code null} for one kept running for the next commands. */
	private final EmbeddedPostgres owned;

	private final int port;

	private final ServerAccess access;

	private EmbeddedDatabase(FileChannel lockChannel, FileLock lock, EmbeddedPostgres owned, int port,
			ServerAccess access) {
		this.lockChannel = lockChannel;
		this.lock = lock;
		this.owned = owned;
		this.port = port;
		this.access = access;
	}

	static EmbeddedDatabase start(Path dataDirectory, EmbeddedDatabaseProperties properties) {
		FileChannel channel = null;
		try {
			channel = openLock(dataDirectory.resolveSibling("postgres.lock"));
			boolean keep = properties.keepRunning();
			FileLock lock = tryLock(channel, keep);
			if (lock == null) {
				throw new DatabaseInUseException(IN_USE.formatted(dataDirectory));
			}
			if (!keep) {
				stopOrphanedServer(dataDirectory);
				KeptServer.forget(dataDirectory);
				ServerAccess access = ServerAccess.of(dataDirectory);
				EmbeddedPostgres postgres = launch(dataDirectory, properties, access, null);
				return new EmbeddedDatabase(channel, lock, postgres, postgres.getPort(), access);
			}
			// two commands at once: the second waits for the first to start the server, then finds it
			try (FileChannel startChannel = openLock(dataDirectory.resolveSibling("postgres.start.lock"));
					FileLock starting = startChannel.lock()) {
				ServerAccess access = ServerAccess.of(dataDirectory);
				Optional<KeptServer> kept = KeptServer.find(dataDirectory, access.password());
				if (kept.isPresent()) {
					return new EmbeddedDatabase(channel, lock, null, kept.get().port(), access);
				}
				stopOrphanedServer(dataDirectory);
				// its messages go to a file: the pipe to this JVM closes when the command ends
				Path log = dataDirectory.resolveSibling("logs").resolve("postgres.log");
				EmbeddedPostgres postgres = launch(dataDirectory, properties, access, log);
				releaseLauncherLock(postgres);
				KeptServer.record(dataDirectory, postgres.getPort());
				return new EmbeddedDatabase(channel, lock, null, postgres.getPort(), access);
			}
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

	/**
	 * Stops the server commands keep running on {@code dataDirectory}, once no Roster process uses it: the lock
	 * taken exclusively proves it.
	 * @return whether a server was running
	 * @throws DatabaseInUseException when a command or serve runs on this home
	 */
	static boolean stopKept(Path dataDirectory) {
		try (FileChannel channel = openLock(dataDirectory.resolveSibling("postgres.lock"))) {
			FileLock lock = tryLock(channel, false);
			if (lock == null) {
				throw new DatabaseInUseException(IN_USE.formatted(dataDirectory));
			}
			try {
				Optional<ProcessHandle> server = livePostmaster(dataDirectory);
				if (server.isPresent()) {
					stop(server.get());
				}
				KeptServer.forget(dataDirectory);
				return server.isPresent();
			}
			finally {
				lock.release();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot stop the embedded PostgreSQL in " + dataDirectory, ex);
		}
	}

	/**
	 * The launcher locks a file in the data folder for the life of its object, which a kept server outlives: the next
	 * start, in this process or while it still runs, would find it locked. Roster's own locks guard the folder.
	 */
	private static void releaseLauncherLock(EmbeddedPostgres postgres) {
		try {
			Field lock = EmbeddedPostgres.class.getDeclaredField("lock");
			Field stream = EmbeddedPostgres.class.getDeclaredField("lockStream");
			lock.setAccessible(true);
			stream.setAccessible(true);
			((FileLock) lock.get(postgres)).release();
			((FileOutputStream) stream.get(postgres)).close();
		}
		catch (ReflectiveOperationException | IOException | RuntimeException ex) {
			logger.debug("Cannot release the launcher's lock of the data folder: " + ex.getMessage());
		}
	}

	private static FileChannel openLock(Path lockFile) throws IOException {
		Files.createDirectories(lockFile.getParent());
		FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE);
		try {
			OwnerOnly.restrict(lockFile, OwnerOnly.FILE);
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
		return channel;
	}

	/** The server's start, in this process; {@code log} set: its output goes there, for a server that outlives it. */
	private static EmbeddedPostgres launch(Path dataDirectory, EmbeddedDatabaseProperties properties,
			ServerAccess access, Path log) throws IOException {
		boolean existing = Files.exists(dataDirectory.resolve("postgresql.conf"));
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
		if (log != null) {
			OwnerOnly.folder(log.getParent());
			builder.setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
		}
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
			createDatabase(postgres.getPort(), access);
		}
		catch (RuntimeException ex) {
			// a server this start leaves running would outlive the lock it was started under
			closeQuietly(postgres);
			throw ex;
		}
		return postgres;
	}

	/** {@code null} when another process, or this one, holds the lock (exclusively, or at all for exclusive). */
	private static FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
		try {
			return channel.tryLock(0, Long.MAX_VALUE, shared);
		}
		catch (OverlappingFileLockException ex) {
			return null;
		}
	}

	String jdbcUrl() {
		return jdbcUrl(this.port, DATABASE);
	}

	/** The password of {@link #USER}, kept in {@code $ROSTER_HOME/postgres.password}. */
	String password() {
		return this.access.password();
	}

	@Override
	public void close() throws IOException {
		try {
			if (this.owned != null) {
				this.owned.close();
			}
		}
		finally {
			this.lock.release();
			this.lockChannel.close();
		}
	}

	/**
	 * A {@code postmaster.pid} whose process is alive while we hold the lock exclusively, or while we hold the start
	 * lock and found no server to trust, can only belong to a server whose Roster was killed, or to one kept running
	 * that this process is to own or replace: no Roster process is connected to it.
	 */
	private static void stopOrphanedServer(Path dataDirectory) {
		livePostmaster(dataDirectory).ifPresent((postmaster) -> {
			if (KeptServer.file(dataDirectory).toFile().isFile()) {
				logger.info("Stopping the embedded PostgreSQL (pid " + postmaster.pid()
						+ ") kept running for commands: this process owns the server while it runs");
			}
			else {
				logger.warn("Stopping the embedded PostgreSQL (pid " + postmaster.pid()
						+ ") left running by a Roster process that did not stop cleanly");
			}
			stop(postmaster);
		});
	}

	/** The process {@code postmaster.pid} names, while it lives. */
	private static Optional<ProcessHandle> livePostmaster(Path dataDirectory) {
		List<String> lines = KeptServer.postmasterPid(dataDirectory);
		if (lines.isEmpty() || lines.get(0).isBlank()) {
			return Optional.empty();
		}
		return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
	}

	/**
	 * SIGTERM (smart) ends at once when no client is connected: their JVMs died, or they ended. One killed while the
	 * server was still starting may never end it, so then SIGQUIT (immediate, as after a crash), and at last SIGKILL
	 * for all.
	 */
	private static void stop(ProcessHandle postmaster) {
		// its own processes, taken now: a postmaster killed outright leaves them holding its port and memory
		List<ProcessHandle> children = postmaster.descendants().toList();
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
	static String jdbcUrl(int port, String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	private static void createDatabase(int port, ServerAccess access) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(port, "postgres"), USER,
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
