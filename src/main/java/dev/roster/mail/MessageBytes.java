package dev.roster.mail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A message being written out: a byte array that grows as needed. */
final class MessageBytes {

	byte[] bytes;

	int length;

	MessageBytes(int capacity) {
		this.bytes = new byte[capacity];
	}

	/** A header line, folded already where it needs to be. */
	static byte[] line(String name, String value) {
		MessageBytes line = new MessageBytes(name.length() + value.length() + 2);
		line.header(name, value);
		return line.toByteArray();
	}

	/** Writes a header line in UTF-8, as Jakarta Mail writes the header of a message it built. */
	void header(String name, String value) {
		text(name);
		text(value);
		ensure(2);
		this.bytes[this.length++] = '\r';
		this.bytes[this.length++] = '\n';
	}

	private void text(String text) {
		ensure(text.length());
		int start = this.length;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				this.length = start;
				write(text.getBytes(StandardCharsets.UTF_8));
				return;
			}
			this.bytes[this.length++] = (byte) c;
		}
	}

	void write(byte[] bytes) {
		ensure(bytes.length);
		System.arraycopy(bytes, 0, this.bytes, this.length, bytes.length);
		this.length += bytes.length;
	}

	/** Makes room for {@code more} bytes. */
	void ensure(int more) {
		if (this.bytes.length - this.length < more) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
		}
	}

	byte[] array() {
		return this.bytes;
	}

	int length() {
		return this.length;
	}

	byte[] toByteArray() {
		return Arrays.copyOf(this.bytes, this.length);
	}

}
