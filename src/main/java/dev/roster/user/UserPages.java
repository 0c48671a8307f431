package dev.roster.user;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
		StringBuilder sql = new StringBuilder(SELECT);
		if (status != null) {
			sql.append(" and u.status = :status");
		}
		if (after != null) {
			sql.append(" and ").append(EMAIL).append(" > :after");
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
		sql.append(" order by ").append(EMAIL).append(" limit :limit");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString())
			.param("account", accountId)
			.param("limit", limit + 1);
		if (status != null) {
			statement = statement.param("status", status.name());
		}
		if (after != null) {
			statement = statement.param("after", after);
		}
		if (!typed.isEmpty()) {
			statement = statement.param("email", typed.toLowerCase(Locale.ROOT)).param("name", typed).param("max", MAX);
		}
		List<Keyed> rows = statement.query((rs, n) -> new Keyed(rs.getString(17), user(rs))).list();
		boolean more = rows.size() > limit;
		List<Keyed> shown = more ? rows.subList(0, limit) : rows;
		return new Page(shown.stream().map(Keyed::user).toList(), more ? shown.get(limit - 1).key() : null);
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

	/** A user with the columns of an export (names of its reference data, timestamps ISO-8601 UTC). */
	public record UserView(long id, String email, String firstName, String lastName, String status,
			String profileType, String group, String office, String hostCode, String guestCode, String billingCode,
			String language, String activationEmailSent, String welcomeEmailSent, String created, String terminated) {
	}

}
