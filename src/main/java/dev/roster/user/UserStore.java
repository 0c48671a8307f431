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

import javax.sql.DataSource;

import dev.roster.database.CopyRows;
import dev.roster.database.SequenceBlocks;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads and writes users in bulk: one statement (or one COPY) per chunk, never one per user. */
@Repository
public class UserStore {

	private static final String COLUMNS = """
			u.id, u.account_id, u.email, u.status, u.first_name, u.last_name, u.profile_type_id, u.group_id,
			u.office_id, u.billing_code, u.language, u.last_job_instance_id, u.last_job_row""";

	/** The increment of the user id sequence (see V21__id_and_code_blocks.sql). */
	private static final int ID_BLOCK = 1000;

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	UserStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.dataSource = jdbc.getDataSource();
	}

	/** The identity of an email across the service: trimmed and lower-cased, as the database compares it. */
	public static String emailKey(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	/** Users of any account with these email keys, by email key. */
	public Map<String, StoredUser> findByEmailKeys(Collection<String> emailKeys) {
		Map<String, StoredUser> users = new HashMap<>();
		// a join on unnest() keeps the plan an index lookup per key even while a bulk load has left the table's
		// statistics stale, where "= any(?)" may turn into a scan of the whole table for every chunk
		this.jdbc.query("select " + COLUMNS + " from unnest(?::text[]) k join app_user u on u.email_key = k",
				(ps) -> ps.setArray(1, ps.getConnection().createArrayOf("text", emailKeys.toArray())),
				(rs) -> {
					StoredUser user = map(rs);
					users.put(emailKey(user.email()), user);
				});
		return users;
	}

	/**
	 * Lets the current transaction commit without waiting for its WAL to reach the disk. Safe for a chunk of a bulk
	 * job: the chunk's rows and its restart position commit together, so a commit lost to a PostgreSQL crash loses
	 * both, and the resumed job applies that chunk again. A thousand chunks no longer wait for a thousand flushes.
	 */
	public void relaxCommitDurability() {
		this.jdbc.execute("set local synchronous_commit = off");
	}

	/** Takes ids for users about to be created, so their codes and emails can reference them in the same batch. */
	public List<Long> allocateIds(int count) {
		return SequenceBlocks.take(this.jdbc, "pg_get_serial_sequence('app_user', 'id')", ID_BLOCK, count);
	}

	public void insert(List<NewUser> users) {
		try (CopyRows rows = CopyRows.into(this.dataSource, "app_user", """
				id, account_id, email, status, first_name, last_name, profile_type_id, group_id, office_id,
				billing_code, language, host_code, guest_code, last_job_instance_id, last_job_row""")) {
			for (NewUser user : users) {
				UserFields fields = user.fields();
				rows.add(user.id())
					.add(user.accountId())
					.add(user.email())
					.add(user.status().name())
					.add(fields.firstName())
					.add(fields.lastName())
					.add(fields.profileTypeId())
					.add(fields.groupId())
					.add(fields.officeId())
					.add(fields.billingCode())
					.add(fields.language())
					.add((user.codes() != null) ? user.codes().hostCode() : null)
					.add((user.codes() != null) ? user.codes().guestCode() : null)
					.add((user.mark() != null) ? user.mark().jobInstanceId() : null)
					.add((user.mark() != null) ? user.mark().row() : null)
					.endRow();
			}
			rows.finish();
		}
	}

	/** Overwrites the changeable fields of existing users, and their job mark. */
	public void updateFields(List<StoredUser> users) {
		this.jdbc.batchUpdate("""
				update app_user set first_name = ?, last_name = ?, profile_type_id = ?, group_id = ?, office_id = ?,
					billing_code = ?, language = ?, last_job_instance_id = ?, last_job_row = ?, updated_at = now()
				where id = ?""", users, users.size(), (ps, user) -> {
			setFields(ps, 1, user.fields());
			setLong(ps, 8, (user.mark() != null) ? user.mark().jobInstanceId() : null);
			setLong(ps, 9, (user.mark() != null) ? user.mark().row() : null);
			ps.setLong(10, user.id());
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
		Long markInstance = rs.getObject("last_job_instance_id", Long.class);
		JobMark mark = (markInstance != null) ? new JobMark(markInstance, rs.getLong("last_job_row")) : null;
		return new StoredUser(rs.getLong("id"), rs.getLong("account_id"), rs.getString("email"),
				UserStatus.valueOf(rs.getString("status")), fields, mark);
	}

}
