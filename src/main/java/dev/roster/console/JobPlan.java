package dev.roster.console;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.roster.intake.Cells;
import dev.roster.intake.PlanAction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A job's row report as a page shows it: the rows a plan would change with their action, the rows rejected with
 * their error, the first {@code shown} of each and how many more; read as it streams, so a report of a million rows
 * costs a page no memory. A report with the input's columns, then {@code Row}, on a plan {@code Action}, then
 * {@code Error} is a row report ({@code files/ReportCsv}); any other report is only downloaded.
 *
 * @param columns the input's columns
 * @param changes the first rows whose action is a change ({@code create}, {@code terminate}...)
 * @param moreChanges how many more there are
 * @param rejected the first rejected rows
 * @param moreRejected how many more there are
 * @param terminations the first lines a plan would terminate
 * @param moreTerminations how many more there are
 */
record JobPlan(List<String> columns, List<Line> changes, long moreChanges, List<Line> rejected, long moreRejected,
		List<Line> terminations, long moreTerminations) {

	private static final String ROW = "Row";

	private static final String ACTION = "Action";

	private static final String ERROR = "Error";

	/** The row report at {@code report}, or {@code null} when it is not one. */
	static JobPlan read(Path report, int shown, JobMessages messages) {
		try (Reader in = Files.newBufferedReader(report, StandardCharsets.UTF_8);
				CSVParser parser = CSVFormat.RFC4180.builder().get().parse(in)) {
			var lines = parser.iterator();
			if (!lines.hasNext()) {
				return null;
			}
			List<String> header = lines.next().toList().stream().map(JobPlan::withoutBom).toList();
			int width = header.size();
			boolean plan = width >= 3 && header.get(width - 2).equals(ACTION) && header.get(width - 3).equals(ROW);
			if (!header.get(width - 1).equals(ERROR) || !(plan || (width >= 2 && header.get(width - 2).equals(ROW)))) {
				return null;
			}
			int inputWidth = width - (plan ? 3 : 2);
			Collector changes = new Collector(shown);
			Collector rejected = new Collector(shown);
			Collector terminations = new Collector(shown);
			while (lines.hasNext()) {
				CSVRecord record = lines.next();
				String action = plan ? cell(record, width - 2) : PlanAction.REJECTED.value();
				String row = cell(record, inputWidth);
				boolean rejects = PlanAction.REJECTED.value().equals(action);
				String message = cell(record, width - 1);
				List<String> cells = new ArrayList<>(inputWidth);
				for (int i = 0; i < inputWidth; i++) {
					cells.add(Cells.clean(cell(record, i)));
				}
				Line line = new Line(row.isEmpty() ? null : Long.valueOf(row), action, messages.action(action), cells,
						rejects ? messages.roster(message) : message);
				if (rejects) {
					rejected.add(line);
				}
				else if (!action.isEmpty() && !PlanAction.NONE.value().equals(action)) {
					changes.add(line);
				}
				if (PlanAction.TERMINATE.value().equals(action)) {
					terminations.add(line);
				}
			}
			return new JobPlan(header.subList(0, inputWidth).stream().map(Cells::clean).toList(), changes.lines,
					changes.more(), rejected.lines, rejected.more(), terminations.lines, terminations.more());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the report " + report + ": " + ex.getMessage(), ex);
		}
	}

	private static String cell(CSVRecord record, int index) {
		return (index < record.size()) ? record.get(index) : "";
	}

	private static String withoutBom(String value) {
		return (!value.isEmpty() && value.charAt(0) == '\uFEFF') ? value.substring(1) : value;
	}

	/**
	 * A line of the report.
	 *
	 * @param row the input's row, or {@code null} for a line about a user the input does not list
	 * @param action the report's word ({@code create}); {@code actionLabel} says it in the person's language
	 * @param message the error of a rejected row, in the person's language where it is known, or the plan's note
	 */
	record Line(Long row, String action, String actionLabel, List<String> cells, String message) {
	}

	/** The first lines of a kind, and how many there are. */
	private static final class Collector {

		private final int shown;

		private final List<Line> lines = new ArrayList<>();

		private long count;

		Collector(int shown) {
			this.shown = shown;
		}

		void add(Line line) {
			this.count++;
			if (this.lines.size() < this.shown) {
				this.lines.add(line);
			}
		}

		long more() {
			return this.count - this.lines.size();
		}

	}

}
