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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A PostgreSQL server run from the binaries on the class path, its data kept in a folder of {@code $ROSTER_HOME}.
 * <p>
 * A file lock beside the data folder makes a second Roster process on the same home fail with a clear message
 * instead of touching a running cluster. A server left behind by a killed Roster (PostgreSQL runs as its own
 * process and outlives the JVM) is shut down cleanly before the new one starts.
 */
final class EmbeddedDatabase implements AutoCloseable {

	static final String USER = "postgres";

	private static final String DATABASE = "roster";

	private static final Log logger = LogFactory.getLog(EmbeddedDatabase.class);

	private final FileChannel lockChannel;

	private final FileLock lock;

	private final EmbeddedPostgres postgres;

	private EmbeddedDatabase(FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres) {
		this.lockChannel = lockChannel;
		this.lock = lock;
		this.postgres = postgres;
	}

	static EmbeddedDatabase start(Path dataDirectory, EmbeddedDatabaseProperties properties) {
		Path lockFile = dataDirectory.resolveSibling("postgres.lock");
		FileChannel channel = null;
		try {
			channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock = tryLock(channel);
			if (lock == null) {
				throw new DatabaseInUseException("The embedded database in " + dataDirectory
						+ " is in use by another Roster process. Wait for it to finish, or run every Roster process "
						+ "against one PostgreSQL server (SPRING_DATASOURCE_URL).");
			}
			stopOrphanedServer(dataDirectory);
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
				.setServerConfig("max_wal_size", properties.maxWalSize());
			// a setting named by the operator wins over the same one set above
			properties.server().forEach(builder::setServerConfig);
			EmbeddedPostgres postgres = builder.start();
			createDatabase(postgres);
			return new EmbeddedDatabase(channel, lock, postgres);
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
		return this.postgres.getJdbcUrl(USER, DATABASE);
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
		logger.warn("Stopping the embedded PostgreSQL (pid " + server.get().pid()
				+ ") left running by a Roster process that did not stop cleanly");
		server.get().destroy();
		try {
			server.get().onExit().get(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			server.get().destroyForcibly();
		}
	}

	private static void createDatabase(EmbeddedPostgres postgres) {
		try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(USER, "postgres"));
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
