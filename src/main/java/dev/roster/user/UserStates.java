package dev.roster.user;

import java.sql.Date;
import java.util.Collection;
import java.util.HashMap;
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

}
