package dev.roster.intake;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.roster.files.ReportCsv;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The per-row reports of job instances, kept in the database while a job runs so that a restarted job neither loses
 * nor repeats a line, then written out as a CSV that has the input's columns plus {@code Row} and {@code Error}: a
 * rejects report can be corrected and dropped again as it is, the apostrophes that keep its values from running as
 * formulas taken off again by {@link Cells#clean}.
 */
@Repository
public class RowReports {

	private final JdbcTemplate jdbc;

	RowReports(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Marks emails as seen in this job instance's file.
	 * @param firstRows email key to row number, distinct keys of one chunk in file order
	 * @return for keys seen in an earlier chunk, the row where they were first seen
	 */
	public Map<String, Long> markSeen(long jobInstanceId, Map<String, Long> firstRows) {
		Map<String, Long> seenBefore = new HashMap<>();
		if (firstRows.isEmpty()) {
			return seenBefore;
		}
		String[] keys = firstRows.keySet().toArray(String[]::new);
		Long[] rows = firstRows.values().toArray(Long[]::new);
		// one statement marks the chunk's emails and says which were new; an email seen before is rare, so the row
		// where it was first seen is looked up only then
		List<String> fresh = this.jdbc.query("""
				insert into job_seen_email (job_instance_id, email_key, row_number)
				select ?, k, r from unnest(?::text[], ?::bigint[]) as t(k, r)
				on conflict do nothing returning email_key""", (ps) -> {
			ps.setLong(1, jobInstanceId);
			ps.setArray(2, ps.getConnection().createArrayOf("text", keys));
			ps.setArray(3, ps.getConnection().createArrayOf("bigint", rows));
		}, (rs, n) -> rs.getString(1));
		if (fresh.size() == keys.length) {
			return seenBefore;
		}
		Set<String> repeated = new HashSet<>(firstRows.keySet());
		repeated.removeAll(fresh);
		this.jdbc.query("""
				select s.email_key, s.row_number from unnest(?::text[]) k
				join job_seen_email s on s.job_instance_id = ? and s.email_key = k""", (ps) -> {
			ps.setArray(1, ps.getConnection().createArrayOf("text", repeated.toArray()));
			ps.setLong(2, jobInstanceId);
		}, (rs) -> {
			seenBefore.put(rs.getString(1), rs.getLong(2));
		});
		return seenBefore;
	}

	public void record(long jobInstanceId, List<ReportRow> rows) {
		this.jdbc.batchUpdate("""
				insert into job_row_report (job_instance_id, row_number, action, message, cells)
				values (?, ?, ?, ?, ?) on conflict do nothing""", rows, rows.size(), (ps, row) -> {
			ps.setLong(1, jobInstanceId);
			ps.setLong(2, row.row());
			ps.setString(3, row.action().value());
			ps.setString(4, row.message());
			ps.setArray(5, ps.getConnection().createArrayOf("text", row.cells().toArray()));
		});
	}

	/**
	 * Writes the instance's report as a {@link ReportCsv} and forgets its rows.
	 * @param header the input's header; each line has the input's cells under it
	 * @param withAction {@code true} for a dry-run plan: an {@code Action} column before {@code Error}
	 */
	public Path write(long jobInstanceId, List<String> header, boolean withAction, Path target) {
		Path written;
		try (ReportCsv report = ReportCsv.rows(target, header, withAction)) {
			this.jdbc.query((connection) -> {
				var statement = connection.prepareStatement("""
						select row_number, action, message, cells from job_row_report
						where job_instance_id = ? order by row_number""");
				statement.setLong(1, jobInstanceId);
				statement.setFetchSize(1000);
				return statement;
			}, (rs) -> {
				report.line(Arrays.asList((String[]) rs.getArray(4).getArray()), rs.getLong(1), rs.getString(2),
						rs.getString(3));
			});
			written = report.finish();
		}
		forget(jobInstanceId);
		return written;
	}

	private void forget(long jobInstanceId) {
		this.jdbc.update("delete from job_row_report where job_instance_id = ?", jobInstanceId);
		this.jdbc.update("delete from job_seen_email where job_instance_id = ?", jobInstanceId);
	}

}
