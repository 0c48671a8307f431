package dev.roster.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every launch of a job, whichever door it came through: queued by the HTTP door as it answers, recorded by
 * {@link JobRunner} as it runs and ends. Spring Batch keeps executions; this keeps launches, also those that started
 * none (already completed, rejected, busy), with who launched them, from where and with which file.
 */
@Repository
public class JobHistory {

	/** A launch waiting for its account's turn. */
	public static final String QUEUED = "QUEUED";

	/** A launch running now; then the name of its {@link JobStatus}. */
	public static final String RUNNING = "RUNNING";


	private static final String COLUMNS = """
			l.id, a.slug, l.job, l.door, l.launched_by, l.file_name, l.file_path, l.file_sha256, l.options::text,
			l.dry_run, l.status, l.execution_id, l.counts::text, l.report, l.message, l.total_rows, l.created_at,
			l.started_at, l.ended_at, l.approved_by, l.approval_of
			from job_launch l left join account a on a.id = l.account_id""";

	private final JdbcClient jdbc;

	JobHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records a launch that waits for its turn; returns its id. */
	public long queue(NewLaunch launch) {
		return insert(launch, QUEUED);
	}

	/** Records a launch that runs now. */
	long start(NewLaunch launch) {
		return insert(launch, RUNNING);
	}

	private long insert(NewLaunch launch, String status) {
		return this.jdbc.sql("""
				insert into job_launch (account_id, job, door, launched_by, file_name, file_path, file_sha256, options,
					dry_run, status, total_rows, approved_by, approval_of, started_at)
				values ((select id from account where slug = :account), :job, :door, :launchedBy, :fileName, :filePath,
					:sha256, jsonb_object(:optionNames::text[], :optionValues::text[]), :dryRun, :status, :totalRows,
					:approvedBy, :approvalOf,
					case when :status = 'RUNNING' then now() end)
				returning id""")
			.param("account", launch.account())
			.param("job", launch.job())
			.param("door", launch.origin().door())
			.param("launchedBy", launch.origin().launchedBy())
			.param("fileName", launch.origin().fileName())
			.param("filePath", launch.filePath())
			.param("sha256", launch.fileSha256())
			.param("optionNames", launch.options().keySet().toArray(String[]::new))
			.param("optionValues", launch.options().values().toArray(String[]::new))
			.param("dryRun", launch.dryRun())
			.param("status", status)
			.param("totalRows", launch.totalRows())
			.param("approvedBy", launch.approvedBy())
			.param("approvalOf", launch.approvalOf())
			.query(Long.class)
			.single();
	}

	/** A queued launch's turn came. */
	void running(long id) {
		this.jdbc.sql("update job_launch set status = 'RUNNING', started_at = now() where id = :id")
			.param("id", id)
			.update();
	}

	void ended(long id, JobOutcome outcome) {
		this.jdbc.sql("""
				update job_launch set status = :status, execution_id = :execution,
					counts = (select coalesce(jsonb_object_agg(name, value), '{}') from unnest(:countNames::text[],
						:countValues::bigint[]) as count(name, value)),
					report = :report, message = :message, ended_at = now(), started_at = coalesce(started_at, now())
				where id = :id""")
			.param("id", id)
			.param("status", outcome.status().name())
			.param("execution", (outcome.executionId() != null) ? outcome.executionId() : outcome.previousExecutionId())
			.param("countNames", outcome.counts().keySet().toArray(String[]::new))
			.param("countValues", outcome.counts().values().toArray(Long[]::new))
			.param("report", outcome.report())
			.param("message", outcome.message())
			.update();
	}

	/** A launch that ended without an outcome: Roster could not run it. */
	public void failed(long id, String message) {
		this.jdbc.sql("""
				update job_launch set status = 'FAILED', message = :message, ended_at = now()
				where id = :id and ended_at is null""")
			.param("id", id)
			.param("message", message)
			.update();
	}

	public Optional<Launch> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " where l.id = :id")
			.param("id", id)
			.query(JobHistory::launch)
			.optional();
	}

	/**
	 * An account's launches, newest first, those with an id below {@code before} when it is given; a filter that is
	 * {@code null} filters nothing.
	 */
	public List<Launch> list(String account, String status, String job, String door, Long before, int limit) {
		return this.jdbc.sql("select " + COLUMNS + """
				 where a.slug = :account and (:status::text is null or l.status = :status)
					and (:job::text is null or l.job = :job) and (:door::text is null or l.door = :door)
					and (:before::bigint is null or l.id < :before)
				order by l.id desc limit :limit""")
			.param("account", account)
			.param("status", status)
			.param("job", job)
			.param("door", door)
			.param("before", before)
			.param("limit", limit)
			.query(JobHistory::launch)
			.list();
	}

	/** The launches of a job on this content in an account, newest first. */
	public List<Launch> sameContent(String account, String job, String sha256) {
		return this.jdbc.sql("select " + COLUMNS + """
				 where a.slug = :account and l.job = :job and l.file_sha256 = :sha256
				order by l.id desc limit 50""")
			.param("account", account)
			.param("job", job)
			.param("sha256", sha256)
			.query(JobHistory::launch)
			.list();
	}

	/**
	 * The users an account's launches created and terminated, per day (in {@code zone}) from {@code from} on, by the
	 * counts of the runs that completed; days with none are left out. A dry run changed nothing and counts nothing.
	 */
	public List<DayRows> rowsPerDay(String account, LocalDate from, ZoneId zone) {
		return this.jdbc.sql("""
				select (l.ended_at at time zone :zone)::date as day,
					coalesce(sum((l.counts ->> 'created')::bigint), 0) as created,
					coalesce(sum((l.counts ->> 'terminated')::bigint), 0) as terminated
				from job_launch l join account a on a.id = l.account_id
				where a.slug = :account and not l.dry_run and l.status = 'COMPLETED' and l.ended_at >= :since
				group by 1 order by 1""")
			.param("account", account)
			.param("zone", zone.getId())
			.param("since", Timestamp.from(from.atStartOfDay(zone).toInstant()))
			.query((rs, row) -> new DayRows(rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	/** Launches left queued or running by a process that stopped: nothing runs them any more. */
	public int abandoned(String door, String message) {
		return this.jdbc.sql("""
				update job_launch set status = 'FAILED', message = :message, ended_at = now()
				where door = :door and status in ('QUEUED', 'RUNNING')""")
			.param("door", door)
			.param("message", message)
			.update();
	}

	private static Launch launch(ResultSet rs, int row) throws SQLException {
		return new Launch(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getString(8),
				Json.MAPPER.readValue(rs.getString(9), new TypeReference<LinkedHashMap<String, String>>() {
				}), rs.getBoolean(10), rs.getString(11), nullableLong(rs, 12),
				(rs.getString(13) != null) ? Json.MAPPER.readValue(rs.getString(13),
						new TypeReference<LinkedHashMap<String, Long>>() {
						}) : null,
				rs.getString(14), rs.getString(15), nullableLong(rs, 16), instant(rs.getTimestamp(17)),
				instant(rs.getTimestamp(18)), instant(rs.getTimestamp(19)), rs.getString(20), nullableLong(rs, 21));
	}

	private static Long nullableLong(ResultSet rs, int column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** The users an account's completed runs created and terminated on one day. */
	public record DayRows(LocalDate day, long created, long terminated) {
	}

	/**
	 * What a new launch record says.
	 *
	 * @param account the account's slug, or {@code null} for a job of every account
	 * @param job the command ({@code import-users})
	 * @param filePath where the launch reads its file, or {@code null}
	 * @param options the values of its options, by option name
	 * @param totalRows the file's data rows, counted before the run, or {@code null} when unknown
	 * @param approvedBy who approved what a guard stopped in launch {@code approvalOf}, or {@code null}
	 */
	public record NewLaunch(String account, String job, LaunchOrigin origin, String filePath, String fileSha256,
			Map<String, String> options, boolean dryRun, Long totalRows, String approvedBy, Long approvalOf) {
	}

	/**
	 * A launch as recorded.
	 *
	 * @param status {@link #QUEUED}, {@link #RUNNING}, or the name of the {@link JobStatus} it ended with
	 * @param counts the row counters it ended with, or {@code null} while it has not
	 */
	public record Launch(long id, String account, String job, String door, String launchedBy, String fileName,
			String filePath, String fileSha256, Map<String, String> options, boolean dryRun, String status,
			Long executionId, Map<String, Long> counts, String report, String message, Long totalRows,
			Instant createdAt, Instant startedAt, Instant endedAt, String approvedBy, Long approvalOf) {

		public boolean ended() {
			return this.endedAt != null;
		}

	}

	/** Made on first read: a command that only records its launch never needs JSON's mapper, which is slow to make. */
	private static final class Json {

		static final JsonMapper MAPPER = JsonMapper.builder().build();

	}

}
