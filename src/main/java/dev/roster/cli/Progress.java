package dev.roster.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Progress on stderr while a job runs, only when a person is watching a terminal: at most once a second, on one line
 * that rewrites itself. Scripts and schedulers see nothing but the summary.
 */
final class Progress {

	private final PrintWriter err;

	private final String prefix;

	private final boolean enabled;

	private long lastPrint;

	private boolean printed;

	private Progress(PrintWriter err, String prefix, boolean enabled) {
		this.err = err;
		this.prefix = prefix;
		this.enabled = enabled;
	}

	static Progress start(PrintWriter err, String command, String account) {
		return new Progress(err, command + ((account != null) ? " " + account : "") + ": ", System.console() != null);
	}

	void update(Map<String, Long> counts) {
		long now = System.nanoTime();
		if (!this.enabled || now - this.lastPrint < 1_000_000_000L) {
			return;
		}
		this.lastPrint = now;
		this.printed = true;
		this.err.print("\r" + this.prefix + counts.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(" ")) + " ...");
		this.err.flush();
	}

	void finish() {
		if (this.printed) {
			this.err.println();
			this.err.flush();
		}
	}

}
