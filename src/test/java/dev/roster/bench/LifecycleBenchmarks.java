package dev.roster.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import org.postgresql.PGConnection;

/**
 * terminate and sync-roster against hand-written set-based SQL doing the same work in the same run, on an account of
 * {@code BENCH_ROWS} users loaded straight into the tables (as a finished import would leave them: active, with codes
 * and a queued activation email each).
 * <p>
 * terminate: Roster terminates every tenth user from a file of emails; the baseline stages another tenth's emails
 * with COPY and terminates them with one {@code UPDATE ... FROM}-style statement (codes retired, rooms, delegations,
 * queued emails, links, snapshot), as an engineer would by hand.
 * <p>
 * sync-roster: Roster syncs a full roster with 1% of the users changed, 0.5% new and 0.5% gone; the baseline then
 * syncs another roster with a different 1% / 0.5% / 0.5%, by COPY into a staging table and set-based statements: the
 * same diff (reference names resolved, fields compared), the same creates (codes, activation emails), updates and
 * terminations.
 */
final class LifecycleBenchmarks {

	private static final String ACCOUNT = "bench";

	/** What Terminations does, written by hand over a staged list instead of an id array. */
	private static final String BASELINE_TERMINATE = """
			with target as (
				select u.* from gone g join app_user u on u.email_key = g.email_key
				where u.account_id = %d and u.status <> 'TERMINATED'
				for update of u
			),
			terminated as (
				update app_user u set status = 'TERMINATED', terminated_at = now(), host_code = null, guest_code = null,
					termination_due_on = null, updated_at = now()
				from target t where u.id = t.id
			),
			retired as (
				update access_code c set retired_at = now() from target t where c.user_id = t.id and c.retired_at is null
			),
			rooms as (delete from meeting_room r using target t where r.user_id = t.id),
			delegates as (delete from user_delegate d using target t where d.user_id = t.id),
			delegate_of as (delete from user_delegate d using target t where d.delegate_id = t.id),
			cancelled as (
				update email_outbox e set status = 'CANCELLED', last_error = 'user terminated'
				from target t where e.user_id = t.id and e.status = 'QUEUED'
			),
			links as (
				update user_token k set expires_at = now()
				from target t where k.user_id = t.id and k.used_at is null and k.expires_at > now()
			)
			insert into termination_snapshot (account_id, user_id, terminated_at, job_execution_id, snapshot)
			select t.account_id, t.id, now(), null, jsonb_build_object('reason', 'baseline', 'email', t.email,
				'status', t.status, 'first_name', t.first_name, 'last_name', t.last_name, 'profile_type', p.name,
				'group', g.name, 'office', o.name, 'billing_code', t.billing_code, 'language', t.language,
				'created_at', t.created_at, 'scheduled_for', t.termination_due_on, 'host_code', t.host_code,
				'guest_code', t.guest_code,
				'meeting_rooms', coalesce((select jsonb_agg(jsonb_build_object('id', r.id, 'name', r.name,
					'created_at', r.created_at) order by r.id) from meeting_room r where r.user_id = t.id), '[]'),
				'delegates', coalesce((select jsonb_agg(x.email order by x.email_key)
					from user_delegate d join app_user x on x.id = d.delegate_id where d.user_id = t.id), '[]'),
				'delegate_of', coalesce((select jsonb_agg(x.email order by x.email_key)
					from user_delegate d join app_user x on x.id = d.user_id where d.delegate_id = t.id), '[]'),
				'cancelled_emails', coalesce((select jsonb_agg(jsonb_build_object('id', e.id, 'kind', e.kind,
					'queued_at', e.created_at) order by e.id)
					from email_outbox e where e.user_id = t.id and e.status = 'QUEUED'), '[]'),
				'expired_links', (select count(*) from user_token k
					where k.user_id = t.id and k.used_at is null and k.expires_at > now()))
			from target t
			join account_profile_type p on p.id = t.profile_type_id
			left join account_group g on g.id = t.group_id
			left join account_office o on o.id = t.office_id""";

	/** The diff sync-roster does, by hand: roster staged as text, names resolved, then set-based statements. */
	private static final List<String> BASELINE_SYNC = List.of("""
			create temporary table roster_diff on commit drop as
			select r.email, lower(r.email) as email_key, r.first_name, r.last_name, p.id as profile_type_id,
				g.id as group_id, o.id as office_id, r.billing_code,
				case lower(r.language) when 'es' then 'es' else 'en' end as language, u.id as user_id, u.status,
				case when u.id is null then 'create'
					when (u.first_name, u.last_name, u.profile_type_id, u.group_id, u.office_id, u.billing_code, u.language)
						is distinct from (r.first_name, r.last_name, p.id, g.id, o.id, r.billing_code,
							case lower(r.language) when 'es' then 'es' else 'en' end) then 'update'
					else 'none' end as action
			from roster r
			left join account_profile_type p on p.account_id = %1$d and lower(p.name) = lower(r.profile_type)
			left join account_group g on g.account_id = %1$d and lower(g.name) = lower(r.group_name)
			left join account_office o on o.account_id = %1$d and lower(o.name) = lower(r.office)
			left join app_user u on u.email_key = lower(r.email)""", """
			update app_user u set first_name = d.first_name, last_name = d.last_name, profile_type_id = d.profile_type_id,
				group_id = d.group_id, office_id = d.office_id, billing_code = d.billing_code, language = d.language,
				updated_at = now()
			from roster_diff d where d.action = 'update' and u.id = d.user_id""", """
			create temporary table created on commit drop as
			select nextval(pg_get_serial_sequence('app_user', 'id')) as id, d.*,
				'3' || lpad(nextval('baseline_code')::text, 9, '0') as host_code,
				'4' || lpad(nextval('baseline_code')::text, 9, '0') as guest_code
			from roster_diff d where d.action = 'create'""", """
			insert into access_code (code, kind, user_id)
			select host_code, 'HOST', id from created union all select guest_code, 'GUEST', id from created""", """
			insert into app_user (id, account_id, email, status, first_name, last_name, profile_type_id, group_id,
				office_id, billing_code, language, host_code, guest_code)
			select id, %1$d, email, 'ACTIVE', first_name, last_name, profile_type_id, group_id, office_id, billing_code,
				language, host_code, guest_code from created""", """
			insert into email_outbox (account_id, user_id, kind) select %1$d, id, 'activation' from created""", """
			create temporary table gone on commit drop as
			select u.email_key from app_user u
			where u.account_id = %1$d and u.status <> 'TERMINATED'
				and not exists (select 1 from roster r where lower(r.email) = u.email_key)""");

	private LifecycleBenchmarks() {
	}

	static Benchmark terminate() {
		return new ImportBenchmarks.Named("terminate", LifecycleBenchmarks::terminate);
	}

	static Benchmark syncRoster() {
		return new ImportBenchmarks.Named("sync-roster", LifecycleBenchmarks::syncRoster);
	}

	private static Measurement terminate(BenchContext context) throws Exception {
		long accountId = load(context);
		long leavers = context.rows() / 10;
		Path file = context.file("leavers.csv");
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("Email\n");
			for (long i = 10; i <= context.rows(); i += 10) {
				out.write(UserFiles.row(i)[0]);
				out.write('\n');
			}
		}
		Timed<String> job = Timed
			.run(() -> context.roster("terminate", "--account", ACCOUNT, "--file", file.toString()));
		expect(job.result(), "terminated=" + leavers);

		StringBuilder others = new StringBuilder();
		for (long i = 5; i <= context.rows(); i += 10) {
			others.append(UserFiles.row(i)[0]).append('\n');
		}
		Timed<Long> baseline = Timed.run(() -> inTransaction(context, (connection) -> {
			try (Statement statement = connection.createStatement()) {
				statement.execute("create temporary table gone (email_key text) on commit drop");
				copyIn(connection, "copy gone from stdin", new StringReader(others.toString()));
				statement.execute("analyze gone");
				return (long) statement.executeUpdate(String.format(BASELINE_TERMINATE, accountId));
			}
		}));
		if (baseline.result() != leavers) {
			throw new IllegalStateException("baseline terminated " + baseline.result() + ", expected " + leavers);
		}
		return new Measurement(leavers, job.seconds(), baseline.seconds(), job.peakHeapBytes());
	}

	private static Measurement syncRoster(BenchContext context) throws Exception {
		long accountId = load(context);
		long rows = context.rows();
		long moved = rows / 200;
		// Roster's roster: every 200th user (offset 1) gone, every 100th (offset 2) renamed, 0.5% new
		Path roster = context.file("roster.csv");
		writeRoster(roster, rows, (i) -> i % 200 == 1, (i) -> i % 100 == 2, "new", moved, null);
		Timed<String> job = Timed.run(() -> context.roster("sync-roster", "--account", ACCOUNT, "--no-deliver",
				"--file", roster.toString()));
		expect(job.result(), "created=" + moved + " updated=" + (rows / 100) + " reactivated=0 terminated=" + moved);

		// the baseline's roster against the state Roster left: another 0.5% gone, another 1% changed, 0.5% more new
		Path baselineRoster = context.file("roster-baseline.csv");
		writeRoster(baselineRoster, rows, (i) -> i % 200 == 1 || i % 200 == 101, (i) -> i % 100 == 52, "newer", moved,
				"new");
		context.jdbc().execute("create sequence if not exists baseline_code");
		Timed<long[]> baseline = Timed.run(() -> inTransaction(context, (connection) -> {
			try (Statement statement = connection.createStatement()) {
				statement.execute("set local work_mem = '64MB'");
				statement.execute("""
						create temporary table roster (email text, first_name text, last_name text,
							profile_type text, group_name text, office text, billing_code text, language text)
						on commit drop""");
				try (Reader in = Files.newBufferedReader(baselineRoster, StandardCharsets.UTF_8)) {
					copyIn(connection, "copy roster from stdin with (format csv, header)", in);
				}
				statement.execute("analyze roster");
				long[] counts = new long[3];
				for (int i = 0; i < BASELINE_SYNC.size(); i++) {
					int changed = statement.executeUpdate(String.format(BASELINE_SYNC.get(i), accountId));
					if (i == 1) {
						counts[0] = changed;
					}
					else if (i == 4) {
						counts[1] = changed;
					}
				}
				counts[2] = statement.executeUpdate(String.format(BASELINE_TERMINATE, accountId));
				return counts;
			}
		}));
		if (baseline.result()[0] != rows / 100 || baseline.result()[1] != moved || baseline.result()[2] != moved) {
			throw new IllegalStateException("baseline updated, created, terminated "
					+ java.util.Arrays.toString(baseline.result()) + "; expected " + rows / 100 + ", " + moved);
		}
		return new Measurement(rows, job.seconds(), baseline.seconds(), job.peakHeapBytes());
	}

	/**
	 * A roster of the account's users 1..rows minus the gone, with the changed renamed, plus {@code added} new users
	 * (and the new users of an earlier roster, who exist by then).
	 */
	private static void writeRoster(Path file, long rows, LongPredicate gone, LongPredicate changed, String newPrefix,
			long added, String earlierNewPrefix) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(UserFiles.HEADER);
			out.write('\n');
			for (long i = 1; i <= rows; i++) {
				if (gone.test(i)) {
					continue;
				}
				String[] row = UserFiles.row(i);
				if (changed.test(i)) {
					row[1] = row[1] + " Jr";
				}
				if (i % 100 == 2 && earlierNewPrefix != null) {
					// changed by the earlier roster, so listed as it is now
					row[1] = row[1] + " Jr";
				}
				write(out, row);
			}
			for (String prefix : (earlierNewPrefix != null) ? List.of(earlierNewPrefix, newPrefix) : List.of(newPrefix)) {
				for (long j = 1; j <= added; j++) {
					String[] row = UserFiles.row(j);
					row[0] = prefix + j + "@bench.example";
					write(out, row);
				}
			}
		}
	}

	private static void write(Writer out, String[] row) throws IOException {
		for (int c = 0; c < row.length; c++) {
			if (c > 0) {
				out.write(',');
			}
			out.write(row[c].contains(",") ? "\"" + row[c] + "\"" : row[c]);
		}
		out.write('\n');
	}

	/**
	 * Empties the user tables and loads {@code rows} active users of the bench account with COPY, each with a host
	 * and a guest code (ten digits, outside the eight-digit codes Roster issues) and a queued activation email.
	 * @return the account id
	 */
	static long load(BenchContext context) throws Exception {
		ImportBenchmarks.ensureAccount(context);
		context.jdbc().execute("truncate sync_roster_row, delegate_row, job_seen_email, job_row_report, user_token, "
				+ "email_outbox, termination_snapshot, meeting_room, user_delegate, app_user, access_code");
		context.jdbc().execute("truncate batch_step_execution_context, batch_job_execution_context, "
				+ "batch_step_execution, batch_job_execution_params, batch_job_execution, batch_job_instance");
		long accountId = context.jdbc().queryForObject("select id from account where slug = ?", Long.class, ACCOUNT);
		Map<String, Long> profiles = names(context, "account_profile_type", accountId);
		Map<String, Long> groups = names(context, "account_group", accountId);
		Map<String, Long> offices = names(context, "account_office", accountId);
		Path users = context.file("load-users.copy");
		Path codes = context.file("load-codes.copy");
		Path emails = context.file("load-emails.copy");
		try (BufferedWriter u = Files.newBufferedWriter(users, StandardCharsets.UTF_8);
				BufferedWriter c = Files.newBufferedWriter(codes, StandardCharsets.UTF_8);
				BufferedWriter e = Files.newBufferedWriter(emails, StandardCharsets.UTF_8)) {
			for (long i = 1; i <= context.rows(); i++) {
				String[] row = UserFiles.row(i);
				String host = "1" + String.format("%09d", i);
				String guest = "2" + String.format("%09d", i);
				u.write(i + "\t" + accountId + "\t" + row[0] + "\tACTIVE\t" + row[1] + "\t" + row[2] + "\t"
						+ profiles.get(row[3]) + "\t" + groups.get(row[4]) + "\t" + offices.get(row[5]) + "\t" + row[6]
						+ "\t" + row[7] + "\t" + host + "\t" + guest + "\n");
				c.write(host + "\tHOST\t" + i + "\n" + guest + "\tGUEST\t" + i + "\n");
				e.write(accountId + "\t" + i + "\tactivation\n");
			}
		}
		// each table is analyzed before the next one's foreign keys look it up: planned against a table last seen
		// empty, the lookup of every row would be a scan of the whole table
		ImportBenchmarks.copyIn(context, "copy access_code (code, kind, user_id) from stdin", codes);
		context.jdbc().execute("vacuum analyze access_code");
		ImportBenchmarks.copyIn(context, """
				copy app_user (id, account_id, email, status, first_name, last_name, profile_type_id, group_id,
					office_id, billing_code, language, host_code, guest_code) from stdin""", users);
		context.jdbc().execute("vacuum analyze app_user");
		ImportBenchmarks.copyIn(context, "copy email_outbox (account_id, user_id, kind) from stdin", emails);
		context.jdbc().execute("vacuum analyze email_outbox");
		context.jdbc().execute("select setval(pg_get_serial_sequence('app_user', 'id'), " + (context.rows() + 1000) + ")");
		return accountId;
	}

	private static Map<String, Long> names(BenchContext context, String table, long accountId) {
		Map<String, Long> ids = new HashMap<>();
		context.jdbc().query("select name, id from " + table + " where account_id = ?",
				(rs) -> {
					ids.put(rs.getString(1), rs.getLong(2));
				}, accountId);
		return ids;
	}

	private static void expect(String summary, String fragment) {
		if (!summary.contains(fragment)) {
			throw new IllegalStateException("expected '" + fragment + "' in: " + summary);
		}
	}

	private static void copyIn(Connection connection, String sql, Reader in) throws Exception {
		connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in);
	}

	private static <T> T inTransaction(BenchContext context, SqlWork<T> work) throws Exception {
		try (Connection connection = context.dataSource().getConnection()) {
			connection.setAutoCommit(false);
			try {
				T result = work.run(connection);
				connection.commit();
				return result;
			}
			catch (Exception ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
		}
	}

	@FunctionalInterface
	private interface SqlWork<T> {

		T run(Connection connection) throws Exception;

	}

}
