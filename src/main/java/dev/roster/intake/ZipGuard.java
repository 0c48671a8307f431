package dev.roster.intake;

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
 * time: the central directory is sized up from its end record before anything is allocated for it, the sizes it
 * declares are checked, and every entry read is counted as it inflates, since a declared size can lie. POI reads the
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
			throw InputRejectedException.of(fileName,
					"is a damaged ZIP archive (" + ex.getMessage() + "); save it again. " + ContentSniffer.ACCEPTED);
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

	// The end record sits within the last 64 KiB of the archive; it says how many entries the directory holds and how
	// large it is, which must be known before a library allocates an object per entry.
	private static void checkDirectory(Path file, String fileName) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			int tail = (int) Math.min(size, 22 + 65_535);
			ByteBuffer end = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
			channel.read(end, size - tail);
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
			long entries = end.getShort(at + 10) & 0xFFFF;
			long directoryBytes = end.getInt(at + 12) & 0xFFFFFFFFL;
			if ((entries == 0xFFFF || directoryBytes == 0xFFFFFFFFL) && at >= 20 && end.getInt(at - 20) == ZIP64_LOCATOR) {
				long zip64End = end.getLong(at - 20 + 8);
				ByteBuffer record = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
				if (zip64End >= 0 && zip64End + 56 <= size) {
					channel.read(record, zip64End);
					if (record.getInt(0) == ZIP64_END_RECORD) {
						entries = record.getLong(32);
						directoryBytes = record.getLong(40);
					}
				}
			}
			if (entries > MAX_ENTRIES || entries < 0) {
				throw InputRejectedException.of(fileName, String.format(Locale.ROOT,
						"is a ZIP archive of %,d files; a workbook holds a few dozen, and more than %,d is refused",
						entries, MAX_ENTRIES));
			}
			if (directoryBytes > MAX_DIRECTORY_BYTES || directoryBytes < 0) {
				throw InputRejectedException.of(fileName, "is a ZIP archive whose directory takes "
						+ TabularReader.formatBytes(directoryBytes) + ", far more than any workbook's; refused");
			}
		}
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
