package dev.roster.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.roster.job.JobParameterNames;
import dev.roster.job.JobProgress;
import dev.roster.job.RowCounters;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * export-users: one step that streams the account's users from a server-side cursor into the sheet. It runs in one
 * read-only transaction, so the file is a consistent snapshot even while other jobs change users; memory holds one
 * fetch of rows, whatever the user count.
 */
@Configuration(proxyBeanMethods = false)
class ExportUsersJobConfiguration {

	static final String EXPORTED = "exported";

	private static final int FETCH_SIZE = 2000;

	private static final String QUERY = """
			select u.email, u.first_name, u.last_name, u.status, p.name, g.name, o.name, u.host_code, u.guest_code,
				u.billing_code, u.language, u.activation_email_sent_at, u.welcome_email_sent_at, u.created_at,
				u.terminated_at
			from app_user u
			join account a on a.id = u.account_id
			join account_profile_type p on p.id = u.profile_type_id
			left join account_group g on g.id = u.group_id
			left join account_office o on o.id = u.office_id
			where a.slug = ? and (? = 'ALL' or u.status = ?)
			order by u.email_key""";

	@Bean
	Job exportUsersJob(JobRepository jobRepository, Step exportUsersStep) {
		return new JobBuilder("exportUsersJob", jobRepository).start(exportUsersStep).build();
	}

	@Bean
	Step exportUsersStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcTemplate jdbc, JobProgress progress) {
		return new StepBuilder("exportUsersStep", jobRepository).tasklet((contribution, chunkContext) -> {
			StepExecution step = contribution.getStepExecution();
			var parameters = step.getJobParameters();
			Path out = Path.of(parameters.getString(JobParameterNames.OUT)).toAbsolutePath();
			String status = parameters.getString(JobParameterNames.STATUS, "all").toUpperCase(Locale.ROOT);
			RowCounters counters = new RowCounters(progress, EXPORTED);
			try (UserSheet sheet = UserSheet.open(out)) {
				jdbc.query((connection) -> {
					var statement = connection.prepareStatement(QUERY);
					statement.setFetchSize(FETCH_SIZE);
					statement.setString(1, parameters.getString(JobParameterNames.ACCOUNT));
					statement.setString(2, status);
					statement.setString(3, status);
					return statement;
				}, (ResultSet rs) -> {
					write(sheet, rs);
					counters.increment(EXPORTED);
				});
				sheet.finish();
			}
			counters.update(step.getExecutionContext());
			step.getJobExecution().getExecutionContext().putString(JobParameterNames.REPORT, out.toString());
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	private static void write(UserSheet sheet, ResultSet rs) throws SQLException {
		List<String> row = new ArrayList<>(UserSheet.COLUMNS.size());
		for (int column = 1; column <= 11; column++) {
			row.add(rs.getString(column));
		}
		for (int column = 12; column <= 15; column++) {
			row.add(timestamp(rs.getObject(column, OffsetDateTime.class)));
		}
		try {
			sheet.write(row);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** ISO-8601 in UTC to the second, e.g. {@code 2026-11-22T17:40:11Z}. */
	private static String timestamp(OffsetDateTime value) {
		return (value != null)
				? DateTimeFormatter.ISO_INSTANT.format(value.toInstant().truncatedTo(ChronoUnit.SECONDS)) : null;
	}

}
