package dev.roster.user;

import java.util.ArrayList;
import java.util.List;

import dev.roster.database.CopyRows;
import dev.roster.database.SequenceBlocks;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Issues access codes. Each code is the keyed permutation of a fresh value of a database sequence, so codes are
 * unique across the service by construction (no lookup per code), and a sequence never hands out a value twice, so
 * a retired code can never come back. The {@code access_code} primary key stays as the database's own guarantee.
 */
@Component
public class AccessCodes {

	/** The increment of the counter sequence (see V21__id_and_code_blocks.sql). */
	private static final int COUNTER_BLOCK = 100;

	private final JdbcTemplate jdbc;

	private final CodePermutation permutation;

	AccessCodes(JdbcTemplate jdbc, CodesProperties properties) {
		this.jdbc = jdbc;
		byte[] key = jdbc.queryForObject("select value from roster_secret where name = 'access-code-key'", byte[].class);
		this.permutation = new CodePermutation(key, properties.length());
	}

	/** Issues a host and a guest code to each user, recording them as issued, in the caller's transaction. */
	public List<CodePair> issue(List<Long> userIds) {
		List<String> codes = codes(userIds.size() * 2);
		List<CodePair> pairs = new ArrayList<>(userIds.size());
		try (CopyRows rows = CopyRows.into(this.jdbc.getDataSource(), "access_code", "code, kind, user_id")) {
			for (int i = 0; i < userIds.size(); i++) {
				CodePair pair = new CodePair(codes.get(2 * i), codes.get(2 * i + 1));
				pairs.add(pair);
				rows.add(pair.hostCode()).add("HOST").add(userIds.get(i)).endRow();
				rows.add(pair.guestCode()).add("GUEST").add(userIds.get(i)).endRow();
			}
			rows.finish();
		}
		return pairs;
	}

	/** Retires codes: they stop working and, being kept, are never issued again. */
	public void retire(List<String> codes) {
		this.jdbc.batchUpdate("update access_code set retired_at = now() where code = ? and retired_at is null",
				codes.stream().map((code) -> new Object[] { code }).toList());
	}

	private List<String> codes(int count) {
		List<String> codes = new ArrayList<>(count);
		while (codes.size() < count) {
			// a few extra values cover the rare guessable codes that are skipped
			int wanted = count - codes.size() + 4;
			for (Long counter : SequenceBlocks.take(this.jdbc, "'access_code_counter'", COUNTER_BLOCK, wanted)) {
				String code = this.permutation.code(counter);
				if (!CodePermutation.guessable(code) && codes.size() < count) {
					codes.add(code);
				}
			}
		}
		return codes;
	}

}
