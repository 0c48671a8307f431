package dev.roster.terminate;

import dev.roster.account.AccountStore;
import dev.roster.job.JobParameterValues;
import dev.roster.job.JobProgress;
import dev.roster.job.RowCounters;
import dev.roster.user.CalendarProperties;
import dev.roster.user.Terminations;

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
 * terminate-due: one step that terminates the users whose scheduled date has come, a batch per transaction; the
 * {@code account} parameter limits it to one account. {@code serve}'s schedule launches the same job.
 */
@Configuration(proxyBeanMethods = false)
class TerminateDueJobConfiguration {

	@Bean
	Job terminateDueJob(JobRepository jobRepository, Step terminateDueStep) {
		return new JobBuilder("terminateDueJob", jobRepository).start(terminateDueStep).build();
	}

	@Bean
	Step terminateDueStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TerminateDueTasklet terminateDueTasklet) {
		return new StepBuilder("terminateDueStep", jobRepository).tasklet(terminateDueTasklet, transactionManager)
			.build();
	}

	@Bean
	@StepScope
	TerminateDueTasklet terminateDueTasklet(@Value(JobParameterValues.ACCOUNT) String account,
			@Value("#{stepExecution}") StepExecution stepExecution, AccountStore accounts, Terminations terminations,
			JobProgress progress, TerminateProperties properties, CalendarProperties calendar) {
		Long accountId = (account != null) ? accounts.get(account).id() : null;
		return new TerminateDueTasklet(accountId, calendar.today(), properties.chunkSize(),
				stepExecution.getJobExecutionId(), terminations,
				new RowCounters(progress, TerminateJob.TERMINATED));
	}


}
