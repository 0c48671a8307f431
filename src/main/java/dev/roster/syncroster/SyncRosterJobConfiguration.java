package dev.roster.syncroster;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import dev.roster.account.Account;
import dev.roster.account.AccountStore;
import dev.roster.files.ReportFiles;
import dev.roster.intake.HeaderAliases;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.TabularItemReader;
import dev.roster.intake.TabularReader;
import dev.roster.intake.UserRowRules;
import dev.roster.job.GuardStop;
import dev.roster.job.JobParameterValues;
import dev.roster.job.JobProgress;
import dev.roster.job.RepeatableJob;
import dev.roster.job.RowCounters;
import dev.roster.mail.DeliverySteps;
import dev.roster.mail.Outbox;
import dev.roster.user.AccessCodes;
import dev.roster.user.CalendarProperties;
import dev.roster.user.MassTerminationGuard;
import dev.roster.user.MassTerminationProperties;
import dev.roster.user.Reactivations;
import dev.roster.user.Terminations;
import dev.roster.user.UserStore;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * sync-roster: a chunk step that validates the roster and stages every row, one step that diffs the staged roster
 * against the users table, checks the guard, applies the diff in one transaction and writes the report, then the
 * delivery of the account's queued emails (unless {@code --no-deliver}, a dry run, or a stop by the guard).
 * <p>
 * The roster is the account as it must be, so every launch syncs, even with the content of a completed run
 * ({@link RepeatableJob}). A run that failed before its diff was applied changes nothing, and the same command stages
 * and applies again; one that failed while delivering goes straight back to the delivery.
 */
@Configuration(proxyBeanMethods = false)
class SyncRosterJobConfiguration {

	static final String STAGE_STEP = "syncRosterStageStep";

	static final String APPLY_STEP = "syncRosterApplyStep";

	/** The decider's answer when this instance's diff was applied by an earlier execution. */
	private static final String APPLIED = "APPLIED";

	@Bean
	Job syncRosterJob(JobRepository jobRepository, Step syncRosterStageStep, Step syncRosterApplyStep,
			Step syncRosterDeliverStep) {
		// a restart after the apply step committed (a delivery that failed) must not stage the roster again: the
		// staged rows would outlive the run, and nothing is left to diff
		JobExecutionDecider applied = (job, step) -> {
			StepExecution apply = jobRepository.getLastStepExecution(job.getJobInstance(), APPLY_STEP);
			return new FlowExecutionStatus(
					(apply != null && apply.getStatus() == BatchStatus.COMPLETED) ? APPLIED : "STAGE");
		};
		return new JobBuilder("syncRosterJob", jobRepository).listener(GuardStop.listener())
			.start(applied)
			.on(APPLIED)
			.to(syncRosterDeliverStep)
			.from(applied)
			.on("*")
			.to(syncRosterStageStep)
			.next(syncRosterApplyStep)
			.next(syncRosterDeliverStep)
			.end()
			.build();
	}

	/** Every sync runs: the roster is a desired state, not a list of changes to apply once. */
	@Bean
	RepeatableJob syncRosterRepeats() {
		return new RepeatableJob("syncRosterJob");
	}

	@Bean
	Step syncRosterStageStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TabularItemReader<RosterRow> syncRosterReader, SyncRosterStageWriter syncRosterStageWriter,
			SyncRosterProperties properties) {
		return new StepBuilder(STAGE_STEP, jobRepository).<RosterRow, RosterRow>chunk(properties.chunkSize())
			.transactionManager(transactionManager) // Batch 6 defaults to a resourceless one
			.reader(syncRosterReader)
			.writer(syncRosterStageWriter)
			// every execution stages the whole roster again, even after this step completed (see the writer)
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	@StepScope
	TabularItemReader<RosterRow> syncRosterReader(@Value(JobParameterValues.FILE) String file,
			@Value(JobParameterValues.ACCOUNT) String account, AccountStore accounts, IntakeLimits limits,
			HeaderAliases aliases) {
		Account target = accounts.get(account);
		TabularItemReader<RosterRow> reader = new TabularItemReader<>("syncRosterReader", Path.of(file), null, limits,
				aliases, UserRowRules.REQUIRED, (columns) -> new SyncRosterProcessor(target, columns, limits));
		reader.setSaveState(false);
		return reader;
	}

	@Bean
	@StepScope
	SyncRosterStageWriter syncRosterStageWriter(@Value("#{stepExecution}") StepExecution stepExecution,
			JdbcTemplate jdbc, JobProgress progress) {
		// every count of the job is declared here, so the summary lists them in this order
		return new SyncRosterStageWriter(stepExecution.getJobExecution().getJobInstanceId(), jdbc,
				new RowCounters(progress, SyncRosterJob.READ, SyncRosterJob.CREATED,
						SyncRosterJob.UPDATED, SyncRosterJob.REACTIVATED,
						SyncRosterJob.TERMINATED, SyncRosterJob.UNCHANGED,
						SyncRosterJob.REJECTED));
	}

	@Bean
	Step syncRosterApplyStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SyncRosterApplyTasklet syncRosterApplyTasklet) {
		return new StepBuilder(APPLY_STEP, jobRepository).tasklet(syncRosterApplyTasklet, transactionManager).build();
	}

	/** Sends the account's queued emails, unless the sync runs with --no-deliver, as a dry run, or was stopped. */
	@Bean
	Step syncRosterDeliverStep(DeliverySteps deliverySteps) {
		return deliverySteps.deliverQueued("syncRosterDeliverStep", SyncRosterJob.DEFINITION.command());
	}

	@Bean
	@StepScope
	SyncRosterApplyTasklet syncRosterApplyTasklet(@Value(JobParameterValues.ACCOUNT) String slug,
			@Value(JobParameterValues.FILE) String file, @Value(JobParameterValues.DRY_RUN) String dryRun,
			@Value(JobParameterValues.ALLOW_MASS_TERMINATION) String allowMassTermination,
			@Value(JobParameterValues.MAX_TERMINATIONS) String maxTerminations,
			@Value("#{stepExecution}") StepExecution stepExecution, AccountStore accounts, DataSource dataSource,
			HeaderAliases aliases, IntakeLimits limits, UserStore users, AccessCodes codes,
			Reactivations reactivations, Terminations terminations, Outbox outbox, MassTerminationProperties thresholds,
			CalendarProperties calendar, ReportFiles reportFiles, JobProgress progress) {
		Account account = accounts.get(slug);
		SyncRosterDiff diff = new SyncRosterDiff(new NamedParameterJdbcTemplate(dataSource),
				stepExecution.getJobExecution().getJobInstanceId(), account.id());
		SyncRosterGuard guard = new SyncRosterGuard(new MassTerminationGuard(thresholds),
				Boolean.parseBoolean(allowMassTermination),
				(maxTerminations == null || "none".equals(maxTerminations)) ? null : Integer.valueOf(maxTerminations));
		List<String> header;
		try (TabularReader reader = TabularReader.open(Path.of(file), limits)) {
			header = reader.header();
		}
		Set<String> columns = new HashSet<>();
		header.forEach((column) -> aliases.fieldOf(column).ifPresent(columns::add));
		LocalDate today = calendar.today();
		return new SyncRosterApplyTasklet(account, diff, guard, Boolean.parseBoolean(dryRun), today, users, codes,
				reactivations, terminations, outbox, columns,
				new SyncRosterReport(dataSource, diff, header, aliases, today),
				reportFiles,
				new RowCounters(progress, SyncRosterJob.CREATED, SyncRosterJob.UPDATED,
						SyncRosterJob.REACTIVATED, SyncRosterJob.TERMINATED,
						SyncRosterJob.UNCHANGED, SyncRosterJob.REJECTED));
	}


}
