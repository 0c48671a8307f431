package dev.roster.user;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads and writes users in bulk: one statement per chunk, never one per user. */
@Repository
public class UserStore {

	private static final String COLUMNS = """
			id, account_id, email, status, first_name, last_name, profile_type_id, group_id, office_id,
			billing_code, language""";

	private final JdbcTemplate jdbc;

	UserStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The identity of an email across the service: trimmed and lower-cased, as the database compares it. */
	public static String emailKey(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	/** Users of any account with these email keys, by email key. */
	public Map<String, StoredUser> findByEmailKeys(Collection<String> emailKeys) {
		Map<String, StoredUser> users = new HashMap<>();
		this.jdbc.query("select " + COLUMNS + " from app_user where email_key = any(?)",
				(ps) -> ps.setArray(1, ps.getConnection().createArrayOf("text", emailKeys.toArray())),
				(rs) -> {
					StoredUser user = map(rs);
					users.put(emailKey(user.email()), user);
				});
		return users;
	}

	/** Takes ids for users about to be created, so their codes and emails can reference them in the same batch. */
	public List<Long> allocateIds(int count) {
		return this.jdbc.queryForList(
				"select nextval(pg_get_serial_sequence('app_user', 'id')) from generate_series(1, ?)", Long.class,
				count);
	}

	public void insert(List<NewUser> users) {
		this.jdbc.batchUpdate("""
				insert into app_user (id, account_id, email, status, first_name, last_name, profile_type_id,
					group_id, office_id, billing_code, language, host_code, guest_code)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", users, users.size(), (ps, user) -> {
			ps.setLong(1, user.id());
			ps.setLong(2, user.accountId());
			ps.setString(3, user.email());
			ps.setString(4, user.status().name());
			setFields(ps, 5, user.fields());
			ps.setString(12, (user.codes() != null) ? user.codes().hostCode() : null);
			ps.setString(13, (user.codes() != null) ? user.codes().guestCode() : null);
		});
	}

	/** Overwrites the changeable fields of existing users. */
	public void updateFields(List<StoredUser> users) {
		this.jdbc.batchUpdate("""
				update app_user set first_name = ?, last_name = ?, profile_type_id = ?, group_id = ?, office_id = ?,
					billing_code = ?, language = ?, updated_at = now()
				where id = ?""", users, users.size(), (ps, user) -> {
			setFields(ps, 1, user.fields());
			ps.setLong(8, user.id());
		});
	}

	private static void setFields(PreparedStatement ps, int first, UserFields fields) throws SQLException {
		ps.setString(first, fields.firstName());
		ps.setString(first + 1, fields.lastName());
		ps.setLong(first + 2, fields.profileTypeId());
		setLong(ps, first + 3, fields.groupId());
		setLong(ps, first + 4, fields.officeId());
		ps.setString(first + 5, fields.billingCode());
		ps.setString(first + 6, fields.language());
	}

	private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.BIGINT);
		}
		else {
			ps.setLong(index, value);
		}
	}

	private static StoredUser map(ResultSet rs) throws SQLException {
		UserFields fields = new UserFields(rs.getString("first_name"), rs.getString("last_name"),
				rs.getLong("profile_type_id"), rs.getObject("group_id", Long.class),
				rs.getObject("office_id", Long.class), rs.getString("billing_code"), rs.getString("language"));
		return new StoredUser(rs.getLong("id"), rs.getLong("account_id"), rs.getString("email"),
				UserStatus.valueOf(rs.getString("status")), fields);
	}

}
