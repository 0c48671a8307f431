package dev.roster.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * Decides from a file's bytes, never from its name, whether it is a ZIP (a workbook, or another kind of archive, named
 * from its entries), another known kind of file to refuse, or text Roster can read and in which encoding: HR
 * systems happily name a workbook {@code .csv}, and Excel's "CSV" is not UTF-8.
 */
public final class ContentSniffer {

	static final int HEAD_BYTES = 64 * 1024;

	static final String ACCEPTED = "Roster accepts XLSX workbooks and CSV or TSV text files (UTF-8, UTF-16 or "
			+ "Windows-1252)";

	static final String SAVE_AS = "save it as XLSX (Excel Workbook) or CSV";

	// Binary data is told from text by its first 8 KiB: the NUL bytes of UTF-16 code units, or NUL and other
	// control bytes that text does not hold. A stray NUL in a text file only rejects its row (see TabularReader).
	private static final int NUL_WINDOW = 8 * 1024;

	// Binary formats are full of NUL and control bytes: a tenth of random bytes are, and more of file headers.
	private static final int BINARY_MIN_BYTES = 8;

	private static final int BINARY_DENSITY = 32;

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	// Compound files: Office 97-2003 documents, and also password-protected XLSX, which Excel wraps in one.
	private static final byte[] OLE2 = bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1);

	private static final List<Signature> SIGNATURES = List.of(
			new Signature(bytes(0x50, 0x4B, 0x05, 0x06), "looks like an empty ZIP archive; " + ACCEPTED),
			new Signature(bytes('%', 'P', 'D', 'F'), "looks like a PDF document; " + ACCEPTED),
			new Signature(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A), "looks like a PNG image; " + ACCEPTED),
			new Signature(bytes(0xFF, 0xD8, 0xFF), "looks like a JPEG image; " + ACCEPTED),
			new Signature(bytes('G', 'I', 'F', '8'), "looks like a GIF image; " + ACCEPTED));

	private ContentSniffer() {
	}

	/**
	 * Whether the file is a ZIP archive, as XLSX workbooks (and ODS, DOCX...) are.
	 */
	public static boolean isZip(byte[] head) {
		return startsWith(head, 0x50, 0x4B, 0x03, 0x04);
	}

	/**
	 * Why a ZIP that is not an OOXML workbook is refused (ODS, DOCX, PPTX, XLSB, a plain archive, named by what it
	 * holds), or {@code null} for a workbook. Read from the archive's directory, which {@link ZipGuard} has counted.
	 */
	static String notAWorkbook(ZipGuard zip) throws IOException {
		ZipArchiveEntry mimetype = zip.getEntry("mimetype");
		if (mimetype != null) {
			String type;
			try (InputStream in = zip.getInputStream(mimetype)) {
				type = new String(in.readNBytes(200), StandardCharsets.US_ASCII).strip();
			}
			if (type.startsWith("application/vnd.oasis.opendocument.spreadsheet")) {
				return "looks like an OpenDocument spreadsheet (ODS); save it as XLSX or CSV";
			}
			if (type.startsWith("application/vnd.oasis.opendocument")) {
				return "looks like an OpenDocument file (" + type + "); " + ACCEPTED;
			}
		}
		if (zip.getEntry("[Content_Types].xml") == null) {
			List<String> names = new ArrayList<>();
			for (Enumeration<? extends ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements();) {
				ZipArchiveEntry entry = entries.nextElement();
				if (!entry.isDirectory()) {
					names.add(entry.getName());
				}
			}
			String shown = names.stream().limit(3).collect(Collectors.joining(", "))
					+ (names.size() > 3 ? " and " + (names.size() - 3) + " more" : "");
			return "looks like a ZIP archive" + (names.isEmpty() ? "" : " (of " + shown + ")")
					+ ", not a workbook; unzip it and drop the files inside. " + ACCEPTED;
		}
		if (hasEntryUnder(zip, "word/")) {
			return "looks like a Word document (DOCX); " + ACCEPTED;
		}
		if (hasEntryUnder(zip, "ppt/")) {
			return "looks like a PowerPoint presentation (PPTX); " + ACCEPTED;
		}
		if (zip.getEntry("xl/workbook.bin") != null) {
			return "looks like an Excel binary workbook (XLSB); " + SAVE_AS;
		}
		return null;
	}

	private static boolean hasEntryUnder(ZipGuard zip, String folder) {
		for (Enumeration<? extends ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements();) {
			if (entries.nextElement().getName().startsWith(folder)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The encoding of a file whose first bytes are {@code head}, or a rejection saying what the file looks like.
	 * {@code head} holds the first {@link #HEAD_BYTES} bytes, or the whole file when it is smaller.
	 */
	static Encoding sniff(String fileName, Path file, byte[] head) throws IOException {
		if (startsWith(head, 0xFF, 0xFE, 0x00, 0x00)) {
			throw InputRejectedException.of(fileName, "looks like UTF-32 text; " + ACCEPTED);
		}
		if (startsWith(head, 0xFF, 0xFE)) {
			return new Encoding(StandardCharsets.UTF_16LE, 2, "UTF-16LE", true);
		}
		if (startsWith(head, 0xFE, 0xFF)) {
			return new Encoding(StandardCharsets.UTF_16BE, 2, "UTF-16BE", true);
		}
		if (startsWith(head, OLE2)) {
			throw InputRejectedException.of(fileName, LegacyOffice.describe(file));
		}
		for (Signature signature : SIGNATURES) {
			if (startsWith(head, signature.magic())) {
				throw InputRejectedException.of(fileName, signature.finding());
			}
		}
		rejectBinary(fileName, head);
		if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
			return new Encoding(StandardCharsets.UTF_8, 3, "UTF-8 with BOM", true);
		}
		if (isUtf8(file)) {
			return new Encoding(StandardCharsets.UTF_8, 0, "UTF-8", true);
		}
		// What Excel's plain "CSV" writes in Western European locales; every byte decodes, so there is nothing to
		// report later in the file.
		return new Encoding(WINDOWS_1252, 0, "Windows-1252", false);
	}

	private static void rejectBinary(String fileName, byte[] head) {
		int window = Math.min(head.length, NUL_WINDOW);
		int even = 0;
		int odd = 0;
		int controls = 0;
		int first = -1;
		for (int i = 0; i < window; i++) {
			int b = head[i];
			if (b == 0) {
				if (first < 0) {
					first = i;
				}
				if (i % 2 == 0) {
					even++;
				}
				else {
					odd++;
				}
			}
			// tab, line breaks, form feed, DOS's end-of-file mark and escape do appear in text
			else if (b > 0 && b < 0x20 && (b < 0x09 || b > 0x0D) && b != 0x1A && b != 0x1B) {
				controls++;
			}
		}
		if (first < 0) {
			return;
		}
		// Mostly-ASCII UTF-16 has a NUL in every other byte: name it, as "binary data" would puzzle whoever saved it.
		if ((even + odd) * 4 >= window && Math.max(even, odd) * 10 >= (even + odd) * 9) {
			throw InputRejectedException.of(fileName,
					"looks like UTF-16 text without a byte order mark; save it as CSV UTF-8. " + ACCEPTED);
		}
		int binary = even + odd + controls;
		if (binary >= BINARY_MIN_BYTES && binary * BINARY_DENSITY >= window) {
			throw InputRejectedException.of(fileName,
					"contains binary data (a NUL byte at offset " + first + "), not text; " + ACCEPTED);
		}
	}

	// The first non-ASCII character decides: a Windows-1252 accent is followed by ASCII or another accent, never by
	// the continuation bytes UTF-8 requires. A file that starts as UTF-8 and later is not gets rejected at that row,
	// rather than read as Windows-1252 with its UTF-8 names garbled ("JosÃ©"). Reads on past the head when it is pure
	// ASCII, as an export's first accent may come after thousands of rows.
	private static boolean isUtf8(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] chunk = new byte[HEAD_BYTES];
			int read;
			while ((read = in.readNBytes(chunk, 0, chunk.length)) > 0) {
				for (int i = 0; i < read; i++) {
					if (chunk[i] < 0) {
						byte[] sequence = new byte[4];
						int length = Math.min(4, read - i);
						System.arraycopy(chunk, i, sequence, 0, length);
						length += in.readNBytes(sequence, length, 4 - length);
						return startsWithUtf8Character(sequence, length);
					}
				}
			}
			return true;
		}
	}

	private static boolean startsWithUtf8Character(byte[] sequence, int length) {
		CharBuffer decoded = CharBuffer.allocate(4);
		StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(ByteBuffer.wrap(sequence, 0, length), decoded, true);
		return decoded.position() > 0;
	}

	private static boolean startsWith(byte[] head, int... magic) {
		return startsWith(head, bytes(magic));
	}

	private static boolean startsWith(byte[] head, byte[] magic) {
		if (head.length < magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if (head[i] != magic[i]) {
				return false;
			}
		}
		return true;
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	/**
	 * A file's text encoding. A strict encoding reports undecodable bytes, which then reject the file at their row.
	 */
	record Encoding(Charset charset, int bomBytes, String label, boolean strict) {

		CharsetDecoder newDecoder() {
			CodingErrorAction onError = this.strict ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
			return this.charset.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError);
		}

	}

	private record Signature(byte[] magic, String finding) {
	}

}
