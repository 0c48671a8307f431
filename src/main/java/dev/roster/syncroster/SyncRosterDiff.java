package dev.roster.syncroster;

import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.roster.intake.DateCells;
import dev.roster.intake.UserRowRules;
import dev.roster.user.UserFields;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The diff of a staged roster against the users table, in set-based SQL. {@link #classify} writes every change the
 * roster asks for into a temporary table of the current transaction ({@code sync_change}: typically a few percent of
 * the rows, since unchanged users are left out); the apply step, the guard and the reports all read that one result,
 * so what is counted, checked, planned and applied is the same thing.
 * <p>
 * Actions ({@link SyncAction}): {@code create}, {@code update}, {@code reactivate}, {@code terminate} (a row whose
 * termination date has passed), {@code absent} (an active or invited user no row names), {@code kept} (such a user, kept because a row
 * rejected for its email leaves the file unable to show who is absent), and the rejections only the database can
 * find: {@code duplicate} (an email already in an earlier valid row) and {@code foreign} (a user of another account).
 */
final class SyncRosterDiff {

	// The temporary table lives and dies with the apply step's transaction: it is scratch space, not schema.
	// A row names its user even when it was rejected (a bad office): only users no row names at all are absent.
	private static final String CLASSIFY = """
			create temporary table sync_change on commit drop as
			with valid as not materialized (
				select s.row_number, s.email, s.email_key, s.first_name, s.last_name, s.profile_type_id, s.group_id,
					s.office_id, s.billing_code, s.language, s.termination_date,
					case when s.termination_date > :today then s.termination_date end as due
				from sync_roster_row s
				where s.job_instance_id = :instance and s.error is null
			),
			repeated as (
				-- only keys the stage step flagged can repeat: without any, nothing is grouped
				select v.email_key, min(v.row_number) as first_row
				from valid v
				where v.email_key in (
					select f.email_key from sync_roster_row f where f.job_instance_id = :instance and f.maybe_repeated)
				group by v.email_key having count(*) > 1
			),
			joined as (
				-- a column the roster does not have leaves the user's value as it is; a blank cell sets the default
				select v.row_number, v.email, v.email_key, v.termination_date, r.first_row, u.id as user_id,
					u.account_id, u.status, v.first_name, v.last_name,
					case when :profileType or u.id is null then v.profile_type_id else u.profile_type_id end
						as profile_type_id,
					case when :group or u.id is null then v.group_id else u.group_id end as group_id,
					case when :office or u.id is null then v.office_id else u.office_id end as office_id,
					case when :billingCode or u.id is null then v.billing_code else u.billing_code end as billing_code,
					case when :language or u.id is null then v.language else u.language end as language,
					case when :terminationDate or u.id is null then v.due else u.termination_due_on end as due,
					(u.first_name, u.last_name, u.profile_type_id, u.group_id, u.office_id, u.billing_code,
						u.language, u.termination_due_on) as stored
				from valid v
				left join repeated r on r.email_key = v.email_key
				left join app_user u on u.email_key = v.email_key
			),
			classified as (
				select j.*,
					case
						when j.first_row <> j.row_number then 'duplicate'
						when j.account_id <> :account then 'foreign'
						when j.termination_date <= :today then
							case when j.user_id is null or j.status = 'TERMINATED' then 'none' else 'terminate' end
						when j.user_id is null then 'create'
						when j.status = 'TERMINATED' then 'reactivate'
						when j.stored is distinct from (j.first_name, j.last_name, j.profile_type_id, j.group_id,
							j.office_id, j.billing_code, j.language, j.due) then 'update'
						else 'none'
					end as action
				from joined j
			),
			changes as (
				select row_number, email, email_key, user_id, action, first_name, last_name, profile_type_id, group_id,
					office_id, billing_code, language, due, termination_date, first_row
				from classified where action <> 'none'
				union all
				select null, u.email, u.email_key, u.id, 'absent', null, null, null, null, null, null, null, null, null,
					null
				from app_user u
				where u.account_id = :account and u.status <> 'TERMINATED'
					and not exists (
						select 1 from sync_roster_row s where s.job_instance_id = :instance and s.email_key = u.email_key)
			)
			select row_number() over () as seq, c.*, null::text as message from changes c""";

	/** Rows per statement when the apply step works through one action page by page. */
	static final int PAGE = 5000;

	/** First key of the advisory lock a sync holds on its account while it diffs and applies; the second is the id. */
	static final int LOCK_CLASS = 0x53594E43;

	private final NamedParameterJdbcTemplate jdbc;

	private final long jobInstanceId;

	private final long accountId;

	SyncRosterDiff(NamedParameterJdbcTemplate jdbc, long jobInstanceId, long accountId) {
		this.jdbc = jdbc;
		this.jobInstanceId = jobInstanceId;
		this.accountId = accountId;
	}

	/**
	 * Waits until no other sync of the account is diffing or applying, and keeps them waiting until this transaction
	 * ends: every run is its own job instance, so two runs of one account could otherwise both diff against the users
	 * as they were and both apply.
	 */
	void lockAccount() {
		this.jdbc.query("select pg_advisory_xact_lock(:class, :id)",
				new MapSqlParameterSource("class", LOCK_CLASS).addValue("id", Math.toIntExact(this.accountId)),
				(rs) -> {
				});
	}

	/**
	 * Keeps the users no row names: a row rejected for its email names no one, so the file cannot show who is
	 * absent. Returns how many would otherwise have been terminated.
	 */
	int keepAbsent() {
		return this.jdbc.update("update sync_change set action = :kept where action = :absent",
				parameters(null).addValue("kept", SyncAction.KEPT.value()).addValue("absent", SyncAction.ABSENT.value()));
	}

	/** How many rows the stage step left for this instance. */
	long stagedRows() {
		Long count = this.jdbc.queryForObject("select count(*) from sync_roster_row where job_instance_id = :instance",
				parameters(null), Long.class);
		return (count != null) ? count : 0;
	}

	/**
	 * Writes {@code sync_change} for the current transaction; returns how many of each action.
	 * @param columns the fields the roster has a column for
	 */
	Map<SyncAction, Long> classify(LocalDate today, java.util.Set<String> columns) {
		// the staged rows were just written: without statistics the planner may pick a nested loop over a million rows
		this.jdbc.getJdbcTemplate().execute("analyze sync_roster_row");
		// a hash of a million email keys fits in memory with this, instead of spilling to disk in batches
		this.jdbc.getJdbcTemplate().execute("set local work_mem = '64MB'");
		this.jdbc.update(CLASSIFY, parameters(today).addValue("profileType", columns.contains(UserRowRules.PROFILE_TYPE))
			.addValue("group", columns.contains(UserRowRules.GROUP))
			.addValue("office", columns.contains(UserRowRules.OFFICE))
			.addValue("billingCode", columns.contains(UserRowRules.BILLING_CODE))
			.addValue("language", columns.contains(UserRowRules.LANGUAGE))
			.addValue("terminationDate", columns.contains(DateCells.TERMINATION_DATE)));
		this.jdbc.getJdbcTemplate().execute("create index on sync_change (action, seq)");
		this.jdbc.getJdbcTemplate().execute("analyze sync_change");
		Map<SyncAction, Long> counts = new EnumMap<>(SyncAction.class);
		this.jdbc.query("select action, count(*) from sync_change group by action", (rs) -> {
			counts.put(SyncAction.of(rs.getString(1)), rs.getLong(2));
		});
		return counts;
	}

	/** The account's users that are not terminated: the guard's 100%. */
	long liveUsers() {
		Long count = this.jdbc.queryForObject(
				"select count(*) from app_user where account_id = :account and status <> 'TERMINATED'",
				parameters(null), Long.class);
		return (count != null) ? count : 0;
	}

	/** The user ids of one action, a page at a time, in file order (absent users in no particular order). */
	void userIds(SyncAction action, Consumer<List<Long>> page) {
		long after = 0;
		while (true) {
			List<long[]> rows = this.jdbc.query("""
					select seq, user_id from sync_change where action = :action and seq > :after
					order by seq limit :page""", parameters(null).addValue("action", action.value())
				.addValue("after", after)
				.addValue("page", PAGE), (rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) });
			if (rows.isEmpty()) {
				return;
			}
			page.accept(rows.stream().map((row) -> row[1]).toList());
			after = rows.get(rows.size() - 1)[0];
		}
	}

	/** The rows to create, a page at a time, in file order. */
	void creations(Consumer<List<NewRosterUser>> page) {
		long after = 0;
		while (true) {
			List<NewRosterUser> rows = new ArrayList<>();
			long[] last = { after };
			this.jdbc.query("""
					select seq, email, first_name, last_name, profile_type_id, group_id, office_id, billing_code,
						language, due
					from sync_change where action = :create and seq > :after
					order by seq limit :page""", parameters(null).addValue("create", SyncAction.CREATE.value())
				.addValue("after", after)
				.addValue("page", PAGE),
					(rs) -> {
						last[0] = rs.getLong(1);
						Date due = rs.getDate(10);
						rows.add(new NewRosterUser(rs.getString(2),
								new UserFields(rs.getString(3), rs.getString(4), rs.getLong(5),
										rs.getObject(6, Long.class), rs.getObject(7, Long.class), rs.getString(8),
										rs.getString(9)),
								(due != null) ? due.toLocalDate() : null));
					});
			if (rows.isEmpty()) {
				return;
			}
			page.accept(rows);
			after = last[0];
		}
	}

	/** Sets the roster's fields (and scheduled termination) on the users to update and the users reactivated. */
	int updateFields() {
		return this.jdbc.update("""
				update app_user u set first_name = c.first_name, last_name = c.last_name,
					profile_type_id = c.profile_type_id, group_id = c.group_id, office_id = c.office_id,
					billing_code = c.billing_code, language = c.language, termination_due_on = c.due,
					updated_at = now()
				from sync_change c
				where c.action in (:actions) and u.id = c.user_id and u.account_id = :account""",
				parameters(null).addValue("actions", SyncAction.valuesOf(SyncAction.UPDATE, SyncAction.REACTIVATE)));
	}

	/** Schedules the termination of created users whose row has a future termination date. */
	void scheduleCreated() {
		this.jdbc.update("""
				update app_user u set termination_due_on = c.due
				from sync_change c
				where c.action = :create and c.due is not null and u.email_key = c.email_key
					and u.account_id = :account""", parameters(null).addValue("create", SyncAction.CREATE.value()));
	}

	/**
	 * Describes each change for a plan, as import-users does: {@code first name 'John' -> 'Jonathan'}. Run before
	 * anything is applied: it compares with the users as they are.
	 */
	void describeChanges() {
		this.jdbc.update("""
				update sync_change c set message = nullif(concat_ws('; ',
					case when c.action = 'reactivate' then 'rehired: active again with new codes' end,
					case when u.first_name is distinct from c.first_name
						then format('first name ''%s'' -> ''%s''', u.first_name, c.first_name) end,
					case when u.last_name is distinct from c.last_name
						then format('last name ''%s'' -> ''%s''', u.last_name, c.last_name) end,
					case when u.profile_type_id is distinct from c.profile_type_id
						then format('profile type ''%s'' -> ''%s''',
							(select name from account_profile_type where id = u.profile_type_id),
							(select name from account_profile_type where id = c.profile_type_id)) end,
					case when u.group_id is distinct from c.group_id
						then format('group ''%s'' -> ''%s''', (select name from account_group where id = u.group_id),
							(select name from account_group where id = c.group_id)) end,
					case when u.office_id is distinct from c.office_id
						then format('office ''%s'' -> ''%s''', (select name from account_office where id = u.office_id),
							(select name from account_office where id = c.office_id)) end,
					case when u.billing_code is distinct from c.billing_code
						then format('billing code ''%s'' -> ''%s''', u.billing_code, c.billing_code) end,
					case when u.language is distinct from c.language
						then format('language ''%s'' -> ''%s''', u.language, c.language) end,
					case when u.termination_due_on is distinct from c.due then
						case when c.due is null
							then format('scheduled termination on %s cancelled', u.termination_due_on)
							else format('termination scheduled for %s', c.due) end end), '')
				from app_user u
				where c.action in ('update', 'reactivate') and u.id = c.user_id""", parameters(null));
	}

	/** Explains, for the reports, the rejections only the diff finds (a repeated email, another account's user). */
	void describeRejections(String keptReason) {
		this.jdbc.update("""
				update sync_change c set message = case c.action
					when 'create' then 'termination scheduled for ' || c.due
					when 'terminate' then 'termination date ' || c.termination_date || ' has passed'
					when 'absent' then 'not in the roster'
					when 'kept' then 'not in the roster, but not terminated: ' || :keptReason
					when 'duplicate' then format('email ''%s'' already appears in row %s of this file', c.email,
						c.first_row)
					when 'foreign' then format('email ''%s'' belongs to a user outside this account', c.email)
				end
				where c.action in ('terminate', 'absent', 'kept', 'duplicate', 'foreign')
					or (c.action = 'create' and c.due is not null)""",
				parameters(null).addValue("keptReason", (keptReason != null) ? keptReason : ""));
	}

	/** Forgets the staged rows of this instance. */
	void clear() {
		if (!truncateIfAlone()) {
			this.jdbc.update("delete from sync_roster_row where job_instance_id = :instance", parameters(null));
		}
	}

	/**
	 * Empties the staging table at once when this instance is the only one with rows in it: deleting a million rows
	 * costs a second, truncating nothing. TRUNCATE needs the table to itself; when another sync holds it, the lock is
	 * not waited for (a savepoint takes back the failed attempt) and the rows are deleted instead. Under that lock no
	 * one can stage meanwhile, so no other instance's rows are lost.
	 */
	private boolean truncateIfAlone() {
		DataSource dataSource = this.jdbc.getJdbcTemplate().getDataSource();
		Connection connection = DataSourceUtils.getConnection(dataSource);
		Savepoint savepoint = null;
		try {
			savepoint = connection.setSavepoint();
			try (Statement statement = connection.createStatement()) {
				statement.execute("lock table sync_roster_row in access exclusive mode nowait");
				try (ResultSet others = statement.executeQuery(
						"select 1 from sync_roster_row where job_instance_id <> " + this.jobInstanceId + " limit 1")) {
					if (others.next()) {
						connection.releaseSavepoint(savepoint);
						return false;
					}
				}
				statement.execute("truncate sync_roster_row");
			}
			connection.releaseSavepoint(savepoint);
			return true;
		}
		catch (SQLException ex) {
			try {
				if (savepoint != null) {
					connection.rollback(savepoint);
				}
			}
			catch (SQLException rollback) {
				ex.addSuppressed(rollback);
				throw new IllegalStateException("Cannot empty the staged roster: " + ex.getMessage(), ex);
			}
			return false;
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	MapSqlParameterSource parameters(LocalDate today) {
		MapSqlParameterSource parameters = new MapSqlParameterSource().addValue("instance", this.jobInstanceId)
			.addValue("account", this.accountId);
		if (today != null) {
			parameters.addValue("today", Date.valueOf(today));
		}
		return parameters;
	}

	/** A user the roster creates. */
	record NewRosterUser(String email, UserFields fields, LocalDate due) {
	}

}
