package dev.roster.mail;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.roster.database.CopyRows;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Queues emails. Callers queue inside the transaction that changes the user, so an email exists if and only if its
 * change committed; delivery reads the queue later and renders each email from the user's state at send time.
 */
@Repository
public class Outbox {

	private final JdbcTemplate jdbc;

	Outbox(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Queues one email of {@code kind} for each user of the account. */
	public void queue(long accountId, List<Long> userIds, EmailKind kind, Long jobExecutionId) {
		try (CopyRows rows = CopyRows.into(this.jdbc.getDataSource(), "email_outbox",
				"account_id, user_id, kind, job_execution_id")) {
			for (Long userId : userIds) {
				rows.add(accountId).add(userId).add(kind.value()).add(jobExecutionId).endRow();
			}
			rows.finish();
		}
	}

	/** For each of these users with emails waiting to be sent (queued or being sent), the kinds of those emails. */
	public Map<Long, Set<EmailKind>> pendingKinds(Collection<Long> userIds) {
		Map<Long, Set<EmailKind>> pending = new HashMap<>();
		if (userIds.isEmpty()) {
			return pending;
		}
		this.jdbc.query("select user_id, kind from email_outbox where user_id = any(?) and status in ('QUEUED', 'SENDING')",
				(ps) -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", userIds.toArray())), (rs) -> {
					pending.computeIfAbsent(rs.getLong(1), (id) -> EnumSet.noneOf(EmailKind.class))
						.add(EmailKind.of(rs.getString(2)));
				});
		return pending;
	}

	/** Emails still waiting to be sent for an account. */
	public long countQueued(long accountId) {
		Long count = this.jdbc.queryForObject(
				"select count(*) from email_outbox where account_id = ? and status = 'QUEUED'", Long.class, accountId);
		return (count != null) ? count : 0;
	}

}
