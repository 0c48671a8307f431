package dev.roster.user;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Brings terminated users back: active again with new codes. The old codes stay retired for ever (they are never
 * issued again); rooms and delegations deleted by the termination are not restored (the snapshot lists them).
 */
@Repository
public class Reactivations {

	private final JdbcTemplate jdbc;

	private final AccessCodes codes;

	Reactivations(JdbcTemplate jdbc, AccessCodes codes) {
		this.jdbc = jdbc;
		this.codes = codes;
	}

	/**
	 * Reactivates the users among {@code userIds} that belong to the account and are terminated, in the caller's
	 * transaction. The users are locked before their codes are issued, so a second process reactivating the same
	 * users waits and then finds them active: no code is issued to a user who does not get it.
	 * @return the ids reactivated; the caller queues their activation emails
	 */
	public List<Long> reactivate(long accountId, List<Long> userIds) {
		if (userIds.isEmpty()) {
			return List.of();
		}
		List<Long> locked = this.jdbc.query("""
				select u.id from unnest(?::bigint[]) as t(id) join app_user u on u.id = t.id
				where u.account_id = ? and u.status = 'TERMINATED'
				order by u.id for update of u""", (ps) -> {
			ps.setArray(1, ps.getConnection().createArrayOf("bigint", userIds.toArray()));
			ps.setLong(2, accountId);
		}, (rs, n) -> rs.getLong(1));
		if (locked.isEmpty()) {
			return locked;
		}
		List<CodePair> pairs = this.codes.issue(locked);
		String[] hosts = pairs.stream().map(CodePair::hostCode).toArray(String[]::new);
		String[] guests = pairs.stream().map(CodePair::guestCode).toArray(String[]::new);
		// the activation email of the earlier life carried codes that no longer work: it no longer counts as sent
		this.jdbc.update("""
				update app_user u set status = 'ACTIVE', terminated_at = null, host_code = t.host_code,
					guest_code = t.guest_code, termination_due_on = null, activation_email_sent_at = null,
					updated_at = now()
				from unnest(?::bigint[], ?::text[], ?::text[]) as t(id, host_code, guest_code)
				where u.id = t.id""", (ps) -> {
			ps.setArray(1, ps.getConnection().createArrayOf("bigint", locked.toArray()));
			ps.setArray(2, ps.getConnection().createArrayOf("text", hosts));
			ps.setArray(3, ps.getConnection().createArrayOf("text", guests));
		});
		return locked;
	}

}
