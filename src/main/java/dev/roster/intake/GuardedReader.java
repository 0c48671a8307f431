package dev.roster.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;

/**
 * The character source under the CSV parser. It decodes bytes itself so that an undecodable byte surfaces only when
 * the parser reaches it (an {@link java.io.InputStreamReader} throws as soon as its read-ahead meets the byte, rows
 * too early), and it counts the characters handed out since the last record boundary so that a runaway record, such as
 * one opened by a quote that never closes, is stopped before the parser buffers the rest of the file. It also notes
 * the first NUL character it hands out, so that only the records from there on are searched for one.
 */
final class GuardedReader extends Reader {

	private final InputStream in;

	private final CharsetDecoder decoder;

	private final long maxCharsPerRecord;

	private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();

	private CoderResult pendingError;

	private boolean endOfInput;

	private boolean flushed;

	private long sinceBoundary;

	private boolean sawNul;

	GuardedReader(InputStream in, CharsetDecoder decoder, long maxCharsPerRecord) {
		this.in = in;
		this.decoder = decoder;
		this.maxCharsPerRecord = maxCharsPerRecord;
	}

	/**
	 * Whether a NUL character (U+0000) has been handed out: the records parsed from then on may hold one.
	 */
	boolean sawNul() {
		return this.sawNul;
	}

	/**
	 * Starts counting afresh: the parser has just finished a record.
	 */
	void recordBoundary() {
		this.sinceBoundary = 0;
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.pendingError != null) {
			this.pendingError.throwException();
		}
		CharBuffer out = CharBuffer.wrap(buffer, offset, length);
		while (out.position() == offset) {
			if (this.flushed) {
				return -1;
			}
			CoderResult result = this.decoder.decode(this.bytes, out, this.endOfInput);
			if (result.isError()) {
				if (out.position() > offset) {
					// Hand out the good characters first; the error is thrown at the next read, when the parser
					// actually needs the bad byte.
					this.pendingError = result;
					break;
				}
				result.throwException();
			}
			if (result.isOverflow() || out.position() > offset) {
				break;
			}
			if (this.endOfInput) {
				result = this.decoder.flush(out);
				if (result.isError()) {
					result.throwException();
				}
				this.flushed = result.isUnderflow();
			}
			else {
				fill();
			}
		}
		int read = out.position() - offset;
		if (!this.sawNul) {
			// one pass over what the decoder just wrote, while it is still in the cache
			for (int i = offset, end = offset + read; i < end; i++) {
				if (buffer[i] == '\0') {
					this.sawNul = true;
					break;
				}
			}
		}
		this.sinceBoundary += read;
		if (this.sinceBoundary > this.maxCharsPerRecord) {
			throw new RecordTooLongException();
		}
		return read;
	}

	private void fill() throws IOException {
		this.bytes.compact();
		int read = this.in.read(this.bytes.array(), this.bytes.arrayOffset() + this.bytes.position(),
				this.bytes.remaining());
		if (read < 0) {
			this.endOfInput = true;
		}
		else {
			this.bytes.position(this.bytes.position() + read);
		}
		this.bytes.flip();
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	/**
	 * More characters than a record may hold were read since the last record boundary.
	 */
	static final class RecordTooLongException extends IOException {

		private static final long serialVersionUID = 1L;

		RecordTooLongException() {
			super("record too long");
		}

	}

}
