package dev.roster.terminate;

import java.nio.file.Path;
import java.util.Set;

import dev.roster.account.AccountStore;
import dev.roster.intake.HeaderAliases;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.ReportSteps;
import dev.roster.intake.RowReports;
import dev.roster.intake.TabularItemReader;
import dev.roster.intake.UserRowRules;
import dev.roster.job.JobProgress;
import dev.roster.job.RowCounters;
import dev.roster.user.CalendarProperties;
import dev.roster.user.Terminations;
import dev.roster.user.UserStates;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * terminate: a chunk step that validates the rows of a termination feed and terminates, schedules or cancels, then a
 * step that writes the report (rejected rows; on a dry run, every row with its planned action).
 */
@Configuration(proxyBeanMethods = false)
class TerminateJobConfiguration {

	static final String COMMAND = "terminate";

	@Bean
	Job terminateJob(JobRepository jobRepository, Step terminateStep, Step terminateReportStep) {
		return new JobBuilder("terminateJob", jobRepository).start(terminateStep).next(terminateReportStep).build();
	}

	@Bean
	Step terminateStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TabularItemReader<TerminationRow> terminateReader, TerminateWriter terminateWriter,
			TerminateProperties properties) {
		return new StepBuilder("terminateStep", jobRepository)
			.<TerminationRow, TerminationRow>chunk(properties.chunkSize())
			.transactionManager(transactionManager) // Batch 6 defaults to a resourceless one
			.reader(terminateReader)
			.writer(terminateWriter)
			.build();
	}

	@Bean
	@StepScope
	TabularItemReader<TerminationRow> terminateReader(@Value("#{jobParameters['file']}") String file,
			IntakeLimits limits, HeaderAliases aliases) {
		return new TabularItemReader<>("terminateReader", Path.of(file), null, limits, aliases,
				Set.of(UserRowRules.EMAIL), (columns) -> new TerminateProcessor(columns, limits));
	}

	@Bean
	@StepScope
	TerminateWriter terminateWriter(@Value("#{jobParameters['account']}") String account,
			@Value("#{jobParameters['dry-run']}") String dryRun, @Value("#{stepExecution}") StepExecution stepExecution,
			AccountStore accounts, UserStates users, Terminations terminations, RowReports reports,
			JobProgress progress, CalendarProperties calendar) {
		return new TerminateWriter(accounts.get(account), Boolean.parseBoolean(dryRun), calendar.today(),
				stepExecution.getJobExecution().getJobInstanceId(), stepExecution.getJobExecutionId(), users,
				terminations, reports, new RowCounters(progress, TerminateWriter.READ, TerminateWriter.TERMINATED,
						TerminateWriter.SCHEDULED, TerminateWriter.CANCELLED, TerminateWriter.UNCHANGED,
						TerminateWriter.REJECTED));
	}

	@Bean
	Step terminateReportStep(ReportSteps reportSteps) {
		return reportSteps.rowReport("terminateReportStep", COMMAND);
	}


}
