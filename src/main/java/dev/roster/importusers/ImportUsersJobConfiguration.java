package dev.roster.importusers;

import java.nio.file.Path;

import dev.roster.account.Account;
import dev.roster.account.AccountStore;
import dev.roster.intake.HeaderAliases;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.ReportSteps;
import dev.roster.intake.RowReports;
import dev.roster.intake.TabularItemReader;
import dev.roster.intake.UserRowRules.ValidatedUser;
import dev.roster.intake.UserRowRules;
import dev.roster.job.JobParameterValues;
import dev.roster.job.JobProgress;
import dev.roster.job.RowCounters;
import dev.roster.mail.DeliverySteps;
import dev.roster.mail.Outbox;
import dev.roster.user.AccessCodes;
import dev.roster.user.UserStore;

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
 * import-users: a chunk step that validates and applies the rows of an invite file, a step that writes the report
 * (rejected rows; on a dry run, every row with its planned action), then the delivery of the queued emails.
 */
@Configuration(proxyBeanMethods = false)
class ImportUsersJobConfiguration {

	@Bean
	Job importUsersJob(JobRepository jobRepository, Step importUsersStep, Step importUsersReportStep,
			Step importUsersDeliverStep) {
		return new JobBuilder("importUsersJob", jobRepository).start(importUsersStep)
			.next(importUsersReportStep)
			.next(importUsersDeliverStep)
			.build();
	}

	@Bean
	Step importUsersStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TabularItemReader<ValidatedUser> importUsersReader, ImportUsersWriter importUsersWriter,
			ImportUsersProperties properties) {
		return new StepBuilder("importUsersStep", jobRepository)
			.<ValidatedUser, ValidatedUser>chunk(properties.chunkSize())
			.transactionManager(transactionManager) // Batch 6 defaults to a resourceless one
			.reader(importUsersReader)
			.writer(importUsersWriter)
			.build();
	}

	@Bean
	@StepScope
	TabularItemReader<ValidatedUser> importUsersReader(@Value(JobParameterValues.FILE) String file,
			@Value(JobParameterValues.SHEET) String sheet, @Value(JobParameterValues.ACCOUNT) String account,
			AccountStore accounts, IntakeLimits limits, HeaderAliases aliases) {
		Account target = accounts.get(account);
		return new TabularItemReader<>("importUsersReader", Path.of(file), sheet, limits, aliases,
				UserRowRules.REQUIRED, (columns) -> new ImportUsersProcessor(target, columns, limits));
	}

	@Bean
	@StepScope
	ImportUsersWriter importUsersWriter(@Value(JobParameterValues.ACCOUNT) String account,
			@Value(JobParameterValues.MODE) String mode, @Value(JobParameterValues.DRY_RUN) String dryRun,
			@Value("#{stepExecution}") StepExecution stepExecution, AccountStore accounts, UserStore users,
			AccessCodes codes, Outbox outbox, RowReports reports, JobProgress progress) {
		return new ImportUsersWriter(accounts.get(account), ImportMode.of(mode), Boolean.parseBoolean(dryRun),
				stepExecution.getJobExecution().getJobInstanceId(), stepExecution.getJobExecutionId(), users, codes,
				outbox, reports, new RowCounters(progress, ImportUsersJob.READ, ImportUsersJob.CREATED,
						ImportUsersJob.UPDATED, ImportUsersJob.UNCHANGED, ImportUsersJob.REJECTED));
	}

	@Bean
	Step importUsersReportStep(ReportSteps reportSteps) {
		return reportSteps.rowReport("importUsersReportStep", ImportUsersJob.DEFINITION.command());
	}

	/** Sends the account's queued emails, unless the import runs with --no-deliver or as a dry run. */
	@Bean
	Step importUsersDeliverStep(DeliverySteps deliverySteps) {
		return deliverySteps.deliverQueued("importUsersDeliverStep", ImportUsersJob.DEFINITION.command());
	}


}
