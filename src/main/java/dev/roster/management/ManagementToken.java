package dev.roster.management;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import dev.roster.RosterHome;
import dev.roster.files.OwnerOnly;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one secret that makes a caller of the management endpoints an operator: {@code roster.management.token} when
 * set, else the content of {@code $ROSTER_HOME/management.token}, generated owner-only the first time serve serves
 * them. The log names where it is, never what it is.
 */
final class ManagementToken {

	private static final Log logger = LogFactory.getLog(ManagementToken.class);

	static final String FILE = "management.token";

	private final byte[] token;

	private ManagementToken(String token) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
	}

	static ManagementToken of(ManagementProperties properties, RosterHome home) {
		if (properties.token() != null && !properties.token().isBlank()) {
			logger.info("management: details and metrics need 'Authorization: Bearer <roster.management.token>'");
			return new ManagementToken(properties.token().strip());
		}
		// beside the database and the logs, in the owner-only home
		Path file = home.folder(".").resolve(FILE).normalize();
		String token = read(file);
		if (token == null) {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			OwnerOnly.writeString(file, token + "\n");
			logger.info("management: generated a token into " + file);
		}
		logger.info("management: details and metrics need 'Authorization: Bearer <token>', the token being the "
				+ "content of " + file);
		return new ManagementToken(token);
	}

	/** Compared in constant time: how long a wrong guess took says nothing about the token. */
	boolean matches(String presented) {
		return presented != null
				&& MessageDigest.isEqual(this.token, presented.strip().getBytes(StandardCharsets.UTF_8));
	}

	private static String read(Path file) {
		if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
			return null;
		}
		try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
			String token = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
			if (token.isEmpty()) {
				throw new IllegalStateException(file + " is empty; delete it to have a new token generated");
			}
			return token;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

}
