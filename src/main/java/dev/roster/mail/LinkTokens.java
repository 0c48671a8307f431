package dev.roster.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The single-use tokens of the links emails carry. A token is 256 random bits from the platform's strong source,
 * written into the link as URL-safe Base64; the database keeps only its SHA-256 (of the token's text), so someone
 * reading the database cannot use a link, while the portal finds a token by hashing what the link brought.
 */
public final class LinkTokens {

	private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

	private LinkTokens() {
	}

	/** A fresh token. */
	static Token issue() {
		byte[] bytes = new byte[32];
		RANDOM.get().nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		return new Token(token, hash(token));
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

	/** A token as the link carries it, and its hash as the database stores it. */
	record Token(String value, byte[] hash) {

		String hashHex() {
			return HexFormat.of().formatHex(this.hash);
		}

	}

}
