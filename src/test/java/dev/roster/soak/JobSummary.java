package dev.roster.soak;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary line a job command ends with:
 * {@code import-users acme: COMPLETED read=16 created=13 ... report=roster-data/reports/... execution_id=1}, or
 * {@code ... ALREADY_COMPLETED read=0 ... previous_execution_id=1} for a run that found its input done.
 */
record JobSummary(String status, Map<String, Long> counts, String report, Long executionId, Long previousExecutionId) {

	private static final Pattern LINE = Pattern.compile("^[a-z-]+(?: [a-z0-9-]+)?: ([A-Z_]+)(.*)$");

	private static final Pattern COUNT = Pattern.compile(" ([a-z_]+)=(\\d+)(?=\\s|$)");

	private static final Pattern REPORT = Pattern.compile(" report=(\\S+)");

	private static final Pattern EXECUTION = Pattern.compile(" execution_id=(\\d+)");

	private static final Pattern PREVIOUS_EXECUTION = Pattern.compile(" previous_execution_id=(\\d+)");

	static JobSummary parse(String line) {
		Matcher matcher = LINE.matcher(line);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not a summary line: " + line);
		}
		String rest = matcher.group(2);
		Map<String, Long> counts = new LinkedHashMap<>();
		Matcher count = COUNT.matcher(rest);
		while (count.find()) {
			if (!count.group(1).endsWith("execution_id")) {
				counts.put(count.group(1), Long.parseLong(count.group(2)));
			}
		}
		Matcher report = REPORT.matcher(rest);
		Matcher execution = EXECUTION.matcher(rest);
		Matcher previous = PREVIOUS_EXECUTION.matcher(rest);
		return new JobSummary(matcher.group(1), counts, report.find() ? report.group(1) : null,
				execution.find() ? Long.valueOf(execution.group(1)) : null,
				previous.find() ? Long.valueOf(previous.group(1)) : null);
	}

	long count(String name) {
		return this.counts.getOrDefault(name, 0L);
	}

	/** Whether every count is zero, as an {@code ALREADY_COMPLETED} summary says: that run did nothing. */
	boolean allZero() {
		return this.counts.values().stream().allMatch((value) -> value == 0);
	}

	/**
	 * Whether the counts are {@code expected}: each named count as given, any other count zero or absent.
	 */
	boolean countsAre(Map<String, Long> expected) {
		for (Map.Entry<String, Long> entry : expected.entrySet()) {
			if (count(entry.getKey()) != entry.getValue()) {
				return false;
			}
		}
		return this.counts.entrySet()
			.stream()
			.allMatch((entry) -> expected.containsKey(entry.getKey()) || entry.getValue() == 0);
	}

}
