package dev.roster.mail;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox as deliveries see it: claiming due rows, recording what became of them, recovering rows left in flight.
 * Every change is one or a few set-based statements per chunk, never one per email.
 */
final class OutboxClaims {

	/** First key of the advisory locks deliveries hold; the second is the claimer number. */
	static final int LOCK_CLASS = 0x524F5354;

	private static final String RECOVER = """
			update email_outbox o set status = 'QUEUED', possible_duplicate = true, attempts = o.attempts + 1,
				last_error = 'in flight when a delivery stopped; sent again, possibly a second time'
			where o.status = 'SENDING' %s
				and not exists (
					select 1 from pg_locks l
					where l.locktype = 'advisory' and l.objsubid = 2 and l.granted
						and l.database = (select oid from pg_database where datname = current_database())
						and l.classid::bigint = ? and l.objid::bigint = o.claimed_by)""";

	/**
	 * One statement claims a chunk: it takes due emails of an account, cancels those whose user no longer fits
	 * ({@link EmailKind#fits}, as {@code email_fits}: activation and reset emails go to active users, welcome emails
	 * to invited ones), and gives every other one a
	 * link token — 244 bits from PostgreSQL's strong random source, returned as URL-safe text and stored only as the
	 * SHA-256 of that text — all committed before the first of them is sent.
	 */
	private static final String CLAIM = """
			with picked as (
				select o.id from email_outbox o
				where o.status = 'QUEUED' and o.account_id = ? and o.next_attempt_at <= now()
				order by o.next_attempt_at, o.id
				limit ?
				for update skip locked),
			judged as (
				select p.id, email_fits(o.kind, u.status) fits
				from picked p join email_outbox o on o.id = p.id join app_user u on u.id = o.user_id),
			claimed as (
				update email_outbox o set status = case when j.fits then 'SENDING' else 'CANCELLED' end,
					last_error = case when j.fits then o.last_error
						else 'not sent: the user is ' || lower(u.status) || ' now, and ' || o.kind || ' emails go to '
							|| lower(email_audience(o.kind)) || ' users' end,
					claimed_by = ?, claimed_at = now(), delivery_execution_id = ?,
					message_id = coalesce(o.message_id, '<' || gen_random_uuid() || '@' || ? || '>')
				from judged j, app_user u
				where o.id = j.id and u.id = o.user_id
				returning o.id, o.account_id, o.user_id, o.kind, o.status, o.attempts, o.possible_duplicate,
					o.message_id, u.email, u.first_name, u.last_name, u.language, u.host_code, u.guest_code),
			tokens as (
				select c.id, translate(rtrim(encode(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()),
					'base64'), '='), '+/', '-_') token
				from claimed c where c.status = 'SENDING'),
			stored as (
				insert into user_token (token_hash, user_id, purpose, expires_at, outbox_id)
				select sha256(convert_to(t.token, 'UTF8')), c.user_id, email_token_purpose(c.kind),
					now() + make_interval(secs => case c.kind when 'password-reset' then ? else ? end), c.id
				from tokens t join claimed c on c.id = t.id)
			select c.*, t.token, a.name account_name
			from claimed c join account a on a.id = c.account_id left join tokens t on t.id = c.id
			order by c.id""";

	private static final String SENT = """
			with s as (select * from unnest(?::bigint[], ?::bigint[]) as s(id, ms)),
			sent as (
				update email_outbox o set status = 'SENT', sent_at = to_timestamp(s.ms / 1000.0),
					attempts = o.attempts + 1, last_error = null
				from s where o.id = s.id and o.status = 'SENDING'
				returning o.id, o.user_id, o.kind, o.sent_at),
			users as (
				update app_user u set
					activation_email_sent_at = case when sent.kind = 'activation' then sent.sent_at
						else u.activation_email_sent_at end,
					welcome_email_sent_at = case when sent.kind = 'welcome' then sent.sent_at
						else u.welcome_email_sent_at end
				from sent where u.id = sent.user_id and sent.kind in ('activation', 'welcome'))
			-- a newer link of the same purpose, now in the user's mailbox, makes the older ones useless
			update user_token t set expires_at = now()
			from sent
			where t.user_id = sent.user_id
				and t.purpose = email_token_purpose(sent.kind)
				and (t.outbox_id is null or t.outbox_id < sent.id) and t.used_at is null and t.expires_at > now()""";

	private static final String FAILED = """
			update email_outbox o set attempts = o.attempts + 1,
				status = case when r.final then 'FAILED' else 'QUEUED' end,
				next_attempt_at = case when r.final then o.next_attempt_at else to_timestamp(r.next_ms / 1000.0) end,
				last_error = r.error, possible_duplicate = o.possible_duplicate or r.maybe_delivered
			from unnest(?::bigint[], ?::bigint[], ?::boolean[], ?::text[], ?::boolean[])
				as r(id, next_ms, final, error, maybe_delivered)
			where o.id = r.id and o.status = 'SENDING'""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	OutboxClaims(JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** A number for a delivery, unique among those running. */
	int newClaimer() {
		Integer claimer = this.jdbc.queryForObject("select nextval('email_delivery_claimer')::integer", Integer.class);
		return (claimer != null) ? claimer : 0;
	}

	/** Takes the advisory lock that tells other processes this delivery is alive; held until the connection ends. */
	static void lock(Connection connection, int claimer) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_lock(?, ?)")) {
			statement.setInt(1, LOCK_CLASS);
			statement.setInt(2, claimer);
			statement.execute();
		}
	}

	static void unlock(Connection connection, int claimer) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
			statement.setInt(1, LOCK_CLASS);
			statement.setInt(2, claimer);
			statement.execute();
		}
	}

	/**
	 * Queues again the rows whose delivery died with them in flight, flagged as possible duplicates.
	 * @return how many
	 */
	int recover(Long accountId) {
		Integer recovered = this.transactions.execute((status) -> (accountId != null)
				? this.jdbc.update(RECOVER.formatted("and o.account_id = ?"), accountId, LOCK_CLASS)
				: this.jdbc.update(RECOVER.formatted(""), LOCK_CLASS));
		return (recovered != null) ? recovered : 0;
	}

	/** Accounts that have emails due now. */
	List<Long> dueAccounts(Long accountId) {
		String sql = "select distinct account_id from email_outbox where status = 'QUEUED' and next_attempt_at <= now()";
		return (accountId != null) ? this.jdbc.queryForList(sql + " and account_id = ?", Long.class, accountId)
				: this.jdbc.queryForList(sql, Long.class);
	}

	/** When the next queued email falls due, or {@code null} when none is queued. */
	Instant nextDue(Long accountId) {
		String sql = "select min(next_attempt_at) from email_outbox where status = 'QUEUED'";
		OffsetDateTime next = (accountId != null)
				? this.jdbc.queryForObject(sql + " and account_id = ?", OffsetDateTime.class, accountId)
				: this.jdbc.queryForObject(sql, OffsetDateTime.class);
		return (next != null) ? next.toInstant() : null;
	}

	/**
	 * Claims up to {@code limit} due emails of an account, in one statement and one durable commit: a link is in the
	 * database before its email leaves.
	 * @param validity how long the link of each kind of email works
	 */
	Claim claim(long accountId, int claimer, long runId, int limit, String domain,
			Function<EmailKind, Duration> validity) {
		return this.transactions.execute((status) -> {
			List<PendingEmail> pending = new ArrayList<>(limit);
			int[] cancelled = new int[1];
			this.jdbc.query(CLAIM, (rs) -> {
				if ("CANCELLED".equals(rs.getString("status"))) {
					cancelled[0]++;
				}
				else {
					pending.add(new PendingEmail(claimed(rs), rs.getString("token")));
				}
			}, accountId, limit, claimer, runId, domain, validity.apply(EmailKind.PASSWORD_RESET).toSeconds(),
					validity.apply(EmailKind.ACTIVATION).toSeconds());
			return new Claim(pending, cancelled[0]);
		});
	}

	/** Records what became of a chunk of claimed emails, in one transaction. */
	void record(Outcomes outcomes) {
		if (outcomes.isEmpty()) {
			return;
		}
		this.transactions.executeWithoutResult((status) -> this.jdbc.execute((Connection connection) -> {
			// Not waiting for the disk here is safe: if the database crashes and loses this commit, the rows are
			// back to SENDING by a delivery that is gone, so the next delivery sends them again as possible
			// duplicates. The claim, which must survive for that, is committed durably.
			update(connection, "set local synchronous_commit to off");
			if (!outcomes.sentIds.isEmpty()) {
				update(connection, SENT, array(connection, "bigint", outcomes.sentIds),
						array(connection, "bigint", outcomes.sentMillis));
			}
			if (!outcomes.failedIds.isEmpty()) {
				update(connection, FAILED, array(connection, "bigint", outcomes.failedIds),
						array(connection, "bigint", outcomes.failedNextMillis),
						array(connection, "boolean", outcomes.failedFinal), array(connection, "text", outcomes.failedErrors),
						array(connection, "boolean", outcomes.failedMaybeDelivered));
			}
			if (!outcomes.releasedIds.isEmpty()) {
				update(connection, "update email_outbox set status = 'QUEUED' where id = any(?) and status = 'SENDING'",
						array(connection, "bigint", outcomes.releasedIds));
			}
			if (!outcomes.unusedTokens.isEmpty()) {
				// links of emails that never left (refused, or not tried) must not work
				update(connection,
						"delete from user_token where token_hash in (select decode(h, 'hex') from unnest(?::text[]) h)",
						array(connection, "text", outcomes.unusedTokens));
			}
			return null;
		}));
	}

	/**
	 * Emails of the scope still queued that this delivery should have sent: those it tried and must retry later, and
	 * those due that it could not get to (an unreachable server).
	 */
	Remaining remaining(Long accountId, long runId) {
		String sql = """
				select count(*), min(next_attempt_at), max(last_error) filter (where delivery_execution_id = ?)
				from email_outbox
				where status = 'QUEUED' and (delivery_execution_id = ? or next_attempt_at <= now())""";
		RowMapperRemaining mapper = new RowMapperRemaining();
		return (accountId != null)
				? this.jdbc.queryForObject(sql + " and account_id = ?", mapper, runId, runId, accountId)
				: this.jdbc.queryForObject(sql, mapper, runId, runId);
	}

	/** The emails a delivery could not simply send: failed, cancelled, waiting for a retry, possible duplicates. */
	void problems(long runId, RowCallbackHandler handler) {
		this.jdbc.query("""
				select a.slug, u.email, o.kind, o.status, o.attempts, o.possible_duplicate, o.last_error, o.sent_at,
					o.next_attempt_at
				from email_outbox o join app_user u on u.id = o.user_id join account a on a.id = o.account_id
				where o.delivery_execution_id = ?
					and (o.status in ('FAILED', 'CANCELLED') or o.possible_duplicate
						or (o.status = 'QUEUED' and o.last_error is not null))
				order by a.slug, u.email_key, o.id""", handler, runId);
	}

	private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			statement.executeUpdate();
		}
	}

	private static Array array(Connection connection, String type, List<?> values) throws SQLException {
		return connection.createArrayOf(type, values.toArray());
	}

	private static ClaimedEmail claimed(ResultSet rs) throws SQLException {
		return new ClaimedEmail(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("user_id"),
				EmailKind.of(rs.getString("kind")), rs.getInt("attempts"), rs.getBoolean("possible_duplicate"),
				rs.getString("message_id"), rs.getString("email"), rs.getString("first_name"),
				rs.getString("last_name"), rs.getString("language"), rs.getString("host_code"),
				rs.getString("guest_code"), rs.getString("account_name"));
	}

	/** An email claimed for sending, with what it is rendered from: the user as they are now. */
	record ClaimedEmail(long id, long accountId, long userId, EmailKind kind, int attempts, boolean possibleDuplicate,
			String messageId, String email, String firstName, String lastName, String language, String hostCode,
			String guestCode, String accountName) {
	}

	/** A claimed email and the link token made for it. */
	record PendingEmail(ClaimedEmail email, String token) {

		String tokenHashHex() {
			return HexFormat.of().formatHex(LinkTokens.hash(this.token));
		}

	}

	/** The emails a claim took, and how many it cancelled. */
	record Claim(List<PendingEmail> pending, int cancelled) {
	}

	/** Queued emails a delivery leaves behind. */
	record Remaining(long count, Instant nextAttempt, String lastError) {
	}

	private static final class RowMapperRemaining implements org.springframework.jdbc.core.RowMapper<Remaining> {

		@Override
		public Remaining mapRow(ResultSet rs, int rowNum) throws SQLException {
			OffsetDateTime next = rs.getObject(2, OffsetDateTime.class);
			return new Remaining(rs.getLong(1), (next != null) ? next.toInstant() : null, rs.getString(3));
		}

	}

	/** What became of the emails of one chunk, gathered while sending and recorded at once. */
	static final class Outcomes {

		final List<Long> sentIds = new ArrayList<>();

		final List<Long> sentMillis = new ArrayList<>();

		final List<Long> failedIds = new ArrayList<>();

		final List<Long> failedNextMillis = new ArrayList<>();

		final List<Boolean> failedFinal = new ArrayList<>();

		final List<String> failedErrors = new ArrayList<>();

		final List<Boolean> failedMaybeDelivered = new ArrayList<>();

		final List<Long> releasedIds = new ArrayList<>();

		final List<String> unusedTokens = new ArrayList<>();

		void sent(PendingEmail email, Instant at) {
			this.sentIds.add(email.email().id());
			this.sentMillis.add(at.toEpochMilli());
		}

		/**
		 * @param nextAttempt when to try again, or {@code null} when this failure is final
		 */
		void failed(PendingEmail email, Instant nextAttempt, String error, boolean maybeDelivered) {
			this.failedIds.add(email.email().id());
			this.failedNextMillis.add((nextAttempt != null) ? nextAttempt.toEpochMilli() : 0L);
			this.failedFinal.add(nextAttempt == null);
			this.failedErrors.add(error);
			this.failedMaybeDelivered.add(maybeDelivered);
			if (!maybeDelivered) {
				this.unusedTokens.add(email.tokenHashHex());
			}
		}

		void released(PendingEmail email) {
			this.releasedIds.add(email.email().id());
			this.unusedTokens.add(email.tokenHashHex());
		}

		boolean isEmpty() {
			return this.sentIds.isEmpty() && this.failedIds.isEmpty() && this.releasedIds.isEmpty();
		}

	}

}
