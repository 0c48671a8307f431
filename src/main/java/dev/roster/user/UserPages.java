package dev.roster.user;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * An account's users a page at a time, in email order, for the HTTP door: keyset pages (after the last email key
 * of the page before), never an offset, so the last page of a million users costs what the first does (see
 * V62__user_search.sql for the indexes each query walks).
 */
@Repository
public class UserPages {

	/** Above every character a name or an email holds: a prefix's range ends just below {@code prefix + MAX}. */
	private static final String MAX = new String(Character.toChars(Character.MAX_CODE_POINT));

	private static final String SELECT = """
			select u.id, u.email, u.first_name, u.last_name, u.status, p.name, g.name, o.name, u.host_code,
				u.guest_code, u.billing_code, u.language, iso_utc(u.activation_email_sent_at),
				iso_utc(u.welcome_email_sent_at), iso_utc(u.created_at), iso_utc(u.terminated_at), u.email_key
			from app_user u
			join account_profile_type p on p.id = u.profile_type_id
			left join account_group g on g.id = u.group_id
			left join account_office o on o.id = u.office_id
			where u.account_id = :account""";

	private static final String EMAIL = "(u.email_key collate \"C\")";

	/** The expressions of the name indexes, written exactly as indexed so the planner uses them. */
	private static final List<String> NAMES = List.of("(name_key(u.first_name || ' ' || u.last_name) collate \"C\")",
			"(name_key(u.last_name) collate \"C\")");

	private final JdbcClient jdbc;

	UserPages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One page of the account's users.
	 * @param status the users' status, or {@code null} for all
	 * @param prefix what the email, first name, last name or "first last" starts with, in any case and with or
	 * without accents; {@code null} or blank for every user
	 * @param after the email key the previous page ended with, or {@code null} for the first page
	 */
	public Page page(long accountId, UserStatus status, String prefix, String after, int limit) {
		List<Keyed> rows = rows(accountId, status, prefix, after, false, limit + 1);
		boolean more = rows.size() > limit;
		List<Keyed> shown = more ? rows.subList(0, limit) : rows;
		return new Page(shown.stream().map(Keyed::user).toList(), more ? shown.get(limit - 1).key() : null);
	}

	/**
	 * One page of the account's users that can be paged both ways: after the key {@code after}, or, when
	 * {@code before} is given, the page that ends just before that key.
	 * @param status the users' status, or {@code null} for all
	 * @param prefix as for {@link #page}
	 * @param after the email key the page starts after, or {@code null}
	 * @param before the email key the page ends before, or {@code null}; it wins over {@code after}
	 */
	public Window window(long accountId, UserStatus status, String prefix, String after, String before, int limit) {
		if (before != null) {
			List<Keyed> rows = new ArrayList<>(rows(accountId, status, prefix, before, true, limit + 1));
			if (!rows.isEmpty()) {
				boolean more = rows.size() > limit;
				List<Keyed> shown = new ArrayList<>(more ? rows.subList(0, limit) : rows);
				Collections.reverse(shown);
				return window(shown, more, true);
			}
			// nothing before it any more (users left, or another search): the first page
			after = null;
		}
		List<Keyed> rows = rows(accountId, status, prefix, after, false, limit + 1);
		boolean more = rows.size() > limit;
		return window(more ? rows.subList(0, limit) : rows, after != null && !rows.isEmpty(), more);
	}

	private static Window window(List<Keyed> shown, boolean earlier, boolean later) {
		return new Window(shown.stream().map(Keyed::user).toList(), earlier ? shown.get(0).key() : null,
				later ? shown.get(shown.size() - 1).key() : null);
	}

	/**
	 * The account's users by status, each counted up to {@code atMost + 1}: a page that shows counts costs the same
	 * for a million users as for ten thousand. Each count is an index range of {@code app_user_account_status} cut
	 * short by its limit (an index-only scan where the visibility map allows), where an exact {@code count(*)} of a
	 * million active users reads a million index entries on every page.
	 */
	public Map<UserStatus, Long> counts(long accountId, int atMost) {
		Map<UserStatus, Long> counts = new EnumMap<>(UserStatus.class);
		this.jdbc.sql("""
				select s.status, (select count(*) from (select from app_user u
					where u.account_id = :account and u.status = s.status limit :limit) c)
				from unnest(array['INVITED', 'ACTIVE', 'TERMINATED']) s (status)""")
			.param("account", accountId)
			.param("limit", atMost + 1)
			.query((rs) -> {
				counts.put(UserStatus.valueOf(rs.getString(1)), rs.getLong(2));
			});
		return counts;
	}

	/**
	 * The status of each of these users that belongs to the account, locked until the transaction ends, so what is
	 * decided for them holds until it commits; ids of no user of the account are left out.
	 */
	public Map<Long, UserStatus> lockStatuses(long accountId, Collection<Long> ids) {
		Map<Long, UserStatus> statuses = new HashMap<>();
		if (ids.isEmpty()) {
			return statuses;
		}
		this.jdbc
			.sql("select id, status from app_user where account_id = :account and id in (:ids) order by id for update")
			.param("account", accountId)
			.param("ids", List.copyOf(ids))
			.query((rs) -> {
				statuses.put(rs.getLong(1), UserStatus.valueOf(rs.getString(2)));
			});
		return statuses;
	}

	/** Rows in email order from just after {@code key}, or backwards from just before it. */
	private List<Keyed> rows(long accountId, UserStatus status, String prefix, String key, boolean backward,
			int limit) {
		StringBuilder sql = new StringBuilder(SELECT);
		if (status != null) {
			sql.append(" and u.status = :status");
		}
		if (key != null) {
			sql.append(" and ").append(EMAIL).append(backward ? " < :key" : " > :key");
		}
		String typed = (prefix != null) ? Normalizer.normalize(prefix.strip(), Normalizer.Form.NFC) : "";
		if (!typed.isEmpty()) {
			List<String> matches = new ArrayList<>();
			matches.add(EMAIL + " >= :email and " + EMAIL + " < :email || :max");
			for (String name : NAMES) {
				matches.add(name + " >= name_key(:name) and " + name + " < name_key(:name) || :max");
			}
			sql.append(" and (").append(String.join(" or ", matches)).append(")");
		}
		sql.append(" order by ").append(EMAIL).append(backward ? " desc" : "").append(" limit :limit");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString())
			.param("account", accountId)
			.param("limit", limit);
		if (status != null) {
			statement = statement.param("status", status.name());
		}
		if (key != null) {
			statement = statement.param("key", key);
		}
		if (!typed.isEmpty()) {
			statement = statement.param("email", typed.toLowerCase(Locale.ROOT)).param("name", typed).param("max", MAX);
		}
		return statement.query((rs, n) -> new Keyed(rs.getString(17), user(rs))).list();
	}

	/** The user of this account with this email, in any case; another account's is none. */
	public Optional<UserView> find(long accountId, String email) {
		return this.jdbc.sql(SELECT + " and u.email_key = :key")
			.param("account", accountId)
			.param("key", UserStore.emailKey(email))
			.query((rs, n) -> user(rs))
			.optional();
	}

	/** The user of this account with this id; another account's is none. */
	public Optional<UserView> find(long accountId, long id) {
		return this.jdbc.sql(SELECT + " and u.id = :id")
			.param("account", accountId)
			.param("id", id)
			.query((rs, n) -> user(rs))
			.optional();
	}

	private static UserView user(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new UserView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
				rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16));
	}

	private record Keyed(String key, UserView user) {
	}

	/**
	 * A page of users and the email key after which the next one starts, {@code null} on the last page.
	 */
	public record Page(List<UserView> users, String nextAfter) {
	}

	/**
	 * A page of users with the keys of the pages around it: {@code before} to ask for the page before it,
	 * {@code after} for the one after it, each {@code null} when there is none.
	 */
	public record Window(List<UserView> users, String before, String after) {
	}

	/** A user with the columns of an export (names of its reference data, timestamps ISO-8601 UTC). */
	public record UserView(long id, String email, String firstName, String lastName, String status,
			String profileType, String group, String office, String hostCode, String guestCode, String billingCode,
			String language, String activationEmailSent, String welcomeEmailSent, String created, String terminated) {
	}

}
