package dev.roster.mail;

import java.util.List;

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
		CopyRows rows = new CopyRows("email_outbox", "account_id, user_id, kind, job_execution_id");
		for (Long userId : userIds) {
			rows.add(accountId).add(userId).add(kind.value()).add(jobExecutionId).endRow();
		}
		rows.copy(this.jdbc.getDataSource());
	}

	/** Emails still waiting to be sent for an account. */
	public long countQueued(long accountId) {
		Long count = this.jdbc.queryForObject(
				"select count(*) from email_outbox where account_id = ? and status = 'QUEUED'", Long.class, accountId);
		return (count != null) ? count : 0;
	}

}
