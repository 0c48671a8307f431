package dev.roster.intake;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.roster.files.SpreadsheetCsv;

/**
 * A report in the layout of {@link RowReports}, also for jobs whose report has lines that are not rows of the input
 * (the users a sync would terminate, the delegations a replace would remove): the input's columns, then {@code Row},
 * on a plan {@code Action}, then {@code Error}. Written as a {@link SpreadsheetCsv}: no header or cell runs as a
 * formula, only its owner reads it, and a failed job never leaves half a report.
 */
public final class ReportCsv implements Closeable {

	private final SpreadsheetCsv csv;

	private final int width;

	private final boolean withAction;

	private ReportCsv(SpreadsheetCsv csv, int width, boolean withAction) {
		this.csv = csv;
		this.width = width;
		this.withAction = withAction;
	}

	/**
	 * Starts a report.
	 * @param header the input's header; each line has cells under it
	 * @param withAction {@code true} for a plan: an {@code Action} column before {@code Error}
	 */
	public static ReportCsv create(Path target, List<String> header, boolean withAction) {
		List<String> columns = new ArrayList<>(header);
		columns.add("Row");
		if (withAction) {
			columns.add("Action");
		}
		columns.add("Error");
		return new ReportCsv(SpreadsheetCsv.create(target, columns), header.size(), withAction);
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
		this.csv.record(line);
	}

	/** Completes the report and moves it into place. */
	public Path finish() {
		return this.csv.commit();
	}

	/** Discards the report unless it was finished. */
	@Override
	public void close() {
		this.csv.close();
	}

}
