package dev.roster.delegates;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.roster.account.AccountStore;
import dev.roster.files.ReportCsv;
import dev.roster.files.ReportFiles;
import dev.roster.intake.HeaderAliases;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.PlanAction;
import dev.roster.intake.ReportSteps;
import dev.roster.intake.TabularItemReader;
import dev.roster.intake.TabularReader;
import dev.roster.job.JobParameterNames;
import dev.roster.job.JobParameterValues;
import dev.roster.job.JobProgress;
import dev.roster.job.RowCounters;
import dev.roster.user.UserStates;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * import-delegates: a chunk step that validates the pairs of a delegates file and adds the missing delegations, a
 * step that (with --replace) removes the listed hosts' delegations the file does not name, and a step that writes the
 * report (rejected rows; on a dry run, every row with its planned action and every delegation it would remove).
 */
@Configuration(proxyBeanMethods = false)
class ImportDelegatesJobConfiguration {

	@Bean
	Job importDelegatesJob(JobRepository jobRepository, Step importDelegatesStep, Step importDelegatesReplaceStep,
			Step importDelegatesReportStep) {
		return new JobBuilder("importDelegatesJob", jobRepository).start(importDelegatesStep)
			.next(importDelegatesReplaceStep)
			.next(importDelegatesReportStep)
			.build();
	}

	@Bean
	Step importDelegatesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TabularItemReader<DelegateRow> importDelegatesReader, DelegatesWriter importDelegatesWriter,
			DelegatesProperties properties) {
		return new StepBuilder("importDelegatesStep", jobRepository)
			.<DelegateRow, DelegateRow>chunk(properties.chunkSize())
			.transactionManager(transactionManager) // Batch 6 defaults to a resourceless one
			.reader(importDelegatesReader)
			.writer(importDelegatesWriter)
			.build();
	}

	@Bean
	@StepScope
	TabularItemReader<DelegateRow> importDelegatesReader(@Value(JobParameterValues.FILE) String file,
			@Value(JobParameterValues.REPLACE) String replace, IntakeLimits limits, HeaderAliases aliases) {
		return new TabularItemReader<>("importDelegatesReader", Path.of(file), null, limits, aliases,
				Set.of(DelegatesProcessor.HOST_EMAIL, DelegatesProcessor.DELEGATE_EMAIL),
				(columns) -> new DelegatesProcessor(columns, limits, Boolean.parseBoolean(replace)));
	}

	@Bean
	@StepScope
	DelegatesWriter importDelegatesWriter(@Value(JobParameterValues.ACCOUNT) String account,
			@Value(JobParameterValues.DRY_RUN) String dryRun, @Value("#{stepExecution}") StepExecution stepExecution,
			AccountStore accounts, UserStates users, Delegations delegations, JobProgress progress) {
		return new DelegatesWriter(accounts.get(account), Boolean.parseBoolean(dryRun),
				stepExecution.getJobExecution().getJobInstanceId(), users, delegations,
				new RowCounters(progress, ImportDelegatesJob.READ, ImportDelegatesJob.ADDED, ImportDelegatesJob.REMOVED,
						ImportDelegatesJob.UNCHANGED, ImportDelegatesJob.REJECTED));
	}

	/** With --replace, in one transaction: the file is complete only once every row is in. */
	@Bean
	Step importDelegatesReplaceStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			AccountStore accounts, Delegations delegations, JobProgress progress) {
		return new StepBuilder("importDelegatesReplaceStep", jobRepository).tasklet((contribution, chunkContext) -> {
			StepExecution step = contribution.getStepExecution();
			var parameters = step.getJobParameters();
			if (Boolean.parseBoolean(parameters.getString(JobParameterNames.REPLACE))) {
				long accountId = accounts.get(parameters.getString(JobParameterNames.ACCOUNT)).id();
				long instance = step.getJobExecution().getJobInstanceId();
				RowCounters counters = new RowCounters(progress, ImportDelegatesJob.REMOVED);
				counters.add(ImportDelegatesJob.REMOVED,
						Boolean.parseBoolean(parameters.getString(JobParameterNames.DRY_RUN))
								? delegations.countUnlisted(accountId, instance)
								: delegations.removeUnlisted(accountId, instance));
				counters.update(step.getExecutionContext());
			}
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	@Bean
	Step importDelegatesReportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			AccountStore accounts, Delegations delegations, HeaderAliases aliases,
			IntakeLimits limits, ReportFiles reportFiles) {
		return new StepBuilder("importDelegatesReportStep", jobRepository).tasklet((contribution, chunkContext) -> {
			StepExecution step = contribution.getStepExecution();
			var parameters = step.getJobParameters();
			String slug = parameters.getString(JobParameterNames.ACCOUNT);
			long instance = step.getJobExecution().getJobInstanceId();
			boolean dryRun = Boolean.parseBoolean(parameters.getString(JobParameterNames.DRY_RUN));
			boolean replace = Boolean.parseBoolean(parameters.getString(JobParameterNames.REPLACE));
			Path written = ReportSteps.written(step);
			if (written != null) {
				ReportSteps.remember(step, written);
				return RepeatStatus.FINISHED;
			}
			List<String> header;
			try (TabularReader reader = TabularReader.open(Path.of(parameters.getString(JobParameterNames.FILE)),
					limits)) {
				header = reader.header();
			}
			Path target = reportFiles.rows(slug, ImportDelegatesJob.DEFINITION.command(), step.getJobExecutionId(), dryRun);
			Path report;
			try (ReportCsv csv = ReportCsv.rows(target, header, dryRun)) {
				delegations.reportedRows(instance, dryRun, (cells, rowNumber, action, message) -> csv.line(cells,
						rowNumber, DelegateAction.of(action).planned().value(), message));
				if (dryRun && replace) {
					Map<String, Integer> columns = new HashMap<>();
					for (int i = 0; i < header.size(); i++) {
						int index = i;
						aliases.fieldOf(header.get(i)).ifPresent((field) -> columns.putIfAbsent(field, index));
					}
					delegations.unlisted(accounts.get(slug).id(), instance, (host, delegate) -> {
						String[] cells = new String[header.size()];
						cells[columns.get(DelegatesProcessor.HOST_EMAIL)] = host;
						cells[columns.get(DelegatesProcessor.DELEGATE_EMAIL)] = delegate;
						csv.line(Arrays.asList(cells), null, PlanAction.REMOVE.value(), "not in the file (--replace)");
					});
				}
				report = csv.finish();
			}
			delegations.forget(instance);
			ReportSteps.remember(step, report);
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

}
