package dev.roster.files;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A CSV file written for people to open in a spreadsheet, as every report is: UTF-8 with a byte-order mark (so Excel
 * shows accents), every header and cell a spreadsheet would run as a formula neutralised ({@link SpreadsheetText}),
 * readable by its owner only and appearing under its name only complete ({@link OwnerOnly#write}).
 */
public final class SpreadsheetCsv implements Closeable {

	private final Path target;

	private final OwnerOnly.Pending file;

	private final CSVPrinter printer;

	private SpreadsheetCsv(Path target, OwnerOnly.Pending file, List<String> header) throws IOException {
		this.target = target;
		this.file = file;
		Writer out = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8), 1 << 16);
		this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
		out.write('\uFEFF');
		record(header);
	}

	/** Starts the file with its header line. */
	public static SpreadsheetCsv create(Path target, List<String> header) {
		OwnerOnly.Pending file = OwnerOnly.write(target);
		try {
			return new SpreadsheetCsv(target, file, header);
		}
		catch (IOException ex) {
			file.close();
			throw failure(target, ex);
		}
		catch (RuntimeException ex) {
			file.close();
			throw ex;
		}
	}

	/** One line; {@code null} is an empty cell, any other value is written as its text. */
	public void record(List<?> values) {
		try {
			for (Object value : values) {
				this.printer.print((value != null) ? SpreadsheetText.neutralise(value.toString()) : null);
			}
			this.printer.println();
		}
		catch (IOException ex) {
			throw failure(this.target, ex);
		}
	}

	/** Completes the file and moves it into place. */
	public Path commit() {
		try {
			this.printer.close(true);
		}
		catch (IOException ex) {
			throw failure(this.target, ex);
		}
		return this.file.commit();
	}

	/** Discards the file unless it was committed. */
	@Override
	public void close() {
		try {
			this.printer.close();
		}
		catch (IOException ex) {
			// the file is discarded anyway
		}
		finally {
			this.file.close();
		}
	}

	private static UncheckedIOException failure(Path target, IOException ex) {
		return new UncheckedIOException("Cannot write the report " + target + ": " + ex.getMessage(), ex);
	}

}
