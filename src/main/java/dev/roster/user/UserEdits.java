package dev.roster.user;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One user at a time, as a person changes them on the console: the fields they may edit, and what a termination
 * would remove, counted before they confirm it.
 */
@Repository
public class UserEdits {

	private final JdbcClient jdbc;

	UserEdits(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The stored fields of the account's user, locked for the caller's transaction; another account's is none. */
	public Optional<StoredUser> lock(long accountId, long userId) {
		return this.jdbc.sql("""
				select id, email, status, first_name, last_name, profile_type_id, group_id, office_id, billing_code,
					language
				from app_user where id = :id and account_id = :account for update""")
			.param("id", userId)
			.param("account", accountId)
			.query((rs, n) -> new StoredUser(rs.getLong("id"), accountId, rs.getString("email"),
					UserStatus.valueOf(rs.getString("status")),
					new UserFields(rs.getString("first_name"), rs.getString("last_name"), rs.getLong("profile_type_id"),
							rs.getObject("group_id", Long.class), rs.getObject("office_id", Long.class),
							rs.getString("billing_code"), rs.getString("language"))))
			.optional();
	}

	/**
	 * Overwrites the fields of the account's user when it is active or invited (a terminated user is history: the
	 * snapshot keeps it as it was); returns whether it did.
	 */
	public boolean update(long accountId, long userId, UserFields fields) {
		return this.jdbc.sql("""
				update app_user set first_name = :first, last_name = :last, profile_type_id = :profile,
					group_id = :group, office_id = :office, billing_code = :billing, language = :language,
					updated_at = now()
				where id = :id and account_id = :account and status in ('ACTIVE', 'INVITED')""")
			.param("first", fields.firstName())
			.param("last", fields.lastName())
			.param("profile", fields.profileTypeId())
			.param("group", fields.groupId(), java.sql.Types.BIGINT)
			.param("office", fields.officeId(), java.sql.Types.BIGINT)
			.param("billing", fields.billingCode())
			.param("language", fields.language())
			.param("id", userId)
			.param("account", accountId)
			.update() == 1;
	}

	/** What terminating the account's user would remove now, as {@link Terminations#terminate} removes it. */
	public Removals removals(long accountId, long userId) {
		return this.jdbc.sql("""
				select
					(select count(*) from access_code c where c.user_id = u.id and c.retired_at is null),
					(select count(*) from meeting_room r where r.user_id = u.id),
					(select count(*) from user_delegate d where d.user_id = u.id),
					(select count(*) from user_delegate d where d.delegate_id = u.id),
					(select count(*) from email_outbox e where e.user_id = u.id and e.status = 'QUEUED'),
					(select count(*) from user_token k
						where k.user_id = u.id and k.used_at is null and k.expires_at > now())
				from app_user u where u.id = :id and u.account_id = :account""")
			.param("id", userId)
			.param("account", accountId)
			.query((rs, n) -> new Removals(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
					rs.getInt(6)))
			.optional()
			.orElse(new Removals(0, 0, 0, 0, 0, 0));
	}

	/**
	 * What a termination removes.
	 *
	 * @param codes codes in use, retired for ever
	 * @param delegates the user's delegates
	 * @param delegateOf the users they are a delegate of
	 * @param queuedEmails emails waiting to be sent, cancelled
	 * @param links links sent and not used yet, expired
	 */
	public record Removals(int codes, int meetingRooms, int delegates, int delegateOf, int queuedEmails, int links) {
	}

}
