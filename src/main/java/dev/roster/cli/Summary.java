package dev.roster.cli;

import java.nio.file.Path;
import java.util.Map;

import dev.roster.job.JobOutcome;

/** The one line (or JSON object) a job command ends with on stdout. */
final class Summary {

	private Summary() {
	}

	/**
	 * {@code import-users acme: COMPLETED read=1000 created=990 ... report=roster-data/reports/...}; a job of every
	 * account names none: {@code deliver-emails: COMPLETED sent=12 ...}. The counts are this run's: a run that found
	 * its input already processed prints 0 for each and {@code previous_execution_id=} instead of
	 * {@code execution_id=}.
	 */
	static String line(JobOutcome outcome) {
		StringBuilder line = new StringBuilder(outcome.command());
		if (outcome.account() != null) {
			line.append(' ').append(outcome.account());
		}
		line.append(": ").append(outcome.status().label());
		outcome.counts().forEach((name, count) -> line.append(' ').append(name).append('=').append(count));
		if (!outcome.ignoredColumns().isEmpty()) {
			line.append(" ignored_columns=\"").append(String.join(", ", outcome.ignoredColumns())).append('"');
		}
		if (outcome.report() != null) {
			line.append(" report=").append(display(outcome.report()));
		}
		if (outcome.executionId() != null) {
			line.append(" execution_id=").append(outcome.executionId());
		}
		if (outcome.previousExecutionId() != null) {
			line.append(" previous_execution_id=").append(outcome.previousExecutionId());
		}
		return line.toString();
	}

	/**
	 * The same fields as {@link #line}, counts as top-level numbers; {@code execution_id} and
	 * {@code previous_execution_id} are always there, {@code null} when they name nothing.
	 */
	static String json(JobOutcome outcome) {
		StringBuilder json = new StringBuilder("{");
		field(json, "job", outcome.command());
		field(json, "account", outcome.account());
		field(json, "status", outcome.status().label());
		for (Map.Entry<String, Long> count : outcome.counts().entrySet()) {
			json.append(quote(count.getKey())).append(':').append(count.getValue()).append(',');
		}
		if (!outcome.ignoredColumns().isEmpty()) {
			json.append("\"ignored_columns\":[");
			json.append(String.join(",", outcome.ignoredColumns().stream().map(Summary::quote).toList()));
			json.append("],");
		}
		field(json, "report", (outcome.report() != null) ? display(outcome.report()) : null);
		json.append("\"execution_id\":").append(outcome.executionId()).append(',');
		json.append("\"previous_execution_id\":").append(outcome.previousExecutionId()).append(',');
		json.append("\"exit_code\":").append(outcome.exitCode()).append(',');
		field(json, "message", outcome.message());
		json.setLength(json.length() - 1);
		return json.append('}').toString();
	}

	private static void field(StringBuilder json, String name, String value) {
		json.append(quote(name)).append(':').append((value != null) ? quote(value) : "null").append(',');
	}

	private static String quote(String value) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	/** A path under the working directory is shown relative to it, as the user would type it. */
	private static String display(String path) {
		Path absolute = Path.of(path).toAbsolutePath().normalize();
		Path here = Path.of("").toAbsolutePath();
		return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
	}

}
