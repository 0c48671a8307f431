package dev.roster.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.roster.files.ReportFiles;
import dev.roster.job.GuardStop;
import dev.roster.job.JobParameterNames;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The last step of a job that reads a file row by row: the rows its writer recorded in {@link RowReports} become
 * {@code reports/<account>/<command>-<execution>-rejects.csv} (on a dry run, {@code -plan.csv} with every row), under
 * the input file's own header, and the job's summary names it. A job a safety guard stopped reports its plan, as a
 * dry run does.
 */
@Component
public class ReportSteps {

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final RowReports reports;

	private final IntakeLimits limits;

	private final ReportFiles files;

	ReportSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager, RowReports reports,
			IntakeLimits limits, ReportFiles files) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.reports = reports;
		this.limits = limits;
		this.files = files;
	}

	/** The report step of {@code command}; a job run without a file reports under the header {@code Email}. */
	public Step rowReport(String stepName, String command) {
		return new StepBuilder(stepName, this.jobRepository).tasklet((contribution, chunkContext) -> {
			StepExecution step = contribution.getStepExecution();
			JobParameters parameters = step.getJobParameters();
			boolean dryRun = Boolean.parseBoolean(parameters.getString(JobParameterNames.DRY_RUN))
					|| GuardStop.stopped(step.getJobExecution());
			Path report = written(step);
			if (report == null) {
				Path target = this.files.rows(parameters.getString(JobParameterNames.ACCOUNT), command,
						step.getJobExecutionId(), dryRun);
				report = this.reports.write(step.getJobExecution().getJobInstanceId(), header(parameters), dryRun,
						target);
			}
			remember(step, report);
			return RepeatStatus.FINISHED;
		}, this.transactionManager).build();
	}

	/**
	 * Names the report a report step wrote, for the job's summary and in the step's own context. The step's context
	 * commits with the step's work (the deletion of the rows it reported): a run killed after that commit but before
	 * the step or the job was recorded as ended finds the report there ({@link #written}), not an empty one written
	 * again from rows that are gone.
	 */
	public static void remember(StepExecution step, Path report) {
		step.getExecutionContext().putString(JobParameterNames.REPORT, report.toString());
		step.getJobExecution().getExecutionContext().putString(JobParameterNames.REPORT, report.toString());
	}

	/** The report an earlier run of this step wrote and committed, if one did and it is still there. */
	public static Path written(StepExecution step) {
		String earlier = step.getExecutionContext().containsKey(JobParameterNames.REPORT)
				? step.getExecutionContext().getString(JobParameterNames.REPORT) : null;
		return (earlier != null && Files.isRegularFile(Path.of(earlier))) ? Path.of(earlier) : null;
	}

	private List<String> header(JobParameters parameters) {
		String file = parameters.getString(JobParameterNames.FILE);
		if (file == null) {
			return List.of("Email");
		}
		try (TabularReader reader = TabularReader.open(Path.of(file), this.limits,
				parameters.getString(JobParameterNames.SHEET))) {
			return reader.header();
		}
	}

}
