package dev.roster.user;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Terminates users, at once or on a scheduled date. Every job that terminates (terminate, terminate-due, sync-roster)
 * goes through here, so a termination means the same everywhere: the user is marked terminated, their codes are
 * retired (kept, so never issued again), their meeting rooms are deleted, delegations in both directions are removed,
 * their queued emails are cancelled, the links they were sent (register, set password, reset password) expire, and a
 * snapshot of all of that is kept for audit.
 * <p>
 * All of it is one statement per batch of users, in the caller's transaction: a termination is either entirely
 * there or not at all, and a user already terminated is left alone, so a restarted job cannot terminate anyone twice,
 * retire a code twice or write a second snapshot.
 */
@Repository
public class Terminations {

	// Every sub-statement of a WITH query sees the database as it was before the statement: the snapshot below reads
	// the rooms, delegations, codes and emails that the other parts delete, retire or cancel in the same statement.
	// FOR UPDATE makes a second process terminating the same user wait, then skip them as already terminated.
	private static final String TERMINATE = """
			with target as (
				select u.id, u.account_id, u.email, u.status, u.first_name, u.last_name, u.host_code, u.guest_code,
					u.billing_code, u.language, u.profile_type_id, u.group_id, u.office_id, u.termination_due_on,
					u.created_at
				from unnest(?::bigint[]) as t(id)
				join app_user u on u.id = t.id
				where u.account_id = ? and u.status <> 'TERMINATED'
				for update of u
			),
			terminated as (
				update app_user u set status = 'TERMINATED', terminated_at = now(), host_code = null, guest_code = null,
					termination_due_on = null, updated_at = now()
				from target t where u.id = t.id
			),
			retired as (
				update access_code c set retired_at = now()
				from target t where c.user_id = t.id and c.retired_at is null
			),
			rooms as (
				delete from meeting_room r using target t where r.user_id = t.id
			),
			delegates as (
				delete from user_delegate d using target t where d.user_id = t.id
			),
			delegate_of as (
				delete from user_delegate d using target t where d.delegate_id = t.id
			),
			cancelled as (
				update email_outbox e set status = 'CANCELLED', last_error = 'user terminated'
				from target t where e.user_id = t.id and e.status = 'QUEUED'
			),
			-- a link already in the user's mailbox must not open anything once they are gone; a used token is history
			links as (
				update user_token k set expires_at = now()
				from target t where k.user_id = t.id and k.used_at is null and k.expires_at > now()
			)
			insert into termination_snapshot (account_id, user_id, terminated_at, job_execution_id, snapshot)
			select t.account_id, t.id, now(), ?, jsonb_build_object(
				'reason', ?::text,
				'email', t.email,
				'status', t.status,
				'first_name', t.first_name,
				'last_name', t.last_name,
				'profile_type', p.name,
				'group', g.name,
				'office', o.name,
				'billing_code', t.billing_code,
				'language', t.language,
				'created_at', t.created_at,
				'scheduled_for', t.termination_due_on,
				'host_code', t.host_code,
				'guest_code', t.guest_code,
				'meeting_rooms', coalesce((
					select jsonb_agg(jsonb_build_object('id', r.id, 'name', r.name, 'created_at', r.created_at)
						order by r.id)
					from meeting_room r where r.user_id = t.id), '[]'),
				'delegates', coalesce((
					select jsonb_agg(x.email order by x.email_key)
					from user_delegate d join app_user x on x.id = d.delegate_id where d.user_id = t.id), '[]'),
				'delegate_of', coalesce((
					select jsonb_agg(x.email order by x.email_key)
					from user_delegate d join app_user x on x.id = d.user_id where d.delegate_id = t.id), '[]'),
				'cancelled_emails', coalesce((
					select jsonb_agg(jsonb_build_object('id', e.id, 'kind', e.kind, 'queued_at', e.created_at)
						order by e.id)
					from email_outbox e where e.user_id = t.id and e.status = 'QUEUED'), '[]'),
				'expired_links', (
					select count(*) from user_token k
					where k.user_id = t.id and k.used_at is null and k.expires_at > now()))
			from target t
			join account_profile_type p on p.id = t.profile_type_id
			left join account_group g on g.id = t.group_id
			left join account_office o on o.id = t.office_id""";

	/** Users per statement: large enough to amortise the round trip, small enough for a quick lock wait. */
	static final int BATCH = 5000;

	private final JdbcTemplate jdbc;

	Terminations(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Terminates the users among {@code userIds} that belong to the account and are not terminated yet, in the
	 * caller's transaction.
	 * @param reason why, as the audit snapshot records it ({@code terminate}, {@code sync-roster: absent from the
	 * roster}...)
	 * @return how many were terminated
	 */
	public int terminate(long accountId, List<Long> userIds, String reason, Long jobExecutionId) {
		int terminated = 0;
		for (int from = 0; from < userIds.size(); from += BATCH) {
			List<Long> batch = userIds.subList(from, Math.min(userIds.size(), from + BATCH));
			terminated += this.jdbc.update(TERMINATE, (ps) -> {
				ps.setArray(1, ps.getConnection().createArrayOf("bigint", batch.toArray()));
				ps.setLong(2, accountId);
				if (jobExecutionId != null) {
					ps.setLong(3, jobExecutionId);
				}
				else {
					ps.setNull(3, java.sql.Types.BIGINT);
				}
				ps.setString(4, reason);
			});
		}
		return terminated;
	}

	/**
	 * Schedules (or moves) the termination of users of the account that are not terminated.
	 * @return how many users got a new date
	 */
	public int schedule(long accountId, Map<Long, LocalDate> dueDates) {
		if (dueDates.isEmpty()) {
			return 0;
		}
		List<Long> ids = new ArrayList<>(dueDates.keySet());
		Date[] dates = ids.stream().map((id) -> Date.valueOf(dueDates.get(id))).toArray(Date[]::new);
		return this.jdbc.update("""
				update app_user u set termination_due_on = t.due, updated_at = now()
				from unnest(?::bigint[], ?::date[]) as t(id, due)
				where u.id = t.id and u.account_id = ? and u.status <> 'TERMINATED'
					and u.termination_due_on is distinct from t.due""", (ps) -> {
			ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray()));
			ps.setArray(2, ps.getConnection().createArrayOf("date", dates));
			ps.setLong(3, accountId);
		});
	}

	/**
	 * Cancels the scheduled terminations of users of the account.
	 * @return how many had one
	 */
	public int cancelScheduled(long accountId, List<Long> userIds) {
		if (userIds.isEmpty()) {
			return 0;
		}
		return this.jdbc.update("""
				update app_user u set termination_due_on = null, updated_at = now()
				from unnest(?::bigint[]) as t(id)
				where u.id = t.id and u.account_id = ? and u.termination_due_on is not null""", (ps) -> {
			ps.setArray(1, ps.getConnection().createArrayOf("bigint", userIds.toArray()));
			ps.setLong(2, accountId);
		});
	}

	/**
	 * Takes up to {@code limit} users whose scheduled termination is due on {@code today} or earlier, locking them
	 * for the caller's transaction; users another transaction holds are skipped, so two processes applying due
	 * terminations never take the same user.
	 * @param accountId one account, or {@code null} for all
	 * @return user ids by account id
	 */
	public Map<Long, List<Long>> takeDue(LocalDate today, Long accountId, int limit) {
		Map<Long, List<Long>> due = new HashMap<>();
		this.jdbc.query("""
				select u.id, u.account_id from app_user u
				where u.termination_due_on <= ? and u.status <> 'TERMINATED'
					and (?::bigint is null or u.account_id = ?::bigint)
				order by u.id limit ?
				for update skip locked""", (ps) -> {
			ps.setDate(1, Date.valueOf(today));
			ps.setObject(2, accountId, java.sql.Types.BIGINT);
			ps.setObject(3, accountId, java.sql.Types.BIGINT);
			ps.setInt(4, limit);
		}, (rs) -> {
			due.computeIfAbsent(rs.getLong(2), (key) -> new ArrayList<>()).add(rs.getLong(1));
		});
		return due;
	}

}
