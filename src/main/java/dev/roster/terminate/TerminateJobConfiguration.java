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
import dev.roster.job.GuardStop;
import dev.roster.job.JobParameterValues;
import dev.roster.job.JobProgress;
import dev.roster.job.RowCounters;
import dev.roster.user.CalendarProperties;
import dev.roster.user.MassTerminationGuard;
import dev.roster.user.MassTerminationProperties;
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
 * terminate: a step that checks the whole file against the mass-termination guard, a chunk step that validates the
 * rows of a termination feed and terminates, schedules or cancels (as a plan when the guard stopped the job), then a
 * step that writes the report (rejected rows; on a dry run or a stopped job, every row with its planned action).
 */
@Configuration(proxyBeanMethods = false)
class TerminateJobConfiguration {

	@Bean
	Job terminateJob(JobRepository jobRepository, Step terminateGuardStep, Step terminateStep,
			Step terminateReportStep) {
		return new JobBuilder("terminateJob", jobRepository).listener(GuardStop.listener())
			.start(terminateGuardStep)
			.next(terminateStep)
			.next(terminateReportStep)
			.build();
	}

	@Bean
	Step terminateGuardStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TerminateGuardTasklet terminateGuardTasklet) {
		return new StepBuilder("terminateGuardStep", jobRepository)
			.tasklet(terminateGuardTasklet, transactionManager)
			.build();
	}

	@Bean
	@StepScope
	TerminateGuardTasklet terminateGuardTasklet(@Value(JobParameterValues.ACCOUNT) String account,
			@Value(JobParameterValues.FILE) String file, @Value(JobParameterValues.DRY_RUN) String dryRun,
			@Value(JobParameterValues.ALLOW_MASS_TERMINATION) String allowMassTermination, AccountStore accounts,
			IntakeLimits limits, HeaderAliases aliases, CalendarProperties calendar,
			MassTerminationProperties guard, UserStates users) {
		return new TerminateGuardTasklet(accounts.get(account), Path.of(file), limits, aliases, calendar.today(),
				Boolean.parseBoolean(dryRun), Boolean.parseBoolean(allowMassTermination),
				new MassTerminationGuard(guard), users);
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
	TabularItemReader<TerminationRow> terminateReader(@Value(JobParameterValues.FILE) String file,
			IntakeLimits limits, HeaderAliases aliases) {
		return new TabularItemReader<>("terminateReader", Path.of(file), null, limits, aliases,
				Set.of(UserRowRules.EMAIL), (columns) -> new TerminateProcessor(columns, limits));
	}

	@Bean
	@StepScope
	TerminateWriter terminateWriter(@Value(JobParameterValues.ACCOUNT) String account,
			@Value(JobParameterValues.DRY_RUN) String dryRun, @Value("#{stepExecution}") StepExecution stepExecution,
			AccountStore accounts, UserStates users, Terminations terminations, RowReports reports,
			JobProgress progress, CalendarProperties calendar) {
		// a job the guard stopped goes on as a dry run: its report is the plan
		boolean plan = Boolean.parseBoolean(dryRun) || GuardStop.stopped(stepExecution.getJobExecution());
		return new TerminateWriter(accounts.get(account), plan, calendar.today(),
				stepExecution.getJobExecution().getJobInstanceId(), stepExecution.getJobExecutionId(), users,
				terminations, reports, new RowCounters(progress, TerminateJob.READ, TerminateJob.TERMINATED,
						TerminateJob.SCHEDULED, TerminateJob.CANCELLED, TerminateJob.UNCHANGED,
						TerminateJob.REJECTED));
	}

	@Bean
	Step terminateReportStep(ReportSteps reportSteps) {
		return reportSteps.rowReport("terminateReportStep", TerminateJob.DEFINITION.command());
	}


}
