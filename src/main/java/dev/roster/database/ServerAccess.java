package dev.roster.database;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import dev.roster.files.OwnerOnly;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * Who may connect to the embedded PostgreSQL: a client that knows the password kept in
 * {@code $ROSTER_HOME/postgres.password}, over loopback TCP, and nobody else. The server has no Unix socket.
 * <p>
 * The cluster's launcher runs initdb with {@code trust}: every local user would be let in as superuser without a
 * password. So before the server starts, a data folder whose {@code pg_hba.conf} is not Roster's gets the password
 * in single-user mode, where nobody can connect, and only then the rules. A new data folder and one written before
 * Roster used a password take the same way, and a conversion that was interrupted is simply done again.
 */
final class ServerAccess {

	static final String PASSWORD_FILE = "postgres.password";

	/** Loopback only, by number: what {@code localhost} resolves to is up to the machine's configuration. */
	static final String LISTEN_ADDRESSES = "127.0.0.1,::1";

	/** Roster's rules; anything else found in the data folder is replaced on start. */
	static final String HBA_RULES = """
			# Written by Roster on every start of its embedded PostgreSQL: changes here are replaced.
			# Only clients with the password in $ROSTER_HOME/postgres.password, over loopback TCP.
			host	all	all	127.0.0.1/32	scram-sha-256
			host	all	all	::1/128	scram-sha-256
			""";

	/** Settings Roster fixes whatever {@code roster.embedded-database.server.*} says. */
	static final List<String> FIXED_SETTINGS = List.of("listen_addresses", "unix_socket_directories", "hba_file");

	private static final int SCRAM_ITERATIONS = 4096;

	private static final SecureRandom random = new SecureRandom();

	private final Path passwordFile;

	private final String password;

	private final boolean newPassword;

	private ServerAccess(Path passwordFile, String password, boolean newPassword) {
		this.passwordFile = passwordFile;
		this.password = password;
		this.newPassword = newPassword;
	}

	/** The password of the cluster in {@code dataDirectory}, drawn and kept beside it on first use. */
	static ServerAccess of(Path dataDirectory) {
		Path file = dataDirectory.resolveSibling(PASSWORD_FILE);
		try {
			if (Files.isRegularFile(file)) {
				OwnerOnly.restrict(file, OwnerOnly.FILE);
				String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
				if (!kept.isEmpty()) {
					return new ServerAccess(file, kept, false);
				}
			}
			// 256 bits, in characters that need no quoting in a shell, a connection string or a .pgpass line
			byte[] bytes = new byte[32];
			random.nextBytes(bytes);
			String drawn = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			OwnerOnly.writeString(file, drawn + "\n");
			return new ServerAccess(file, drawn, true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

	String password() {
		return this.password;
	}

	Path passwordFile() {
		return this.passwordFile;
	}

	/** Whether the password was drawn just now: the cluster does not have it yet. */
	boolean isNew() {
		return this.newPassword;
	}

	/**
	 * Gives the stopped cluster the password, then Roster's rules: a {@code pg_hba.conf} that is Roster's means the
	 * password is set, since it is written last.
	 */
	void protect(Path dataDirectory) {
		setPassword(dataDirectory, scramVerifier(this.password, salt()));
		OwnerOnly.writeString(dataDirectory.resolve("pg_hba.conf"), HBA_RULES);
	}

	/** Whether the data folder has Roster's rules, and so, since they are written last, the password. */
	static boolean hasRostersRules(Path dataDirectory) {
		Path rules = dataDirectory.resolve("pg_hba.conf");
		try {
			return Files.isRegularFile(rules) && HBA_RULES.equals(Files.readString(rules, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** {@code ALTER ROLE} in a single-user backend: no listener, so no one can connect while the password is unset. */
	private static void setPassword(Path dataDirectory, String verifier) {
		List<String> command = new ArrayList<>();
		if (LinuxUtils.isUnshareAvailable()) {
			// as the launcher runs its binaries when Roster runs as root, which PostgreSQL refuses
			command.addAll(List.of("unshare", "-U"));
		}
		command.add(binaries().resolve("bin").resolve(isWindows() ? "postgres.exe" : "postgres").toString());
		command.addAll(List.of("--single", "-D", dataDirectory.toString(), "-c", "exit_on_error=on", "postgres"));
		try {
			Process backend = new ProcessBuilder(command).redirectErrorStream(true).start();
			// the verifier, not the password: the server never sees the password itself, not even here
			try (OutputStream in = backend.getOutputStream()) {
				in.write(("alter role " + EmbeddedDatabase.USER + " password '" + verifier + "'\n")
					.getBytes(StandardCharsets.UTF_8));
			}
			String output = new String(backend.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!backend.waitFor(5, TimeUnit.MINUTES)) {
				backend.destroyForcibly();
				throw new IllegalStateException("Setting the embedded PostgreSQL's password did not finish");
			}
			if (backend.exitValue() != 0) {
				throw new IllegalStateException("Cannot set the embedded PostgreSQL's password in " + dataDirectory
						+ " (exit " + backend.exitValue() + "): " + output.strip());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot set the embedded PostgreSQL's password: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while setting the embedded PostgreSQL's password", ex);
		}
	}

	/**
	 * The folder the launcher unpacked PostgreSQL into. It offers no getter; its private map of unpacked folders is
	 * filled before initdb runs, so by the time the data folder is customised it holds this one.
	 */
	private static Path binaries() {
		try {
			Field unpacked = EmbeddedPostgres.class.getDeclaredField("PREPARE_BINARIES");
			unpacked.setAccessible(true);
			File folder = (File) ((Map<?, ?>) unpacked.get(null)).get(DefaultPostgresBinaryResolver.INSTANCE);
			if (folder == null || !folder.isDirectory()) {
				throw new IllegalStateException("no folder of unpacked binaries");
			}
			return folder.toPath();
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IllegalStateException("Cannot find the embedded PostgreSQL's binaries: " + ex.getMessage(), ex);
		}
	}

	private static byte[] salt() {
		byte[] salt = new byte[16];
		random.nextBytes(salt);
		return salt;
	}

	/** What PostgreSQL stores for a SCRAM-SHA-256 password (RFC 5802, RFC 7677), as its own client libraries make it. */
	static String scramVerifier(String password, byte[] salt) {
		try {
			byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
				.generateSecret(new PBEKeySpec(password.toCharArray(), salt, SCRAM_ITERATIONS, 256))
				.getEncoded();
			byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key"));
			byte[] serverKey = hmac(salted, "Server Key");
			Base64.Encoder base64 = Base64.getEncoder();
			return "SCRAM-SHA-256$" + SCRAM_ITERATIONS + ":" + base64.encodeToString(salt) + "$"
					+ base64.encodeToString(storedKey) + ":" + base64.encodeToString(serverKey);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot derive a SCRAM-SHA-256 verifier", ex);
		}
	}

	private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
	}

	private static boolean isWindows() {
		return System.getProperty("os.name", "").startsWith("Windows");
	}

}
