package dev.roster.intake;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.Locale;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.poi.openxml4j.util.ZipEntrySource;

/**
 * The ZIP container of a workbook, opened so that a decompression bomb is refused before it costs memory or much
 * time: the central directory's records are counted, where commons-compress will read them, before anything is
 * allocated for them (the counts its end record declares can lie), the sizes it declares are checked, and every entry read is counted as it inflates, since a declared size can lie. POI reads the
 * package through this source ({@code OPCPackage.open(ZipEntrySource)} adds no protection of its own), so the same
 * limits hold for every part, including those POI parses itself.
 */
final class ZipGuard implements ZipEntrySource {

	/** A workbook holds a few dozen parts; Excel's own writer refuses far fewer than this. */
	static final int MAX_ENTRIES = 1_000;

	// A central directory of MAX_ENTRIES entries with generous names takes well under this.
	private static final long MAX_DIRECTORY_BYTES = 4L * 1024 * 1024;

	// Small parts compress extremely well (a styles part of repeated tags): the ratio only matters past this size.
	private static final long RATIO_GRACE_BYTES = 1024 * 1024;

	private static final int END_RECORD = 0x06054b50;

	private static final int ZIP64_LOCATOR = 0x07064b50;

	private static final int ZIP64_END_RECORD = 0x06064b50;

	private static final int DIRECTORY_RECORD = 0x02014b50;

	// a directory record's fixed part; its name, extra field and comment follow
	private static final int DIRECTORY_RECORD_BYTES = 46;

	private static final int DIRECTORY_BUFFER_BYTES = 64 * 1024;

	private final ZipFile zip;

	private final String fileName;

	private final IntakeLimits limits;

	private long inflated;

	private boolean closed;

	private ZipGuard(ZipFile zip, String fileName, IntakeLimits limits) {
		this.zip = zip;
		this.fileName = fileName;
		this.limits = limits;
	}

	/**
	 * Opens the archive after checking its directory's size and entry count, and the sizes each entry declares.
	 * @throws InputRejectedException when the archive is damaged or breaks a limit
	 */
	static ZipGuard open(Path file, String fileName, IntakeLimits limits) throws IOException {
		checkDirectory(file, fileName);
		ZipFile zip;
		try {
			zip = ZipFile.builder().setPath(file).setUseUnicodeExtraFields(true).get();
		}
		catch (IOException ex) {
			// commons-compress names the file by its absolute path, which messages never show
			String reason = String.valueOf(ex.getMessage()).replace(file.toAbsolutePath().toString(), fileName);
			throw damaged(fileName, reason);
		}
		try {
			ZipGuard guard = new ZipGuard(zip, fileName, limits);
			guard.checkDeclaredSizes();
			return guard;
		}
		catch (RuntimeException ex) {
			zip.close();
			throw ex;
		}
	}

	@Override
	public Enumeration<? extends ZipArchiveEntry> getEntries() {
		return this.zip.getEntries();
	}

	@Override
	public ZipArchiveEntry getEntry(String path) {
		return this.zip.getEntry(path);
	}

	@Override
	public InputStream getInputStream(ZipArchiveEntry entry) throws IOException {
		return new Counted(this.zip.getInputStream(entry), entry);
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		this.zip.close();
	}

	@Override
	public boolean isClosed() {
		return this.closed;
	}

	private void checkDeclaredSizes() {
		long total = 0;
		Enumeration<ZipArchiveEntry> entries = this.zip.getEntries();
		while (entries.hasMoreElements()) {
			ZipArchiveEntry entry = entries.nextElement();
			long size = entry.getSize();
			if (size < 0) {
				continue;
			}
			total += size;
			String problem = problem(entry, size, total);
			if (problem != null) {
				throw InputRejectedException.of(this.fileName, problem);
			}
		}
	}

	/**
	 * What is wrong with an entry that expands to {@code entryBytes}, the workbook's parts to {@code totalBytes}.
	 */
	private String problem(ZipArchiveEntry entry, long entryBytes, long totalBytes) {
		long compressed = Math.max(entry.getCompressedSize(), 1);
		if (entryBytes > RATIO_GRACE_BYTES && entryBytes / (double) compressed > this.limits.maxInflateRatio()) {
			return String.format(Locale.ROOT,
					"its part %s expands more than %,d times its compressed size of %s, as decompression bombs do and "
							+ "workbooks do not; refused",
					entry.getName(), this.limits.maxInflateRatio(), TabularReader.formatBytes(compressed));
		}
		if (totalBytes > this.limits.maxUnzippedBytes()) {
			return "its parts expand to more than " + TabularReader.formatBytes(this.limits.maxUnzippedBytes())
					+ ", the limit for one workbook; split it into smaller files";
		}
		return null;
	}

	// The end record sits within the last 64 KiB of the archive; it says where the directory starts, and how many
	// entries it holds and how large it is. The count and the size can lie, and commons-compress reads the directory
	// from where it starts until its records end, an object per entry: the records are counted here first.
	private static void checkDirectory(Path file, String fileName) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			int tail = (int) Math.min(size, 22 + 65_535);
			ByteBuffer end = read(channel, size - tail, tail);
			int at = -1;
			for (int i = tail - 22; i >= 0; i--) {
				if (end.getInt(i) == END_RECORD) {
					at = i;
					break;
				}
			}
			if (at < 0) {
				throw InputRejectedException.of(fileName, "is a damaged or truncated ZIP archive (its directory is "
						+ "missing); save it again. " + ContentSniffer.ACCEPTED);
			}
			long endAt = size - tail + at;
			long entries = end.getShort(at + 10) & 0xFFFF;
			long directoryBytes = end.getInt(at + 12) & 0xFFFFFFFFL;
			long directoryAt;
			// where commons-compress starts: the ZIP64 end record whenever its locator precedes the end record,
			// whatever the end record says; else the end record's offset, moved by any bytes before the archive
			if (endAt > 20 && read(channel, endAt - 20, 4).getInt(0) == ZIP64_LOCATOR) {
				long zip64End = read(channel, endAt - 20 + 8, 8).getLong(0);
				if (zip64End < 0 || zip64End > size - 56 || read(channel, zip64End, 4).getInt(0) != ZIP64_END_RECORD) {
					throw damaged(fileName, "its ZIP64 end record is missing");
				}
				ByteBuffer record = read(channel, zip64End, 56);
				entries = record.getLong(32);
				directoryBytes = record.getLong(40);
				directoryAt = record.getLong(48);
			}
			else {
				long offset = end.getInt(at + 16) & 0xFFFFFFFFL;
				directoryAt = offset + Math.max(endAt - directoryBytes - offset, 0);
			}
			if (entries > MAX_ENTRIES || entries < 0) {
				throw tooManyEntries(fileName, String.format(Locale.ROOT, "%,d", entries));
			}
			if (directoryBytes > MAX_DIRECTORY_BYTES || directoryBytes < 0) {
				throw directoryTooLarge(fileName, TabularReader.formatBytes(directoryBytes));
			}
			countEntries(channel, fileName, directoryAt, size);
		}
	}

	/**
	 * Walks the central directory from {@code at}, record by record as commons-compress will read it, refusing it at
	 * the first entry or byte beyond the limits: at most {@code MAX_ENTRIES + 1} records, or 4 MiB, are read, through
	 * one 64 KiB buffer.
	 */
	private static void countEntries(FileChannel channel, String fileName, long at, long size) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(DIRECTORY_BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
		long buffered = 0;
		buffer.limit(0);
		long position = at;
		int entries = 0;
		while (true) {
			if (position < 0 || position > size - 4) {
				throw damaged(fileName, "its directory runs past the end of the file");
			}
			if (position < buffered || position + DIRECTORY_RECORD_BYTES > buffered + buffer.limit()) {
				buffered = position;
				buffer.clear().limit((int) Math.min(buffer.capacity(), size - position));
				readFully(channel, buffer, position);
			}
			int offset = (int) (position - buffered);
			if (buffer.getInt(offset) != DIRECTORY_RECORD) {
				return;
			}
			if (offset + DIRECTORY_RECORD_BYTES > buffer.limit()) {
				throw damaged(fileName, "its directory runs past the end of the file");
			}
			long record = DIRECTORY_RECORD_BYTES + (buffer.getShort(offset + 28) & 0xFFFF)
					+ (buffer.getShort(offset + 30) & 0xFFFF) + (buffer.getShort(offset + 32) & 0xFFFF);
			if (position + record > size) {
				throw damaged(fileName, "its directory runs past the end of the file");
			}
			if (++entries > MAX_ENTRIES) {
				throw tooManyEntries(fileName, String.format(Locale.ROOT, "more than %,d", MAX_ENTRIES));
			}
			position += record;
			if (position - at > MAX_DIRECTORY_BYTES) {
				throw directoryTooLarge(fileName, "more than " + TabularReader.formatBytes(MAX_DIRECTORY_BYTES));
			}
		}
	}

	private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
		readFully(channel, buffer, position);
		return buffer;
	}

	private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
		int start = buffer.position();
		while (buffer.hasRemaining()) {
			if (channel.read(buffer, position + buffer.position() - start) < 0) {
				throw new EOFException("the file ends within its ZIP directory");
			}
		}
	}

	private static InputRejectedException tooManyEntries(String fileName, String entries) {
		return InputRejectedException.of(fileName, "is a ZIP archive of " + entries + " files; a workbook holds a few "
				+ "dozen, and more than " + String.format(Locale.ROOT, "%,d", MAX_ENTRIES) + " is refused");
	}

	private static InputRejectedException directoryTooLarge(String fileName, String bytes) {
		return InputRejectedException.of(fileName, "is a ZIP archive whose directory takes " + bytes
				+ ", far more than any workbook's; refused");
	}

	private static InputRejectedException damaged(String fileName, String what) {
		return InputRejectedException.of(fileName, "is a damaged ZIP archive (" + what + "); save it again. "
				+ ContentSniffer.ACCEPTED);
	}

	/**
	 * An entry's inflated bytes, counted against its ratio and the workbook's total as they are read.
	 */
	private final class Counted extends FilterInputStream {

		private final ZipArchiveEntry entry;

		private long count;

		Counted(InputStream in, ZipArchiveEntry entry) {
			super(in);
			this.entry = entry;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				add(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = super.read(buffer, offset, length);
			if (read > 0) {
				add(read);
			}
			return read;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped = super.skip(n);
			add(skipped);
			return skipped;
		}

		private void add(long bytes) throws IOException {
			this.count += bytes;
			ZipGuard.this.inflated += bytes;
			String problem = problem(this.entry, this.count, ZipGuard.this.inflated);
			if (problem != null) {
				// POI passes on only I/O errors from a part's stream; the reason is found again in the cause chain.
				throw new RejectedWhileReading(problem);
			}
		}

	}

	/**
	 * Carries the reason a workbook is refused through code that only passes on I/O errors.
	 */
	static final class RejectedWhileReading extends IOException {

		private static final long serialVersionUID = 1L;

		RejectedWhileReading(String reason) {
			super(reason);
		}

	}

}
