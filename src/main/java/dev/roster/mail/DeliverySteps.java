package dev.roster.mail;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import dev.roster.files.ReportCsv;
import dev.roster.files.ReportFiles;
import dev.roster.job.GuardStop;
import dev.roster.job.JobParameterNames;
import dev.roster.job.JobProgress;
import dev.roster.job.RowCounters;
import dev.roster.mail.OutboxDelivery.DeliveryProblem;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Delivery as a job step. Jobs that queue emails end with {@link #deliverQueued}, which delivers the account's
 * outbox unless the job runs with {@code no-deliver}, as a dry run, or was stopped by a safety guard (it changed
 * nothing, so it sends nothing either); {@code deliver-emails} is
 * {@link #deliverOutbox}. Either step fails, so the job ends with exit code 1, when emails stay queued (an
 * unreachable server, retries not yet due): running the same command again resumes the delivery.
 */
@Component
public class DeliverySteps {

	public static final String SENT = "sent";

	public static final String FAILED = "failed";

	/** deliver-emails: emails left queued at the end. */
	public static final String QUEUED = "queued";

	public static final String CANCELLED = "cancelled";

	public static final String POSSIBLE_DUPLICATES = "possible_duplicates";

	private static final List<String> REPORT_COLUMNS = List.of("Account", "Email", "Kind", "Status", "Attempts",
			"Possible Duplicate", "Error", "Sent At", "Next Attempt");

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final OutboxDelivery delivery;

	private final JobProgress progress;

	private final ReportFiles files;

	DeliverySteps(JobRepository jobRepository, PlatformTransactionManager transactionManager, OutboxDelivery delivery,
			JobProgress progress, ReportFiles files) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.delivery = delivery;
		this.progress = progress;
		this.files = files;
	}

	/**
	 * The last step of a job that queues emails: delivers its account's outbox, adds {@code sent} and {@code failed}
	 * to the job's counts, and writes {@code <command>-<execution>-delivery.csv} when some email was not simply sent.
	 */
	public Step deliverQueued(String stepName, String command) {
		return new StepBuilder(stepName, this.jobRepository).tasklet(tasklet(command, false), this.transactionManager)
			.build();
	}

	/** The step of deliver-emails: the outbox of the job's account, or of every account; always writes a report. */
	public Step deliverOutbox(String stepName, String command) {
		return new StepBuilder(stepName, this.jobRepository).tasklet(tasklet(command, true), this.transactionManager)
			.build();
	}

	private Tasklet tasklet(String command, boolean standalone) {
		return (contribution, chunkContext) -> {
			StepExecution step = contribution.getStepExecution();
			JobParameters parameters = step.getJobParameters();
			if (!standalone && (flag(parameters, JobParameterNames.NO_DELIVER)
					|| flag(parameters, JobParameterNames.DRY_RUN) || GuardStop.stopped(step.getJobExecution()))) {
				return RepeatStatus.FINISHED;
			}
			String account = parameters.getString(JobParameterNames.ACCOUNT);
			RowCounters counters = standalone ? new RowCounters(this.progress, SENT, FAILED, QUEUED)
					: new RowCounters(this.progress, SENT, FAILED);
			ExecutionContext scratch = new ExecutionContext();
			DeliveryResult result = this.delivery.deliver(account, step.getJobExecutionId(), (counts) -> {
				count(counters, counts, false);
				counters.update(scratch);
			});
			count(counters, result, standalone);
			counters.update(step.getExecutionContext());
			Path report = standalone ? this.files.report(account, command, step.getJobExecutionId())
					: this.files.delivery(account, command, step.getJobExecutionId());
			long problems = write(step.getJobExecutionId(), report, standalone);
			var context = step.getJobExecution().getExecutionContext();
			if (standalone) {
				context.putString(JobParameterNames.REPORT, report.toString());
			}
			else if (problems > 0) {
				// a note of its own: other steps' notes stay
				context.putString(JobParameterNames.NOTE_PREFIX + "delivery", problems
						+ ((problems == 1) ? " email was" : " emails were")
						+ " not simply delivered (failed, cancelled, waiting for a retry, or possibly sent twice); see "
						+ report);
			}
			else {
				report = null;
			}
			if (!result.complete()) {
				throw new DeliveryIncompleteException(incomplete(result, standalone ? null : report));
			}
			return RepeatStatus.FINISHED;
		};
	}

	private static void count(RowCounters counters, DeliveryResult result, boolean withRemaining) {
		set(counters, SENT, result.sent());
		set(counters, FAILED, result.failed());
		if (withRemaining) {
			set(counters, QUEUED, result.remaining());
		}
		if (result.cancelled() > 0) {
			set(counters, CANCELLED, result.cancelled());
		}
		if (result.possibleDuplicates() > 0) {
			set(counters, POSSIBLE_DUPLICATES, result.possibleDuplicates());
		}
	}

	private static void set(RowCounters counters, String name, long value) {
		counters.add(name, value - counters.get(name));
	}

	private static String incomplete(DeliveryResult result, Path report) {
		StringBuilder message = new StringBuilder();
		message.append(result.remaining()).append((result.remaining() == 1) ? " email stays" : " emails stay")
			.append(" queued");
		if (result.nextAttempt() != null && result.nextAttempt().isAfter(Instant.now())) {
			message.append(", the next retry due at ")
				.append(result.nextAttempt().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' '));
		}
		if (result.lastError() != null) {
			message.append("; last error: ").append(result.lastError());
		}
		if (report != null) {
			message.append("; see ").append(report);
		}
		return message.toString();
	}

	private static boolean flag(JobParameters parameters, String name) {
		return Boolean.parseBoolean(parameters.getString(name, "false"));
	}

	/**
	 * Writes the report, streamed from the database, as every report is written ({@link ReportCsv}): an
	 * address such as {@code =x@acme.example} is valid, and a server's error message is anyone's text. Without
	 * {@code always}, an empty report is not kept.
	 * @return how many emails it lists
	 */
	private long write(long runId, Path target, boolean always) {
		long[] rows = new long[1];
		try (ReportCsv report = ReportCsv.create(target, REPORT_COLUMNS)) {
			this.delivery.problems(runId, (problem) -> {
				rows[0]++;
				report.record(line(problem));
			});
			if (rows[0] > 0 || always) {
				report.finish();
			}
			return rows[0];
		}
	}

	private static List<Object> line(DeliveryProblem problem) {
		String error = problem.error();
		if (problem.possibleDuplicate() && error == null) {
			error = "possible duplicate: an earlier delivery may have sent it already";
		}
		return Arrays.asList(problem.account(), problem.email(), problem.kind(), problem.status(), problem.attempts(),
				problem.possibleDuplicate() ? "yes" : "no", error, time(problem.sentAt()),
				"QUEUED".equals(problem.status()) ? time(problem.nextAttempt()) : null);
	}

	private static String time(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS).toString() : null;
	}

}
