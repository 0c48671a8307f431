package dev.roster.emails;

import java.nio.file.Path;
import java.util.Set;

import javax.sql.DataSource;

import dev.roster.account.AccountStore;
import dev.roster.intake.HeaderAliases;
import dev.roster.intake.InputRow;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.ReportSteps;
import dev.roster.intake.RowReports;
import dev.roster.intake.TabularItemReader;
import dev.roster.intake.UserRowRules;
import dev.roster.job.JobParameterValues;
import dev.roster.job.JobProgress;
import dev.roster.job.RowCounters;
import dev.roster.mail.DeliverySteps;
import dev.roster.mail.EmailKind;
import dev.roster.mail.Outbox;
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
 * send-emails: a chunk step that queues an email for each selected user — the rows of a file, or every user never
 * sent one — a step that writes the report (rows it could not email; on a dry run, every row with its planned email),
 * then the delivery of the account's queue.
 */
@Configuration(proxyBeanMethods = false)
class SendEmailsJobConfiguration {

	@Bean
	Job sendEmailsJob(JobRepository jobRepository, Step sendEmailsStep, Step sendEmailsReportStep,
			Step sendEmailsDeliverStep) {
		return new JobBuilder("sendEmailsJob", jobRepository).start(sendEmailsStep)
			.next(sendEmailsReportStep)
			.next(sendEmailsDeliverStep)
			.build();
	}

	@Bean
	Step sendEmailsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SendEmailsReader sendEmailsReader, SendEmailsWriter sendEmailsWriter,
			SendEmailsProperties properties) {
		return new StepBuilder("sendEmailsStep", jobRepository).<InputRow, InputRow>chunk(properties.chunkSize())
			.transactionManager(transactionManager) // Batch 6 defaults to a resourceless one
			.reader(sendEmailsReader)
			.writer(sendEmailsWriter)
			.build();
	}

	/** The rows of the file, or the users never sent an email as one-cell rows. */
	@Bean
	@StepScope
	SendEmailsReader sendEmailsReader(@Value(JobParameterValues.FILE) String file,
			@Value(JobParameterValues.SHEET) String sheet,
			@Value(JobParameterValues.ACCOUNT) String account, @Value(JobParameterValues.KIND) String kind,
			IntakeLimits limits, HeaderAliases aliases, AccountStore accounts, DataSource dataSource) {
		if (file != null) {
			return SendEmailsReader.file(TabularItemReader.rows("sendEmailsReader", Path.of(file), sheet, limits,
					aliases, Set.of(UserRowRules.EMAIL)));
		}
		return SendEmailsReader.neverSent(dataSource, accounts.get(account).id(), kind);
	}

	@Bean
	@StepScope
	SendEmailsWriter sendEmailsWriter(@Value(JobParameterValues.ACCOUNT) String account,
			@Value(JobParameterValues.KIND) String kind, @Value(JobParameterValues.DRY_RUN) String dryRun,
			@Value(JobParameterValues.FILE) String file, @Value("#{stepExecution}") StepExecution stepExecution,
			SendEmailsReader sendEmailsReader, AccountStore accounts, UserStore users, Outbox outbox,
			RowReports reports, JobProgress progress) {
		RowCounters counters = (file != null)
				? new RowCounters(progress, SendEmailsJob.READ, SendEmailsJob.REJECTED, SendEmailsJob.QUEUED)
				: new RowCounters(progress, SendEmailsJob.QUEUED);
		return new SendEmailsWriter(accounts.get(account), (kind != null) ? EmailKind.of(kind) : null,
				Boolean.parseBoolean(dryRun), stepExecution.getJobExecution().getJobInstanceId(),
				stepExecution.getJobExecutionId(), sendEmailsReader, users, outbox, reports, counters);
	}

	/** Rows that could not be emailed (on a dry run, every row and what it would get). */
	@Bean
	Step sendEmailsReportStep(ReportSteps reportSteps) {
		return reportSteps.rowReport("sendEmailsReportStep", SendEmailsJob.DEFINITION.command());
	}

	@Bean
	Step sendEmailsDeliverStep(DeliverySteps deliverySteps) {
		return deliverySteps.deliverQueued("sendEmailsDeliverStep", SendEmailsJob.DEFINITION.command());
	}


}
