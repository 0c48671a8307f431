package dev.roster.export;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.Locale;

import dev.roster.account.AccountStore;
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
import org.springframework.transaction.PlatformTransactionManager;

/**
 * export-users: one step that streams the account's users into the file in one transaction, so the file is a
 * consistent snapshot even while other jobs change users. CSV comes straight from PostgreSQL's {@code COPY}; XLSX is
 * written from a server-side cursor, continuing on further sheets beyond Excel's row limit. Memory holds one fetch of
 * rows at most, whatever the user count.
 */
@Configuration(proxyBeanMethods = false)
class ExportUsersJobConfiguration {

	@Bean
	Job exportUsersJob(JobRepository jobRepository, Step exportUsersStep) {
		return new JobBuilder("exportUsersJob", jobRepository).start(exportUsersStep).build();
	}

	@Bean
	Step exportUsersStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			UserExports exports, AccountStore accounts, JobProgress progress) {
		return new StepBuilder("exportUsersStep", jobRepository).tasklet((contribution, chunkContext) -> {
			StepExecution step = contribution.getStepExecution();
			var parameters = step.getJobParameters();
			Path out = Path.of(parameters.getString(JobParameterNames.OUT)).toAbsolutePath();
			String status = parameters.getString(JobParameterNames.STATUS, "all").toUpperCase(Locale.ROOT);
			String slug = parameters.getString(JobParameterNames.ACCOUNT);
			long accountId = accounts.get(slug).id();
			RowCounters counters = new RowCounters(progress, ExportUsersJob.EXPORTED);
			exports.planForExport();
			if (out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
				counters.add(ExportUsersJob.EXPORTED, exports.copyCsv(accountId, status, out));
			}
			else {
				try (UserSheet sheet = UserSheet.open(out)) {
					exports.rows(accountId, status, (ResultSet rs) -> {
						sheet.write(rs);
						counters.increment(ExportUsersJob.EXPORTED);
					});
					sheet.finish();
					if (sheet.sheets() > 1) {
						step.getJobExecution()
							.getExecutionContext()
							.putString(JobParameterNames.NOTE, sheetsNote(sheet));
					}
				}
			}
			counters.update(step.getExecutionContext());
			step.getJobExecution().getExecutionContext().putString(JobParameterNames.REPORT, out.toString());
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	/** What the summary says of an export that took more than one sheet. */
	static String sheetsNote(UserSheet sheet) {
		return String.format(Locale.ROOT,
				"the users fill %d sheets, Users to Users %d: a sheet holds %,d users below its header; import-users "
						+ "reads the first sheet, --sheet \"Users 2\" the next",
				sheet.sheets(), sheet.sheets(), XlsxUserSheet.MAX_ROWS_PER_SHEET - 1);
	}

}
