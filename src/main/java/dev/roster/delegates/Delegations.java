package dev.roster.delegates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import dev.roster.database.CopyRows;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The delegations of an account and the rows a delegates file named ({@code delegate_row}), in bulk: one statement
 * per chunk.
 */
@Repository
class Delegations {

	// The delegations --replace removes: those of a host the file lists (in a row that was not rejected) whose
	// delegate no row of the file names for that host — not even a rejected row, so a typo never removes a delegation
	// the file meant to keep.
	private static final String UNLISTED = """
			from user_delegate d
			join app_user h on h.id = d.user_id
			join app_user g on g.id = d.delegate_id
			where d.account_id = ?
				and d.user_id in (
					select r.host_id from delegate_row r
					where r.job_instance_id = ? and r.action <> '%s' and r.host_id is not null)
				and not exists (
					select 1 from delegate_row r
					where r.job_instance_id = ? and r.host_key = h.email_key and r.delegate_key = g.email_key)"""
		.formatted(DelegateAction.REJECTED.value());

	private final JdbcTemplate jdbc;

	Delegations(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** For pairs an earlier chunk of this instance applied (or found unchanged), the row where it first did. */
	Map<List<String>, Long> firstRows(long jobInstanceId, List<List<String>> pairs) {
		Map<List<String>, Long> first = new HashMap<>();
		if (pairs.isEmpty()) {
			return first;
		}
		String[] hosts = pairs.stream().map((pair) -> pair.get(0)).toArray(String[]::new);
		String[] delegates = pairs.stream().map((pair) -> pair.get(1)).toArray(String[]::new);
		this.jdbc.query("""
				select r.host_key, r.delegate_key, min(r.row_number)
				from (select distinct h, d from unnest(?::text[], ?::text[]) as t(h, d)) p
				join delegate_row r on r.job_instance_id = ? and r.host_key = p.h
					and r.delegate_key is not distinct from p.d
				where r.action <> ?
				group by r.host_key, r.delegate_key""", (ps) -> {
			ps.setArray(1, ps.getConnection().createArrayOf("text", hosts));
			ps.setArray(2, ps.getConnection().createArrayOf("text", delegates));
			ps.setLong(3, jobInstanceId);
			ps.setString(4, DelegateAction.REJECTED.value());
		}, (rs) -> {
			first.put(java.util.Arrays.asList(rs.getString(1), rs.getString(2)), rs.getLong(3));
		});
		return first;
	}

	/** Which of these (host, delegate) id pairs are delegations already. */
	Set<List<Long>> existing(List<long[]> pairs) {
		Set<List<Long>> existing = new HashSet<>();
		if (pairs.isEmpty()) {
			return existing;
		}
		this.jdbc.query("""
				select d.user_id, d.delegate_id from unnest(?::bigint[], ?::bigint[]) as t(h, d)
				join user_delegate d on d.user_id = t.h and d.delegate_id = t.d""", (ps) -> {
			ps.setArray(1, ps.getConnection().createArrayOf("bigint", pairs.stream().map((p) -> p[0]).toArray()));
			ps.setArray(2, ps.getConnection().createArrayOf("bigint", pairs.stream().map((p) -> p[1]).toArray()));
		}, (rs) -> {
			existing.add(List.of(rs.getLong(1), rs.getLong(2)));
		});
		return existing;
	}

	/**
	 * Adds delegations between users of the account that are both still active; returns how many were added. The
	 * users are share-locked, so a termination running at the same time either waits for this to commit and then
	 * removes the new delegation with the others, or commits first and is seen here.
	 */
	int add(long accountId, List<long[]> pairs) {
		if (pairs.isEmpty()) {
			return 0;
		}
		return this.jdbc.update("""
				with pair as (select * from unnest(?::bigint[], ?::bigint[]) as t(host_id, delegate_id)),
				active as (
					select p.host_id, p.delegate_id from pair p
					join app_user h on h.id = p.host_id and h.account_id = ? and h.status = 'ACTIVE'
					join app_user g on g.id = p.delegate_id and g.account_id = ? and g.status = 'ACTIVE'
					for share of h, g
				)
				insert into user_delegate (account_id, user_id, delegate_id)
				select ?, host_id, delegate_id from active
				on conflict do nothing""", (ps) -> {
			ps.setArray(1, ps.getConnection().createArrayOf("bigint", pairs.stream().map((p) -> p[0]).toArray()));
			ps.setArray(2, ps.getConnection().createArrayOf("bigint", pairs.stream().map((p) -> p[1]).toArray()));
			ps.setLong(3, accountId);
			ps.setLong(4, accountId);
			ps.setLong(5, accountId);
		});
	}

	/** Records what became of each row, in the chunk's transaction. */
	void record(long jobInstanceId, List<Outcome> outcomes) {
		try (CopyRows rows = CopyRows.into(this.jdbc.getDataSource(), "delegate_row",
				"job_instance_id, row_number, host_key, delegate_key, host_id, delegate_id, action, message, cells")) {
			for (Outcome outcome : outcomes) {
				rows.add(jobInstanceId)
					.add(outcome.row().row().number())
					.add(outcome.row().hostKey())
					.add(outcome.row().delegateKey())
					.add(outcome.hostId())
					.add(outcome.delegateId())
					.add(outcome.action().value())
					.add(outcome.message())
					.add(arrayLiteral(outcome.row().row().cells()))
					.endRow();
			}
			rows.finish();
		}
	}

	/** Removes the delegations of listed hosts that the file does not name; returns how many. */
	int removeUnlisted(long accountId, long jobInstanceId) {
		return this.jdbc.update("delete from user_delegate x using (select d.user_id, d.delegate_id " + UNLISTED
				+ ") gone where x.user_id = gone.user_id and x.delegate_id = gone.delegate_id", accountId,
				jobInstanceId, jobInstanceId);
	}

	/** How many delegations {@link #removeUnlisted} would remove. */
	int countUnlisted(long accountId, long jobInstanceId) {
		Integer count = this.jdbc.queryForObject("select count(*) " + UNLISTED, Integer.class, accountId,
				jobInstanceId, jobInstanceId);
		return (count != null) ? count : 0;
	}

	/** One row of this instance as the report shows it: its cells, number, action and message. */
	@FunctionalInterface
	interface ReportedRow {

		void accept(List<String> cells, long rowNumber, String action, String message);

	}

	/** The rows of this instance the report lists, in file order: every row for a plan, the rejected ones otherwise. */
	void reportedRows(long jobInstanceId, boolean plan, ReportedRow row) {
		this.jdbc.query("""
				select row_number, action, message, cells from delegate_row
				where job_instance_id = ? and (? or action = ?) order by row_number""",
				(RowCallbackHandler) (rs) -> row.accept(Arrays.asList((String[]) rs.getArray(4).getArray()),
						rs.getLong(1), rs.getString(2), rs.getString(3)),
				jobInstanceId, plan, DelegateAction.REJECTED.value());
	}

	/** The (host, delegate) emails of the delegations {@link #removeUnlisted} removes, in email order. */
	void unlisted(long accountId, long jobInstanceId, BiConsumer<String, String> pair) {
		this.jdbc.query("select h.email, g.email " + UNLISTED + " order by h.email_key, g.email_key",
				(RowCallbackHandler) (rs) -> pair.accept(rs.getString(1), rs.getString(2)), accountId, jobInstanceId,
				jobInstanceId);
	}

	void forget(long jobInstanceId) {
		this.jdbc.update("delete from delegate_row where job_instance_id = ?", jobInstanceId);
	}

	static String arrayLiteral(List<String> values) {
		List<String> quoted = new ArrayList<>(values.size());
		for (String value : values) {
			quoted.add('"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
		}
		return "{" + String.join(",", quoted) + "}";
	}

	/** What became of one row. */
	record Outcome(DelegateRow row, Long hostId, Long delegateId, DelegateAction action, String message) {
	}

}
