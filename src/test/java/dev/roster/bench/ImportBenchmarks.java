package dev.roster.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Bulk import and export against raw {@code COPY}. The import baseline copies the very rows the import stored (users,
 * codes, outbox rows, dumped after the import) back into the same tables with the same indexes; the export baseline
 * is {@code COPY (SELECT ...) TO STDOUT} of the export's own query.
 */
final class ImportBenchmarks {

	private static final String ACCOUNT = "bench";

	/** Tables the import writes, in foreign-key order, with the columns a COPY can set. */
	private static final List<String[]> STORED = List.of(
			new String[] { "access_code", "code, kind, user_id, issued_at, retired_at" },
			new String[] { "app_user", """
					id, account_id, email, first_name, last_name, profile_type_id, group_id, office_id, billing_code,
					language, status, host_code, guest_code, activation_email_sent_at, welcome_email_sent_at,
					created_at, updated_at, terminated_at, termination_due_on""" },
			new String[] { "email_outbox", """
					account_id, user_id, kind, status, attempts, next_attempt_at, claimed_at, sent_at, last_error,
					possible_duplicate, job_execution_id, created_at""" });

	private static final String EXPORT_QUERY = """
			select u.email, u.first_name, u.last_name, u.status, p.name, g.name, o.name, u.host_code, u.guest_code,
				u.billing_code, u.language,
				to_char(u.activation_email_sent_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
				to_char(u.welcome_email_sent_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
				to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
				to_char(u.terminated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
			from app_user u
			join account a on a.id = u.account_id
			join account_profile_type p on p.id = u.profile_type_id
			left join account_group g on g.id = u.group_id
			left join account_office o on o.id = u.office_id
			where a.slug = 'bench'
			order by u.email_key""";

	/** The first import's time in this run, the yardstick of the re-import. */
	private static Double importSeconds;

	private ImportBenchmarks() {
	}

	static Benchmark importCsv() {
		return new Named("import-csv", ImportBenchmarks::importCsv);
	}

	static Benchmark reimportCsv() {
		return new Named("reimport-csv", ImportBenchmarks::reimportCsv);
	}

	static Benchmark exportCsv() {
		return new Named("export-csv", ImportBenchmarks::exportCsv);
	}

	private static Measurement importCsv(BenchContext context) throws Exception {
		Timed<String> job = freshImport(context);
		List<Path> dumps = new ArrayList<>();
		for (String[] table : STORED) {
			Path dump = context.file(table[0] + ".copy");
			copyOut(context, "copy (select " + table[1] + " from " + table[0] + ") to stdout", dump);
			dumps.add(dump);
		}
		truncateUsers(context);
		checkpoint(context);
		// An autoanalyze that runs while one of the baseline's million-row COPYs is still uncommitted records the
		// table as empty, and the next COPY's foreign key checks, planned on that, may walk a whole account's index
		// for every row (a baseline of hours). The import's chunks commit as they go, so only the baseline, one
		// transaction a table, is exposed: its tables keep autovacuum off while it runs.
		autovacuum(context, false);
		Timed<Long> baseline;
		try {
			baseline = Timed.run(() -> {
				long copied = 0;
				for (int i = 0; i < STORED.size(); i++) {
					String[] table = STORED.get(i);
					copied += copyIn(context, "copy " + table[0] + " (" + table[1] + ") from stdin", dumps.get(i));
				}
				return copied;
			});
		}
		finally {
			autovacuum(context, true);
		}
		return new Measurement(context.rows(), job.seconds(), baseline.seconds(), job.peakHeapBytes());
	}

	private static Measurement reimportCsv(BenchContext context) throws Exception {
		if (importSeconds == null || userCount(context) != context.rows()) {
			freshImport(context);
		}
		// the same rows under another content hash: a file that completed is otherwise never imported again
		Path original = UserFiles.csv(context.file("users.csv"), context.rows());
		Path again = context.file("users-again.csv");
		Files.copy(original, again, StandardCopyOption.REPLACE_EXISTING);
		Files.writeString(again, "\n", java.nio.file.StandardOpenOption.APPEND);
		checkpoint(context);
		Timed<String> job = Timed.run(() -> context.roster("import-users", "--account", ACCOUNT, "--no-deliver",
				"--file", again.toString()));
		expect(job.result(), "unchanged=" + context.rows());
		return new Measurement(context.rows(), job.seconds(), importSeconds, job.peakHeapBytes());
	}

	private static Measurement exportCsv(BenchContext context) throws Exception {
		if (userCount(context) != context.rows()) {
			freshImport(context);
		}
		Path out = context.file("export.csv");
		// an account at rest: the autovacuum a million new rows set off would otherwise run during one side only
		context.jdbc().execute("vacuum analyze app_user");
		checkpoint(context);
		Timed<String> job = Timed.run(() -> context.roster("export-users", "--account", ACCOUNT, "--out",
				out.toString()));
		expect(job.result(), "exported=" + context.rows());
		Path baselineOut = context.file("export-baseline.csv");
		Timed<Long> baseline = Timed
			.run(() -> copyOut(context, "copy (" + EXPORT_QUERY + ") to stdout with (format csv, header)", baselineOut));
		return new Measurement(context.rows(), job.seconds(), baseline.seconds(), job.peakHeapBytes());
	}

	private static Timed<String> freshImport(BenchContext context) throws Exception {
		Timed<String> job = freshImport(context, UserFiles.csv(context.file("users.csv"), context.rows()));
		importSeconds = job.seconds();
		return job;
	}

	/** import-users of {@code file} into an empty account, from a clean checkpoint. */
	static Timed<String> freshImport(BenchContext context, Path file) throws Exception {
		ensureAccount(context);
		truncateUsers(context);
		context.jdbc().update("truncate batch_step_execution_context, batch_job_execution_context, "
				+ "batch_step_execution, batch_job_execution_params, batch_job_execution, batch_job_instance");
		checkpoint(context);
		Timed<String> job = Timed.run(() -> context.roster("import-users", "--account", ACCOUNT, "--no-deliver",
				"--file", file.toString()));
		expect(job.result(), "created=" + context.rows());
		return job;
	}

	/**
	 * Flushes what earlier work wrote, so the next timed part does not pay for it: every import and every baseline
	 * starts clean.
	 */
	static void checkpoint(BenchContext context) {
		try {
			context.jdbc().execute("checkpoint");
		}
		catch (RuntimeException ex) {
			// an external server may not let this user checkpoint; the measurement is then a little less fair
		}
	}

	/** The benchmarks' account, with the profile types, groups and offices the generated users name. */
	static void ensureAccount(BenchContext context) {
		List<String> args = new ArrayList<>(List.of("account", "create", ACCOUNT, "--name", "Bench Corporation",
				"--profile-type", "Standard", "--profile-type", "Premium", "--billing-code", "00001"));
		for (String group : UserFiles.GROUPS) {
			args.addAll(List.of("--group", group));
		}
		for (String office : UserFiles.OFFICES) {
			args.addAll(List.of("--office", office));
		}
		context.roster(args.toArray(String[]::new));
	}

	private static void autovacuum(BenchContext context, boolean enabled) {
		for (String[] table : STORED) {
			context.jdbc().execute("alter table " + table[0] + " set (autovacuum_enabled = " + enabled + ")");
		}
	}

	private static void truncateUsers(BenchContext context) {
		context.jdbc().execute("truncate job_seen_email, job_row_report, user_token, email_outbox, "
				+ "termination_snapshot, meeting_room, user_delegate, app_user, access_code");
	}

	private static long userCount(BenchContext context) {
		Long count = context.jdbc().queryForObject("select count(*) from app_user", Long.class);
		return (count != null) ? count : 0;
	}

	private static void expect(String summary, String fragment) {
		if (!summary.contains(fragment)) {
			throw new IllegalStateException("expected '" + fragment + "' in: " + summary);
		}
	}

	static long copyOut(BenchContext context, String sql, Path file) throws Exception {
		try (Connection connection = context.dataSource().getConnection();
				Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
			return copyManager(connection).copyOut(sql, out);
		}
	}

	static long copyIn(BenchContext context, String sql, Path file) throws Exception {
		try (Connection connection = context.dataSource().getConnection();
				Reader in = new BufferedReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), 1 << 16)) {
			return copyManager(connection).copyIn(sql, in);
		}
	}

	private static CopyManager copyManager(Connection connection) throws Exception {
		return connection.unwrap(PGConnection.class).getCopyAPI();
	}

	/** A benchmark made of a name and a method. */
	record Named(String name, Work work) implements Benchmark {

		@Override
		public Measurement run(BenchContext context) throws Exception {
			return this.work.run(context);
		}

	}

	@FunctionalInterface
	interface Work {

		Measurement run(BenchContext context) throws Exception;

	}

}
