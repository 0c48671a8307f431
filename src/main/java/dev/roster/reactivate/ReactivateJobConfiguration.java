package dev.roster.reactivate;

import java.nio.file.Path;
import java.util.Set;

import dev.roster.account.AccountStore;
import dev.roster.intake.HeaderAliases;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.ReportSteps;
import dev.roster.intake.RowReports;
import dev.roster.intake.TabularItemReader;
import dev.roster.intake.UserRowRules;
import dev.roster.job.JobParameterValues;
import dev.roster.job.JobProgress;
import dev.roster.job.RowCounters;
import dev.roster.mail.DeliverySteps;
import dev.roster.mail.Outbox;
import dev.roster.user.Reactivations;
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
 * reactivate: a chunk step that validates the rows of a list of emails and reactivates the terminated users among
 * them, a step that writes the report (rejected rows; on a dry run, every row with its planned action), then the
 * delivery of the queued emails.
 */
@Configuration(proxyBeanMethods = false)
class ReactivateJobConfiguration {

	@Bean
	Job reactivateJob(JobRepository jobRepository, Step reactivateStep, Step reactivateReportStep,
			Step reactivateDeliverStep) {
		return new JobBuilder("reactivateJob", jobRepository).start(reactivateStep)
			.next(reactivateReportStep)
			.next(reactivateDeliverStep)
			.build();
	}

	@Bean
	Step reactivateStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TabularItemReader<ReactivationRow> reactivateReader, ReactivateWriter reactivateWriter,
			ReactivateProperties properties) {
		return new StepBuilder("reactivateStep", jobRepository)
			.<ReactivationRow, ReactivationRow>chunk(properties.chunkSize())
			.transactionManager(transactionManager) // Batch 6 defaults to a resourceless one
			.reader(reactivateReader)
			.writer(reactivateWriter)
			.build();
	}

	@Bean
	@StepScope
	TabularItemReader<ReactivationRow> reactivateReader(@Value(JobParameterValues.FILE) String file,
			IntakeLimits limits, HeaderAliases aliases) {
		return new TabularItemReader<>("reactivateReader", Path.of(file), null, limits, aliases,
				Set.of(UserRowRules.EMAIL), (columns) -> new ReactivateProcessor(columns, limits));
	}

	@Bean
	@StepScope
	ReactivateWriter reactivateWriter(@Value(JobParameterValues.ACCOUNT) String account,
			@Value(JobParameterValues.DRY_RUN) String dryRun, @Value("#{stepExecution}") StepExecution stepExecution,
			AccountStore accounts, UserStates users, Reactivations reactivations, Outbox outbox, RowReports reports,
			JobProgress progress) {
		return new ReactivateWriter(accounts.get(account), Boolean.parseBoolean(dryRun),
				stepExecution.getJobExecution().getJobInstanceId(), stepExecution.getJobExecutionId(), users,
				reactivations, outbox, reports, new RowCounters(progress, ReactivateJob.READ,
						ReactivateJob.REACTIVATED, ReactivateJob.UNCHANGED, ReactivateJob.REJECTED));
	}

	@Bean
	Step reactivateReportStep(ReportSteps reportSteps) {
		return reportSteps.rowReport("reactivateReportStep", ReactivateJob.DEFINITION.command());
	}

	/** Sends the account's queued emails, unless the job runs with --no-deliver or as a dry run. */
	@Bean
	Step reactivateDeliverStep(DeliverySteps deliverySteps) {
		return deliverySteps.deliverQueued("reactivateDeliverStep", ReactivateJob.DEFINITION.command());
	}


}
