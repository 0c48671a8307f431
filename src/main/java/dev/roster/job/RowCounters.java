package dev.roster.job;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * A job's row counters (read, created, rejected...), kept in the step's execution context. The step saves that
 * context in each chunk's transaction, so after a restart the counters continue from the last committed chunk and the
 * summary covers the whole file, not only the rows of the last execution.
 */
public class RowCounters implements ItemStream {

	static final String PREFIX = "count.";

	private static final String NAMES = "count.names";

	private final Map<String, Long> counts = new LinkedHashMap<>();

	private final JobProgress progress;

	public RowCounters(JobProgress progress, String... names) {
		this.progress = progress;
		for (String name : names) {
			this.counts.put(name, 0L);
		}
	}

	public void add(String name, long delta) {
		this.counts.merge(name, delta, Long::sum);
	}

	public void increment(String name) {
		add(name, 1);
	}

	public long get(String name) {
		return this.counts.getOrDefault(name, 0L);
	}

	@Override
	public void open(ExecutionContext context) {
		this.counts.replaceAll((name, value) -> context.getLong(PREFIX + name, 0L));
	}

	@Override
	public void update(ExecutionContext context) {
		this.counts.forEach((name, value) -> context.putLong(PREFIX + name, value));
		context.putString(NAMES, String.join(",", this.counts.keySet()));
		this.progress.report(new LinkedHashMap<>(this.counts));
	}

	/** The value of one counter saved in a step's context; 0 when it has none. */
	public static long get(ExecutionContext context, String name) {
		return context.getLong(PREFIX + name, 0L);
	}

	/** Adds the counters saved in a step's context to {@code counts}, in the order the step declared them. */
	static void read(ExecutionContext context, Map<String, Long> counts) {
		String names = context.getString(NAMES, "");
		for (String name : names.split(",")) {
			if (!name.isEmpty()) {
				counts.merge(name, context.getLong(PREFIX + name, 0L), Long::sum);
			}
		}
	}

}
