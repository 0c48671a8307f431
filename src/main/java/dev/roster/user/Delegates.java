package dev.roster.user;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One host's delegates (the other meeting administrators who may manage their meetings), as a person changes them on
 * the console, by the rules of import-delegates: both users active in the account, never oneself.
 */
@Repository
public class Delegates {

	private static final String PERSON = """
			select x.id, x.email, x.first_name || ' ' || x.last_name, x.status
			from user_delegate d join app_user x on x.id = d.%s
			where d.account_id = :account and d.%s = :user
			order by x.email_key""";

	private final JdbcClient jdbc;

	Delegates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The user's delegates. */
	public List<Delegate> of(long accountId, long userId) {
		return list(PERSON.formatted("delegate_id", "user_id"), accountId, userId);
	}

	/** The users this one is a delegate of. */
	public List<Delegate> hosts(long accountId, long userId) {
		return list(PERSON.formatted("user_id", "delegate_id"), accountId, userId);
	}

	private List<Delegate> list(String sql, long accountId, long userId) {
		return this.jdbc.sql(sql)
			.param("account", accountId)
			.param("user", userId)
			.query((rs, n) -> delegate(rs))
			.list();
	}

	/**
	 * Makes the user with {@code delegateEmail} a delegate of the host, in the caller's transaction. Both are
	 * share-locked, so a termination at the same time either waits and then removes the new delegation with the
	 * others, or commits first and is seen here. A user of another account is no user, as import-delegates says.
	 */
	public Added add(long accountId, long hostId, String delegateEmail) {
		Optional<Delegate> host = this.jdbc.sql("""
				select id, email, first_name || ' ' || last_name, status from app_user
				where id = :id and account_id = :account for share""")
			.param("id", hostId)
			.param("account", accountId)
			.query((rs, n) -> delegate(rs))
			.optional();
		Optional<Delegate> delegate = this.jdbc.sql("""
				select id, email, first_name || ' ' || last_name, status from app_user
				where email_key = :key and account_id = :account for share""")
			.param("key", UserStore.emailKey(delegateEmail))
			.param("account", accountId)
			.query((rs, n) -> delegate(rs))
			.optional();
		if (host.isEmpty() || delegate.isEmpty()) {
			return Added.NO_SUCH_USER;
		}
		if (host.get().id() == delegate.get().id()) {
			return Added.SELF;
		}
		if (host.get().status() != UserStatus.ACTIVE) {
			return Added.HOST_NOT_ACTIVE;
		}
		if (delegate.get().status() != UserStatus.ACTIVE) {
			return Added.DELEGATE_NOT_ACTIVE;
		}
		int added = this.jdbc.sql("""
				insert into user_delegate (account_id, user_id, delegate_id) values (:account, :host, :delegate)
				on conflict do nothing""")
			.param("account", accountId)
			.param("host", hostId)
			.param("delegate", delegate.get().id())
			.update();
		return (added == 1) ? Added.ADDED : Added.ALREADY;
	}

	/** Removes a delegation of the account; returns the delegate's email, none when there was no such delegation. */
	public Optional<String> remove(long accountId, long hostId, long delegateId) {
		return this.jdbc.sql("""
				with gone as (
					delete from user_delegate where account_id = :account and user_id = :host
						and delegate_id = :delegate
					returning delegate_id)
				select u.email from gone join app_user u on u.id = gone.delegate_id""")
			.param("account", accountId)
			.param("host", hostId)
			.param("delegate", delegateId)
			.query(String.class)
			.optional();
	}

	private static Delegate delegate(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Delegate(rs.getLong(1), rs.getString(2), rs.getString(3), UserStatus.valueOf(rs.getString(4)));
	}

	/** A user on one side of a delegation. */
	public record Delegate(long id, String email, String name, UserStatus status) {
	}

	/** What became of a delegate to add. */
	public enum Added {

		ADDED, ALREADY, NO_SUCH_USER, SELF, HOST_NOT_ACTIVE, DELEGATE_NOT_ACTIVE

	}

}
