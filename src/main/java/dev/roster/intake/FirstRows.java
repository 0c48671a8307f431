package dev.roster.intake;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The emails a chunk names and, for each, the row of the file that named it first: a row of this chunk, or of an
 * earlier chunk as the job's table of seen emails remembers it. A file names a user once; a later row naming the
 * same email is rejected, pointing at the first.
 */
public final class FirstRows {

	private final Map<String, Long> inChunk;

	private Map<String, Long> before = Map.of();

	private FirstRows(Map<String, Long> inChunk) {
		this.inChunk = inChunk;
	}

	/**
	 * The distinct email keys of {@code rows} in file order, each with the first row naming it.
	 * @param key a row's email key, or {@code null} for a row that names none (a rejected one)
	 */
	public static <T> FirstRows of(Iterable<? extends T> rows, Function<T, String> key, ToLongFunction<T> number) {
		Map<String, Long> inChunk = new LinkedHashMap<>();
		for (T row : rows) {
			String emailKey = key.apply(row);
			if (emailKey != null) {
				inChunk.putIfAbsent(emailKey, number.applyAsLong(row));
			}
		}
		return new FirstRows(inChunk);
	}

	/** Marks this chunk's emails seen in the job's file and learns which an earlier chunk had. */
	public FirstRows markSeen(RowReports reports, long jobInstanceId) {
		return seenBefore(reports.markSeen(jobInstanceId, this.inChunk));
	}

	/** What earlier chunks named: email key to the row that named it first. */
	public FirstRows seenBefore(Map<String, Long> before) {
		this.before = before;
		return this;
	}

	public Set<String> keys() {
		return this.inChunk.keySet();
	}

	/** Email key to its first row within this chunk. */
	public Map<String, Long> inChunk() {
		return this.inChunk;
	}

	/** Why row {@code number} naming {@code email} is rejected as a repeat, or {@code null} when it is the first. */
	public String repeated(String email, String key, long number) {
		long first = this.before.getOrDefault(key, this.inChunk.get(key));
		return (first != number) ? "email '" + email + "' already appears in row " + first + " of this file" : null;
	}

}
