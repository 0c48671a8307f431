package dev.roster.intake;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * A workbook's shared-strings table, kept off the heap. Excel and LibreOffice store every text cell there, so a
 * million-row sheet brings millions of unique strings: held as Java strings (as POI's and fastexcel's readers hold
 * them) they take some 200 MB. Here the strings are appended as UTF-8 to a temporary file and their positions to a
 * second one, both memory-mapped once the table is read: the operating system pages them in and out, the heap holds
 * only a small cache of recent look-ups. Both files are deleted on {@link #close()}.
 */
final class SharedStrings implements Closeable {

	static final int SEGMENT_BYTES = 1 << 30;

	// An entry of the index: the string's offset in the data file (40 bits) and its length in bytes (24 bits).
	private static final int LENGTH_BITS = 24;

	private static final int MAX_BYTES = (1 << LENGTH_BITS) - 1;

	private static final int CACHE_SIZE = 4096;

	private final Path dataFile;

	private final Path indexFile;

	private final int segmentBytes;

	private final MappedByteBuffer[] data;

	private final MappedByteBuffer[] index;

	private final long count;

	private final boolean holdsNul;

	private final String[] cache = new String[CACHE_SIZE];

	private final long[] cached = new long[CACHE_SIZE];

	private byte[] scratch = new byte[256];

	private SharedStrings(Path dataFile, Path indexFile, int segmentBytes, long dataBytes, long count,
			boolean holdsNul) throws IOException {
		this.dataFile = dataFile;
		this.indexFile = indexFile;
		this.segmentBytes = segmentBytes;
		this.count = count;
		this.holdsNul = holdsNul;
		this.data = map(dataFile, dataBytes, segmentBytes);
		this.index = map(indexFile, count * Long.BYTES, segmentBytes);
		java.util.Arrays.fill(this.cached, -1);
	}

	/**
	 * An empty table, for a workbook without one.
	 */
	static SharedStrings empty() {
		try {
			return write(null, 1, SEGMENT_BYTES);
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reads the {@code <sst>} part: each {@code <si>} is one string, the text of its {@code <t>} elements (rich text
	 * runs joined, phonetic guides left out), each cut to {@code maxChars}.
	 */
	static SharedStrings read(XmlParts.Parser part, int maxChars) throws XMLStreamException {
		return write(part, maxChars, SEGMENT_BYTES);
	}

	static SharedStrings write(XmlParts.Parser part, int maxChars, int segmentBytes) throws XMLStreamException {
		Path dataFile = null;
		Path indexFile = null;
		try {
			dataFile = Files.createTempFile("roster-shared-strings-", ".data");
			indexFile = Files.createTempFile("roster-shared-strings-", ".index");
			long position = 0;
			long count = 0;
			boolean holdsNul = false;
			try (OutputStream data = new BufferedOutputStream(Files.newOutputStream(dataFile), 1 << 16);
					DataOutputStream index = new DataOutputStream(
							new BufferedOutputStream(Files.newOutputStream(indexFile), 1 << 16))) {
				if (part != null) {
					// Encoded escapes (_x000D_) take seven characters for one.
					int rawMax = (int) Math.min(Integer.MAX_VALUE - 8L, 7L * maxChars + 7);
					StringBuilder text = new StringBuilder();
					int depthInPhonetic = 0;
					boolean inText = false;
					while (part.reader().hasNext()) {
						int event = part.next();
						if (event == XMLStreamConstants.START_ELEMENT) {
							String name = part.name();
							if (name.equals("si")) {
								text.setLength(0);
							}
							else if (name.equals("rPh")) {
								depthInPhonetic++;
							}
							else if (name.equals("t")) {
								inText = depthInPhonetic == 0;
							}
						}
						else if (event == XMLStreamConstants.END_ELEMENT) {
							String name = part.name();
							if (name.equals("t")) {
								inText = false;
							}
							else if (name.equals("rPh")) {
								depthInPhonetic--;
							}
							else if (name.equals("si")) {
								String value = XlsxText.decode(text);
								holdsNul = holdsNul || XlsxText.holdsNul(text, value);
								byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
								int length = Math.min(bytes.length, MAX_BYTES);
								long inSegment = position % segmentBytes;
								if (inSegment + length > segmentBytes) {
									// No string straddles two mappings: pad to the next one.
									long padding = segmentBytes - inSegment;
									for (long i = 0; i < padding; i++) {
										data.write(0);
									}
									position += padding;
								}
								data.write(bytes, 0, length);
								index.writeLong((position << LENGTH_BITS) | length);
								position += length;
								count++;
							}
						}
						else if (inText && (event == XMLStreamConstants.CHARACTERS
								|| event == XMLStreamConstants.CDATA || event == XMLStreamConstants.SPACE)) {
							part.appendText(text, rawMax);
						}
					}
				}
			}
			SharedStrings strings = new SharedStrings(dataFile, indexFile, segmentBytes, position, count,
					holdsNul);
			// Unlinked now, the files live as long as their mappings and vanish even if the process is killed; where
			// a mapped file cannot be deleted (Windows), close() tries again.
			strings.deleteFiles();
			return strings;
		}
		catch (IOException ex) {
			delete(dataFile);
			delete(indexFile);
			throw new UncheckedIOException("Cannot write the shared strings to a temporary file: " + ex.getMessage(),
					ex);
		}
		catch (XMLStreamException | RuntimeException ex) {
			delete(dataFile);
			delete(indexFile);
			throw ex;
		}
	}

	/**
	 * How many strings the table holds.
	 */
	long size() {
		return this.count;
	}

	/**
	 * Whether a string of the table holds a NUL character (U+0000), written {@code _x0000_}.
	 */
	boolean holdsNul() {
		return this.holdsNul;
	}

	/**
	 * The string at {@code position}, counting from 0.
	 * @throws IndexOutOfBoundsException when the table has no such string
	 */
	String get(long position) {
		if (position < 0 || position >= this.count) {
			throw new IndexOutOfBoundsException(position);
		}
		int slot = (int) (position % CACHE_SIZE);
		if (this.cached[slot] == position) {
			return this.cache[slot];
		}
		long indexAt = position * Long.BYTES;
		long entry = this.index[(int) (indexAt / this.segmentBytes)].getLong((int) (indexAt % this.segmentBytes));
		long offset = entry >>> LENGTH_BITS;
		int length = (int) (entry & MAX_BYTES);
		if (this.scratch.length < length) {
			this.scratch = new byte[Math.max(length, this.scratch.length * 2)];
		}
		this.data[(int) (offset / this.segmentBytes)].get((int) (offset % this.segmentBytes), this.scratch, 0, length);
		String value = new String(this.scratch, 0, length, StandardCharsets.UTF_8);
		this.cache[slot] = value;
		this.cached[slot] = position;
		return value;
	}

	@Override
	public void close() {
		deleteFiles();
	}

	private void deleteFiles() {
		delete(this.dataFile);
		delete(this.indexFile);
	}

	private static void delete(Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			file.toFile().deleteOnExit();
		}
	}

	private static MappedByteBuffer[] map(Path file, long size, int segmentBytes) throws IOException {
		int segments = (int) ((size + segmentBytes - 1) / segmentBytes);
		MappedByteBuffer[] buffers = new MappedByteBuffer[segments];
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			for (int i = 0; i < segments; i++) {
				long start = (long) i * segmentBytes;
				buffers[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(segmentBytes, size - start));
			}
		}
		return buffers;
	}

}
