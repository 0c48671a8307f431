package dev.roster.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import dev.roster.intake.ContentSniffer.Encoding;

/**
 * The records of a CSV or TSV text file: the encoding comes from {@link ContentSniffer}, the delimiter from Excel's
 * {@code sep=} line, else the most frequent of comma, semicolon and tab in the header.
 */
final class CsvRows implements RowSource {

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

	private final Encoding encoding;

	private final char delimiter;

	private final GuardedReader source;

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	private CsvRows(String fileName, Encoding encoding, char delimiter, GuardedReader source) throws IOException {
		this.fileName = fileName;
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
	}

	/**
	 * Opens a text file whose first bytes are {@code head}.
	 */
	static CsvRows open(Path file, String fileName, byte[] head) throws IOException {
		Encoding encoding = ContentSniffer.sniff(fileName, file, head);
		String preview = new String(head, encoding.bomBytes(), head.length - encoding.bomBytes(), encoding.charset());
		Matcher sepLine = SEP_LINE.matcher(preview);
		boolean hasSepLine = sepLine.lookingAt();
		char delimiter = hasSepLine ? sepLine.group(1).charAt(0) : detectDelimiter(preview);
		InputStream in = Files.newInputStream(file);
		try {
			in.skipNBytes(encoding.bomBytes());
			GuardedReader source = new GuardedReader(in, encoding.newDecoder(), MAX_RECORD_CHARS + READ_AHEAD_SLACK);
			if (hasSepLine) {
				source.skip(sepLine.end());
				source.recordBoundary();
			}
			return new CsvRows(fileName, encoding, delimiter, source);
		}
		catch (IOException | RuntimeException ex) {
			in.close();
			throw ex;
		}
	}

	@Override
	public String description() {
		if (this.delimiter == '\t') {
			return "TSV (" + this.encoding.label() + ")";
		}
		return "CSV (" + this.encoding.label() + ", '" + this.delimiter + "')";
	}

	@Override
	public String nothingRead() {
		return "the file holds only blank lines";
	}

	@Override
	public Record next() {
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
			return new Record(record.getRecordNumber(), record.toList(), this.source.sawNul());
		}
		catch (UncheckedIOException ex) {
			throw rejectedAtRecord(ex.getCause(), this.parser.getRecordNumber() + 1);
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

}
