package dev.roster.mail;

import java.util.Arrays;

/**
 * Quoted-printable (RFC 2045) in one pass over a byte array. Jakarta Mail encodes a text part byte by byte through a
 * chain of streams for every message; a delivery encodes thousands of bodies, so it hands Jakarta Mail bodies
 * already encoded, which it copies as they are.
 */
final class QuotedPrintable {

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	/** The longest encoded line, soft line break's {@code =} not counted. */
	private static final int LINE = 75;

	private QuotedPrintable() {
	}

	/**
	 * Encodes text: a line break ({@code \n} or {@code \r\n}) becomes CRLF, lines longer than 76 characters are broken
	 * softly, and {@code =}, control characters, bytes above 126 and blanks at the end of a line are escaped.
	 */
	static byte[] encode(byte[] text) {
		byte[] out = new byte[text.length + text.length / 8 + 64];
		int length = 0;
		int column = 0;
		for (int i = 0; i < text.length; i++) {
			int b = text[i] & 0xff;
			if (b == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
				continue;
			}
			if (out.length - length < 8) {
				out = Arrays.copyOf(out, out.length * 2);
			}
			if (b == '\n' || b == '\r') {
				out[length++] = '\r';
				out[length++] = '\n';
				column = 0;
				continue;
			}
			boolean lineEnd = i + 1 == text.length || text[i + 1] == '\n' || text[i + 1] == '\r';
			boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEnd);
			int width = literal ? 1 : 3;
			if (column + width > LINE) {
				out[length++] = '=';
				out[length++] = '\r';
				out[length++] = '\n';
				column = 0;
			}
			if (literal) {
				out[length++] = (byte) b;
			}
			else {
				out[length++] = '=';
				out[length++] = HEX[b >> 4];
				out[length++] = HEX[b & 0x0f];
			}
			column += width;
		}
		return Arrays.copyOf(out, length);
	}

}
