package dev.roster.intake;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import dev.roster.intake.ContentSniffer.Encoding;

/**
 * Reads the rows of one input file, whatever wrote it: it recognises the format from the content, the encoding (UTF-8
 * with or without BOM, UTF-16 with BOM, else Windows-1252) and the delimiter (Excel's {@code sep=} line, else the most
 * frequent of comma, semicolon and tab in the header), and refuses the whole file with an
 * {@link InputRejectedException} when it cannot be read or breaks the {@link IntakeLimits}.
 * <p>
 * The first non-blank record is the header. {@link #next()} returns the data records after it, skipping blank ones,
 * each with its spreadsheet row number (see {@link InputRow}) and its cells cleaned with {@link Cells#clean(String)}.
 * A row shorter than the header is padded with {@code ""}; blank cells beyond the header are dropped, but a row with a
 * non-blank value beyond the header keeps all its cells, so it has more cells than {@link #header()} and the caller
 * must reject it. A cell longer than {@link IntakeLimits#maxCellChars()} is cut to one character more than that, so
 * the caller can see it is too long and reject its row.
 * <p>
 * I/O failures (a missing file, a failing disk) are thrown as {@link UncheckedIOException}: they are not the file's
 * fault. Not thread-safe; to read a file again, open it again.
 */
public final class TabularReader implements Closeable {

	/**
	 * The longest record accepted, in characters; longer ones are nearly always a quote that never closes.
	 */
	static final int MAX_RECORD_CHARS = 1_048_576;

	// The parser reads ahead by its buffer (8 KiB), so the characters counted since a record boundary may exceed the
	// record by that much; this generous allowance keeps a record of exactly the limit from being refused by the count,
	// and its exact length is checked once it is parsed.
	private static final int READ_AHEAD_SLACK = 64 * 1024;

	// Excel writes and honours a first line "sep=;" naming the delimiter, and does not show it as a row.
	private static final Pattern SEP_LINE = Pattern.compile("(?i)sep=([^\"\\r\\n])\\1*[ ]*(\\r\\n|\\n|\\r|$)");

	private static final String NEVER_CLOSED = "a quote (\") that is never closed usually causes this";

	private final String fileName;

	private final IntakeLimits limits;

	private final Encoding encoding;

	private final char delimiter;

	private final GuardedReader source;

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	private final List<String> header;

	private long dataRows;

	private TabularReader(String fileName, IntakeLimits limits, Encoding encoding, char delimiter,
			GuardedReader source) throws IOException {
		this.fileName = fileName;
		this.limits = limits;
		this.encoding = encoding;
		this.delimiter = delimiter;
		this.source = source;
		CSVFormat format = CSVFormat.Builder.create()
			.setDelimiter(delimiter)
			.setQuote('"')
			.setRecordSeparator("\r\n")
			// Blank lines must come back as records so that record numbers stay spreadsheet row numbers.
			.setIgnoreEmptyLines(false)
			// Hand-written files put a space after the delimiter and before a quoted value: keep it quoted.
			.setIgnoreSurroundingSpaces(true)
			// Excel reads "ab"c as abc rather than refusing the file; so do we.
			.setTrailingData(true)
			.get();
		this.parser = CSVParser.builder().setReader(source).setFormat(format).get();
		this.records = this.parser.iterator();
		this.header = readHeader();
	}

	/**
	 * Opens {@code file} and reads its header.
	 * @throws InputRejectedException when the file is empty, too large, not CSV/TSV text, or has no header row
	 * @throws UncheckedIOException when the file cannot be read
	 */
	public static TabularReader open(Path file, IntakeLimits limits) {
		String fileName = String.valueOf(file.getFileName());
		try {
			long size = Files.size(file);
			if (size == 0) {
				throw InputRejectedException.of(fileName, "the file is empty");
			}
			if (size > limits.maxFileBytes()) {
				throw InputRejectedException.of(fileName, "the file is " + formatBytes(size)
						+ ", more than the limit of " + formatBytes(limits.maxFileBytes()));
			}
			byte[] head;
			try (InputStream in = Files.newInputStream(file)) {
				head = in.readNBytes(ContentSniffer.HEAD_BYTES);
			}
			Encoding encoding = ContentSniffer.sniff(fileName, file, head);
			String preview = new String(head, encoding.bomBytes(), head.length - encoding.bomBytes(),
					encoding.charset());
			Matcher sepLine = SEP_LINE.matcher(preview);
			boolean hasSepLine = sepLine.lookingAt();
			char delimiter = hasSepLine ? sepLine.group(1).charAt(0) : detectDelimiter(preview);
			InputStream in = Files.newInputStream(file);
			try {
				in.skipNBytes(encoding.bomBytes());
				GuardedReader source = new GuardedReader(in, encoding.newDecoder(),
						MAX_RECORD_CHARS + READ_AHEAD_SLACK);
				if (hasSepLine) {
					source.skip(sepLine.end());
					source.recordBoundary();
				}
				return new TabularReader(fileName, limits, encoding, delimiter, source);
			}
			catch (IOException | RuntimeException ex) {
				in.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The file name (without its directory), as rejection messages name it.
	 */
	public String fileName() {
		return this.fileName;
	}

	/**
	 * The cleaned header cells, without the blank cells that trail the last named column.
	 */
	public List<String> header() {
		return this.header;
	}

	/**
	 * What was recognised, for logs and job summaries: {@code CSV (UTF-8 with BOM, ';')}, {@code TSV (Windows-1252)}.
	 */
	public String description() {
		if (this.delimiter == '\t') {
			return "TSV (" + this.encoding.label() + ")";
		}
		return "CSV (" + this.encoding.label() + ", '" + this.delimiter + "')";
	}

	/**
	 * The next non-blank data row, or {@code null} after the last one.
	 * @throws InputRejectedException when the file breaks a limit or cannot be decoded or parsed at that row; rows
	 * already returned are then part of a rejected file
	 */
	public InputRow next() {
		while (true) {
			CSVRecord record = nextRecord();
			if (record == null) {
				return null;
			}
			List<String> cells = cells(record);
			if (cells.stream().allMatch(String::isEmpty)) {
				continue;
			}
			this.dataRows++;
			if (this.dataRows > this.limits.maxRows()) {
				throw InputRejectedException.of(this.fileName, String.format(Locale.ROOT,
						"more than %,d data rows (row %d), the limit for one file; split it into smaller files",
						this.limits.maxRows(), record.getRecordNumber()));
			}
			return new InputRow(record.getRecordNumber(), fitToHeader(cells));
		}
	}

	@Override
	public void close() {
		try {
			this.parser.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private List<String> readHeader() {
		while (true) {
			CSVRecord record = nextRecord();
			if (record == null) {
				throw InputRejectedException.of(this.fileName, "no header row: the file holds only blank lines");
			}
			List<String> cells = cells(record);
			int width = cells.size();
			while (width > 0 && cells.get(width - 1).isEmpty()) {
				width--;
			}
			if (width > 0) {
				return List.copyOf(cells.subList(0, width));
			}
		}
	}

	private CSVRecord nextRecord() {
		try {
			if (!this.records.hasNext()) {
				return null;
			}
			CSVRecord record = this.records.next();
			this.source.recordBoundary();
			long length = record.size() - 1;
			for (String value : record) {
				length += value.length();
			}
			if (length > MAX_RECORD_CHARS) {
				throw tooLong(record.getRecordNumber());
			}
			return record;
		}
		catch (UncheckedIOException ex) {
			throw rejectedAtRecord(ex.getCause(), this.parser.getRecordNumber() + 1);
		}
	}

	private RuntimeException rejectedAtRecord(IOException cause, long row) {
		if (cause instanceof GuardedReader.RecordTooLongException) {
			return tooLong(row);
		}
		if (cause instanceof CharacterCodingException) {
			String since = (this.encoding.bomBytes() > 0) ? "its byte order mark declares" : "it starts in";
			return InputRejectedException.of(this.fileName, "row " + row + " is not valid "
					+ this.encoding.charset().name() + " text, the encoding " + since
					+ "; save the file again in a single encoding (CSV UTF-8)");
		}
		if (cause instanceof CSVException) {
			// Commons CSV's only end-of-file error: Excel would swallow every following line into this one cell.
			if (String.valueOf(cause.getMessage()).contains("EOF reached before encapsulated token finished")) {
				return InputRejectedException.of(this.fileName,
						"row " + row + " has a quote (\") that is never closed");
			}
			return InputRejectedException.of(this.fileName, "row " + row + " cannot be read: " + cause.getMessage());
		}
		return new UncheckedIOException(cause);
	}

	private InputRejectedException tooLong(long row) {
		return InputRejectedException.of(this.fileName, String.format(Locale.ROOT,
				"row %d is longer than %,d characters; %s", row, MAX_RECORD_CHARS, NEVER_CLOSED));
	}

	private List<String> cells(CSVRecord record) {
		int maxChars = this.limits.maxCellChars();
		List<String> cells = new ArrayList<>(record.size());
		for (String value : record) {
			String cell = Cells.clean(value);
			cells.add((cell.length() > maxChars) ? cell.substring(0, maxChars + 1) : cell);
		}
		return cells;
	}

	private List<String> fitToHeader(List<String> cells) {
		int width = this.header.size();
		int size = cells.size();
		while (size > width && cells.get(size - 1).isEmpty()) {
			size--;
		}
		List<String> fitted = new ArrayList<>(cells.subList(0, size));
		while (fitted.size() < width) {
			fitted.add("");
		}
		return fitted;
	}

	/**
	 * The delimiter the header uses most often outside quotes, comma on a tie or when it uses none (one column).
	 */
	static char detectDelimiter(String text) {
		int commas = 0;
		int semicolons = 0;
		int tabs = 0;
		boolean quoted = false;
		boolean content = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"') {
				quoted = !quoted;
				content = true;
			}
			else if (quoted) {
				continue;
			}
			else if (c == '\n' || c == '\r') {
				if (content) {
					break;
				}
				// A line of delimiters only is a blank row before the header and says nothing about it.
				commas = 0;
				semicolons = 0;
				tabs = 0;
			}
			else if (c == ',') {
				commas++;
			}
			else if (c == ';') {
				semicolons++;
			}
			else if (c == '\t') {
				tabs++;
			}
			else if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
				content = true;
			}
		}
		if (commas >= semicolons && commas >= tabs) {
			return ',';
		}
		return semicolons >= tabs ? ';' : '\t';
	}

	private static String formatBytes(long bytes) {
		long mib = 1024L * 1024;
		if (bytes >= mib) {
			return (bytes % mib == 0) ? bytes / mib + " MiB"
					: String.format(Locale.ROOT, "%.1f MiB", bytes / (double) mib);
		}
		if (bytes >= 1024) {
			return (bytes % 1024 == 0) ? bytes / 1024 + " KiB"
					: String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
		}
		return bytes + (bytes == 1 ? " byte" : " bytes");
	}

}
