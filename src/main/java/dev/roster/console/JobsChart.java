package dev.roster.console;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.roster.job.JobHistory.DayRows;

/**
 * The users an account's runs created and terminated per day, as bars of an SVG drawn on the server (no script): two
 * bars a day, created and terminated, on a scale from 0 to the highest day's count. Every day of the period is a
 * {@link Day}, those with nothing too, so the page's table says the same as the bars.
 *
 * @param days every day of the period, oldest first, with its bars' geometry
 * @param ticks the labels under the bars: every fifth day
 * @param max the highest count of a day, the top of the scale
 */
record JobsChart(List<Day> days, List<Tick> ticks, long max, long created, long terminated) {

	static final int WIDTH = 720;

	static final int HEIGHT = 200;

	/** Room for the scale on the left and the dates below. */
	static final int LEFT = 40;

	static final int BOTTOM = 24;

	/** Room for the last date's label on the right. */
	private static final int RIGHT = 20;

	private static final int TOP = 8;

	private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MM-dd");

	/** The chart of the {@code span} days that end {@code today}, from the counts of the days that had any. */
	static JobsChart of(List<DayRows> rows, LocalDate today, int span) {
		Map<LocalDate, DayRows> byDay = new HashMap<>();
		rows.forEach((row) -> byDay.put(row.day(), row));
		long max = Math.max(1, rows.stream().mapToLong((row) -> Math.max(row.created(), row.terminated())).max().orElse(1));
		double slot = (WIDTH - LEFT - RIGHT) / (double) span;
		double bar = slot * 0.4;
		double plot = HEIGHT - BOTTOM - TOP;
		List<Day> days = new ArrayList<>(span);
		List<Tick> ticks = new ArrayList<>();
		for (int i = 0; i < span; i++) {
			LocalDate day = today.minusDays(span - 1 - i);
			DayRows counts = byDay.getOrDefault(day, new DayRows(day, 0, 0));
			double x = LEFT + i * slot + slot * 0.1;
			double createdHeight = plot * counts.created() / max;
			double terminatedHeight = plot * counts.terminated() / max;
			days.add(new Day(day.toString(), counts.created(), counts.terminated(), round(x), round(x + bar),
					round(bar), round(HEIGHT - BOTTOM - createdHeight), round(createdHeight),
					round(HEIGHT - BOTTOM - terminatedHeight), round(terminatedHeight)));
			if ((span - 1 - i) % 5 == 0) {
				ticks.add(new Tick(day.format(LABEL), round(x + bar)));
			}
		}
		return new JobsChart(days, ticks, max, rows.stream().mapToLong(DayRows::created).sum(),
				rows.stream().mapToLong(DayRows::terminated).sum());
	}

	// the template reads these through SpEL, which calls only public methods

	/** Where the line of the scale's top is drawn. */
	public int top() {
		return TOP;
	}

	public int baseline() {
		return HEIGHT - BOTTOM;
	}

	public int width() {
		return WIDTH;
	}

	public int height() {
		return HEIGHT;
	}

	public int left() {
		return LEFT;
	}

	/** Where the bars end. */
	public int right() {
		return WIDTH - RIGHT;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	/** One day: its counts, and its two bars' x, width, top and height. */
	record Day(String date, long created, long terminated, double createdX, double terminatedX, double barWidth,
			double createdY, double createdHeight, double terminatedY, double terminatedHeight) {
	}

	record Tick(String label, double x) {
	}

}
