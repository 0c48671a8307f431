package dev.roster.user;

import java.sql.Date;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Finds where users stand in their lifecycle, a chunk of emails per query. */
@Repository
public class UserStates {

	private final JdbcTemplate jdbc;

	UserStates(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Users of any account with these email keys, by email key; the caller checks the account. */
	public Map<String, UserState> findByEmailKeys(Collection<String> emailKeys) {
		Map<String, UserState> users = new HashMap<>();
		if (emailKeys.isEmpty()) {
			return users;
		}
		// a join on unnest() keeps the plan an index lookup per key (see UserStore)
		this.jdbc.query("""
				select u.id, u.account_id, u.email, u.status, u.termination_due_on
				from unnest(?::text[]) k join app_user u on u.email_key = k""",
				(ps) -> ps.setArray(1, ps.getConnection().createArrayOf("text", emailKeys.toArray())), (rs) -> {
					Date due = rs.getDate(5);
					UserState user = new UserState(rs.getLong(1), rs.getLong(2), rs.getString(3),
							UserStatus.valueOf(rs.getString(4)), (due != null) ? due.toLocalDate() : null);
					users.put(UserStore.emailKey(user.email()), user);
				});
		return users;
	}

	/** The ids of the account's users that are not terminated among these email keys. */
	public List<Long> liveIds(long accountId, Collection<String> emailKeys) {
		if (emailKeys.isEmpty()) {
			return List.of();
		}
		return this.jdbc.query("""
				select u.id from unnest(?::text[]) k join app_user u on u.email_key = k
				where u.account_id = ? and u.status <> 'TERMINATED'""", (ps) -> {
			ps.setArray(1, ps.getConnection().createArrayOf("text", emailKeys.toArray()));
			ps.setLong(2, accountId);
		}, (rs, n) -> rs.getLong(1));
	}

	/** How many of the account's users are not terminated: the mass-termination guard's 100%. */
	public long countLive(long accountId) {
		Long count = this.jdbc.queryForObject(
				"select count(*) from app_user where account_id = ? and status <> 'TERMINATED'", Long.class, accountId);
		return (count != null) ? count : 0;
	}

}
