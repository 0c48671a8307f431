package dev.roster.intake;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes ZIP archives byte by byte, millions of entries in a second or two (java.util.zip takes minutes), with an end
 * record that lies: it declares 3 entries and a directory of 3 records, whatever the directory holds. Every entry is
 * an empty stored file named by seven digits; all the directory's records point at the first local header, as the
 * directory is all a reader allocates for.
 */
final class RawZip {

	static final int NAME_BYTES = 7;

	/** The bytes of one directory record without comment: its fixed part and its name. */
	static final int RECORD_BYTES = 46 + NAME_BYTES;

	private static final int DECLARED_ENTRIES = 3;

	private RawZip() {
	}

	/**
	 * Writes the archive.
	 * @param commentBytes the comment each directory record carries
	 * @param viaZip64 whether a ZIP64 end record, which commons-compress takes whenever its locator precedes the end
	 * record, says where the directory starts; otherwise the end record does, with the directory's true size, as
	 * commons-compress positions the directory from both
	 * @return where the directory starts
	 */
	static long write(Path file, int entries, int commentBytes, boolean viaZip64) throws IOException {
		byte[] name = "0000000".getBytes(StandardCharsets.US_ASCII);
		ByteBuffer local = le(30 + NAME_BYTES);
		local.putInt(0x04034b50).putShort((short) 10).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0)
			.putInt(0).putInt(0).putShort((short) NAME_BYTES).putShort((short) 0).put(name);
		long directoryAt = local.capacity();
		byte[] record = new byte[RECORD_BYTES + commentBytes];
		ByteBuffer template = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
		template.putInt(0x02014b50).putShort((short) 20).putShort((short) 10).putShort((short) 0).putShort((short) 0)
			.putInt(0).putInt(0).putInt(0).putInt(0).putShort((short) NAME_BYTES).putShort((short) 0)
			.putShort((short) commentBytes).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0);
		for (int i = RECORD_BYTES; i < record.length; i++) {
			record[i] = 'c';
		}
		long directoryBytes = (long) entries * record.length;
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
			out.write(local.array());
			for (int i = 0; i < entries; i++) {
				for (int digit = NAME_BYTES - 1, n = i; digit >= 0; digit--, n /= 10) {
					record[46 + digit] = (byte) ('0' + n % 10);
				}
				out.write(record);
			}
			long declaredBytes = (long) DECLARED_ENTRIES * record.length;
			if (viaZip64) {
				long zip64At = directoryAt + directoryBytes;
				ByteBuffer zip64 = le(56 + 20);
				zip64.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
					.putLong(DECLARED_ENTRIES).putLong(DECLARED_ENTRIES).putLong(declaredBytes).putLong(directoryAt);
				zip64.putInt(0x07064b50).putInt(0).putLong(zip64At).putInt(1);
				out.write(zip64.array());
			}
			else {
				declaredBytes = directoryBytes;
			}
			ByteBuffer end = le(22);
			end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) DECLARED_ENTRIES)
				.putShort((short) DECLARED_ENTRIES).putInt((int) declaredBytes).putInt((int) directoryAt)
				.putShort((short) 0);
			out.write(end.array());
		}
		return directoryAt;
	}

	private static ByteBuffer le(int bytes) {
		return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
	}

}
