package dev.roster.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The single-use tokens of the links emails carry. A token is 244 random bits drawn by PostgreSQL's strong random
 * source when its email is claimed, written into the link as URL-safe Base64; the database keeps only the SHA-256 of
 * that text, with the token's purpose and expiry, so someone reading the database cannot use a link, while the portal
 * finds a token by hashing what the link brought.
 */
public final class LinkTokens {

	private LinkTokens() {
	}

	/** What the database stores for a token: the SHA-256 of its text. */
	public static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
