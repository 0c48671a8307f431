package dev.roster.files;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Every report Roster writes, for people to open in a spreadsheet: UTF-8 with a byte-order mark (so Excel shows
 * accents), every header and cell a spreadsheet would run as a formula neutralised ({@link SpreadsheetText}),
 * readable by its owner only and appearing under its name only complete ({@link OwnerOnly#write}), so a failed job
 * never leaves half a report. Where it goes is {@link ReportFiles}'s to say.
 * <p>
 * A row report ({@link #rows}) has the input's columns, then {@code Row}, on a plan {@code Action}, then
 * {@code Error}: a rejects report can be corrected and dropped again as it is. Its lines may also be about something
 * the input does not list (the users a sync would terminate, the delegations a replace would remove). Other reports
 * ({@link #create}) name their own columns.
 */
public final class ReportCsv implements Closeable {

	private final Path target;

	private final OwnerOnly.Pending file;

	private final CSVPrinter printer;

	/** A row report's input width, or {@code -1} for a report with columns of its own. */
	private final int width;

	private final boolean withAction;

	private ReportCsv(Path target, OwnerOnly.Pending file, List<String> header, int width, boolean withAction)
			throws IOException {
		this.target = target;
		this.file = file;
		this.width = width;
		this.withAction = withAction;
		Writer out = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8), 1 << 16);
		this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
		out.write('\uFEFF');
		record(header);
	}

	/** Starts a report with columns of its own; its lines are {@link #record}s. */
	public static ReportCsv create(Path target, List<String> columns) {
		return open(target, columns, -1, false);
	}

	/**
	 * Starts a row report; its lines are {@link #line}s.
	 * @param header the input's header; each line has cells under it
	 * @param withAction {@code true} for a plan: an {@code Action} column before {@code Error}
	 */
	public static ReportCsv rows(Path target, List<String> header, boolean withAction) {
		List<String> columns = new ArrayList<>(header);
		columns.add("Row");
		if (withAction) {
			columns.add("Action");
		}
		columns.add("Error");
		return open(target, columns, header.size(), withAction);
	}

	private static ReportCsv open(Path target, List<String> columns, int width, boolean withAction) {
		OwnerOnly.Pending file = OwnerOnly.write(target);
		try {
			return new ReportCsv(target, file, columns, width, withAction);
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

	/**
	 * One line of a row report: {@code cells} padded or cut to the header's width.
	 * @param row the input row, or {@code null} for a line about something the input does not list
	 * @param action what the plan does with the row; not written on a report without an {@code Action} column
	 */
	public void line(List<String> cells, Long row, String action, String message) {
		if (this.width < 0) {
			throw new IllegalStateException("not a row report: " + this.target);
		}
		List<String> line = new ArrayList<>(this.width + 3);
		for (int i = 0; i < this.width; i++) {
			line.add((i < cells.size()) ? cells.get(i) : null);
		}
		line.add((row != null) ? row.toString() : null);
		if (this.withAction) {
			line.add(action);
		}
		line.add(message);
		record(line);
	}

	/** One line as it is; {@code null} is an empty cell, any other value is written as its text. */
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

	/** Completes the report and moves it into place. */
	public Path finish() {
		try {
			this.printer.close(true);
		}
		catch (IOException ex) {
			throw failure(this.target, ex);
		}
		return this.file.commit();
	}

	/** Discards the report unless it was finished. */
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
