package dev.roster.intake;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A report in the layout of {@link RowReports}, for jobs whose report has lines that are not rows of the input (the
 * users a sync would terminate, the delegations a replace would remove): the input's columns, then {@code Row}, on a
 * plan {@code Action}, then {@code Error}. UTF-8 with a BOM; written beside the target and moved into place when
 * complete, so a failed job never leaves half a report.
 */
public final class ReportCsv implements Closeable {

	private final Path target;

	private final Path temporary;

	private final int width;

	private final boolean withAction;

	private final BufferedWriter out;

	private final CSVPrinter printer;

	private boolean finished;

	private ReportCsv(Path target, List<String> header, boolean withAction) throws IOException {
		this.target = target;
		this.temporary = target.resolveSibling(target.getFileName() + ".tmp");
		this.width = header.size();
		this.withAction = withAction;
		this.out = Files.newBufferedWriter(this.temporary, StandardCharsets.UTF_8);
		this.printer = new CSVPrinter(this.out, CSVFormat.RFC4180);
		this.out.write('\uFEFF');
		List<String> columns = new ArrayList<>(header);
		columns.add("Row");
		if (withAction) {
			columns.add("Action");
		}
		columns.add("Error");
		this.printer.printRecord(columns);
	}

	/**
	 * Starts a report.
	 * @param header the input's header; each line has cells under it
	 * @param withAction {@code true} for a plan: an {@code Action} column before {@code Error}
	 */
	public static ReportCsv create(Path target, List<String> header, boolean withAction) {
		try {
			return new ReportCsv(target, header, withAction);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the report " + target + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * One line: {@code cells} padded or cut to the header's width.
	 * @param row the input row, or {@code null} for a line about something the input does not list
	 */
	public void line(List<String> cells, Long row, String action, String message) {
		List<String> line = new ArrayList<>(this.width + 3);
		for (int i = 0; i < this.width; i++) {
			line.add((i < cells.size()) ? cells.get(i) : null);
		}
		line.add((row != null) ? row.toString() : null);
		if (this.withAction) {
			line.add(action);
		}
		line.add(message);
		try {
			this.printer.printRecord(line);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the report " + this.target + ": " + ex.getMessage(), ex);
		}
	}

	/** Completes the report and moves it into place. */
	public Path finish() {
		try {
			this.printer.close(true);
			Files.move(this.temporary, this.target, StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
			this.finished = true;
			return this.target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the report " + this.target + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		if (this.finished) {
			return;
		}
		try {
			this.printer.close(true);
			Files.deleteIfExists(this.temporary);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
