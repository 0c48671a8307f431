package dev.roster.database;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Values from a sequence that increments by a block size: each value it returns reserves the block that starts there,
 * so {@code count} values cost one query of {@code count / blockSize} rows instead of {@code count} calls.
 */
public final class SequenceBlocks {

	private SequenceBlocks() {
	}

	/**
	 * Takes {@code count} distinct values.
	 * @param sequence an SQL expression naming the sequence, e.g. {@code 'access_code_counter'}
	 * @param blockSize the sequence's increment
	 */
	public static List<Long> take(JdbcTemplate jdbc, String sequence, int blockSize, int count) {
		List<Long> values = new ArrayList<>(count);
		if (count == 0) {
			return values;
		}
		int blocks = (count + blockSize - 1) / blockSize;
		for (Long start : jdbc.queryForList("select nextval(" + sequence + ") from generate_series(1, ?)", Long.class,
				blocks)) {
			for (long value = start; value < start + blockSize && values.size() < count; value++) {
				values.add(value);
			}
		}
		return values;
	}

}
