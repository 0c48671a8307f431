package dev.roster.mail;


/**
 * Quoted-printable (RFC 2045) in one pass over a byte array. Jakarta Mail encodes a text part byte by byte through a
 * chain of streams for every message; a delivery encodes thousands of bodies, straight into the message's bytes.
 */
final class QuotedPrintable {

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	/** The longest encoded line, soft line break's {@code =} not counted. */
	private static final int LINE = 75;

	/** Bytes written as they are (blanks too, unless they end a line). */
	private static final boolean[] LITERAL = new boolean[256];

	static {
		for (int b = 33; b <= 126; b++) {
			LITERAL[b] = b != '=';
		}
		LITERAL[' '] = true;
		LITERAL['\t'] = true;
	}

	private QuotedPrintable() {
	}

	/**
	 * Encodes text: a line break ({@code \n} or {@code \r\n}) becomes CRLF, lines longer than 76 characters are broken
	 * softly, and {@code =}, control characters, bytes above 126 and blanks at the end of a line are escaped.
	 */
	static byte[] encode(byte[] text) {
		MessageBytes out = new MessageBytes(text.length + text.length / 8 + 64);
		encode(text, out);
		return out.toByteArray();
	}

	/** Encodes text at the end of {@code out}. */
	static void encode(byte[] text, MessageBytes out) {
		// at most 6 bytes out per byte in: a soft line break and an escape
		out.ensure(text.length + text.length / 4 + 64);
		byte[] buffer = out.bytes;
		int length = out.length;
		int column = 0;
		for (int i = 0; i < text.length; i++) {
			int b = text[i] & 0xff;
			if (buffer.length - length < 8) {
				out.length = length;
				out.ensure(text.length - i + 64);
				buffer = out.bytes;
			}
			if (b == '\r' || b == '\n') {
				if (b == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
					i++;
				}
				buffer[length++] = '\r';
				buffer[length++] = '\n';
				column = 0;
				continue;
			}
			boolean literal = LITERAL[b];
			if (literal && (b == ' ' || b == '\t')) {
				literal = i + 1 < text.length && text[i + 1] != '\n' && text[i + 1] != '\r';
			}
			int width = literal ? 1 : 3;
			if (column + width > LINE) {
				buffer[length++] = '=';
				buffer[length++] = '\r';
				buffer[length++] = '\n';
				column = 0;
			}
			if (literal) {
				buffer[length++] = (byte) b;
			}
			else {
				buffer[length++] = '=';
				buffer[length++] = HEX[b >> 4];
				buffer[length++] = HEX[b & 0x0f];
			}
			column += width;
		}
		out.length = length;
	}

}
