package dev.roster.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.roster.intake.InputRejectedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Launches a job for one input and turns its execution into a {@link JobOutcome}.
 * <p>
 * A job instance is its identifying parameters: account, content hash and effect-changing options. A completed
 * instance is never run again: the same input then says {@code ALREADY_COMPLETED}, with counts of 0, naming the
 * execution that did the work. Two kinds of completed instance do not make an input done, and the same input runs as
 * the next instance in line: one a safety guard stopped, and any instance of a {@link RepeatableJob}. While an
 * instance runs, its launcher holds a PostgreSQL advisory lock keyed by the requested input; an execution still
 * marked running whose lock is free was killed, so it is recovered (marked failed) and the same command resumes it
 * from its last committed chunk.
 */
@Component
public class JobRunner {

	/** Parameters that are the launch's input and identity, not options a person chose. */
	private static final Set<String> INTERNAL = Set.of(JobParameterNames.ACCOUNT, JobParameterNames.FILE,
			JobParameterNames.FILE_SHA256, JobParameterNames.RUN_ID, JobParameterNames.RERUN);

	/** Exit code a job sets when a safety guard stopped it before it changed anything. */
	public static final String GUARD_TRIPPED = "GUARD_TRIPPED";

	private static final Log logger = LogFactory.getLog(JobRunner.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final DataSource dataSource;

	private final Set<String> repeatable;

	private final JobHistory history;

	/** The launches running in this process, by their history id: what their live counters are read from. */
	private final Map<Long, Running> running = new ConcurrentHashMap<>();

	JobRunner(JobOperator jobOperator, JobRepository jobRepository, DataSource dataSource,
			ObjectProvider<RepeatableJob> repeatable, JobHistory history) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.dataSource = dataSource;
		this.repeatable = repeatable.stream().map(RepeatableJob::jobName).collect(Collectors.toUnmodifiableSet());
		this.history = history;
	}

	/** A launch from the command line, by the operating system's user. */
	public JobOutcome run(String command, Job job, JobParameters parameters) {
		return run(command, job, parameters, this.jobOperator::start, LaunchOrigin.commandLine());
	}

	/** As {@link #run(String, Job, JobParameters)}, with the execution started by {@code starter}. */
	public JobOutcome run(String command, Job job, JobParameters parameters, JobStarter starter) {
		return run(command, job, parameters, starter, LaunchOrigin.commandLine());
	}

	/** A launch from {@code origin}, started as the command line starts its own. */
	public JobOutcome run(String command, Job job, JobParameters parameters, LaunchOrigin origin) {
		return run(command, job, parameters, this.jobOperator::start, origin);
	}

	/** Records the launch as coming from {@code origin} in the {@link JobHistory}, then runs it. */
	public JobOutcome run(String command, Job job, JobParameters parameters, JobStarter starter, LaunchOrigin origin) {
		Map<String, String> options = new LinkedHashMap<>();
		parameters.parameters()
			.stream()
			.filter((parameter) -> !INTERNAL.contains(parameter.name()))
			.forEach((parameter) -> options.put(parameter.name(), String.valueOf(parameter.value())));
		String file = parameters.getString(JobParameterNames.FILE);
		String fileName = (origin.fileName() != null || file == null) ? origin.fileName()
				: java.nio.file.Path.of(file).getFileName().toString();
		long launch = this.history.start(new JobHistory.NewLaunch(parameters.getString(JobParameterNames.ACCOUNT),
				command, new LaunchOrigin(origin.door(), origin.launchedBy(), fileName), file,
				parameters.getString(JobParameterNames.FILE_SHA256), options,
				"true".equals(parameters.getString(JobParameterNames.DRY_RUN)), null, null, null));
		return recorded(launch, command, job, parameters, starter);
	}

	/** Runs a launch its door already recorded as queued in the {@link JobHistory}, now that its turn came. */
	public JobOutcome run(long launch, String command, Job job, JobParameters parameters) {
		this.history.running(launch);
		return recorded(launch, command, job, parameters, this.jobOperator::start);
	}

	/**
	 * The row counters of a launch running in this process, as its steps saved them at their last committed chunk;
	 * empty when it runs in another process, has not started an execution yet, or has ended.
	 */
	public Optional<Map<String, Long>> liveCounts(long launch) {
		Running current = this.running.get(launch);
		if (current == null) {
			return Optional.empty();
		}
		JobInstance instance = this.jobRepository.getJobInstance(current.job().getName(),
				current(current.job(), current.parameters()));
		JobExecution last = (instance != null) ? this.jobRepository.getLastJobExecution(instance) : null;
		if (last == null || !last.isRunning()) {
			return Optional.empty();
		}
		Map<String, Long> counts = new LinkedHashMap<>();
		last.getStepExecutions()
			.stream()
			.sorted(Comparator.comparingLong(StepExecution::getId))
			// the step's context as its last chunk committed it, not as the execution was loaded
			.map((step) -> this.jobRepository.getStepExecution(last.getId(), step.getId()))
			.filter(java.util.Objects::nonNull)
			.forEach((step) -> RowCounters.read(step.getExecutionContext(), counts));
		return Optional.of(counts);
	}

	private JobOutcome recorded(long launch, String command, Job job, JobParameters parameters, JobStarter starter) {
		this.running.put(launch, new Running(job, parameters));
		try {
			JobOutcome outcome = locked(command, job, parameters, starter);
			this.history.ended(launch, outcome);
			return outcome;
		}
		catch (RuntimeException ex) {
			try {
				this.history.failed(launch, ex.getMessage());
			}
			catch (RuntimeException unrecorded) {
				ex.addSuppressed(unrecorded);
			}
			throw ex;
		}
		finally {
			this.running.remove(launch);
		}
	}

	private JobOutcome locked(String command, Job job, JobParameters parameters, JobStarter starter) {
		String account = parameters.getString(JobParameterNames.ACCOUNT);
		long lockKey = instanceKey(job.getName(), parameters);
		try (Connection lockConnection = this.dataSource.getConnection()) {
			if (!advisoryLock(lockConnection, "pg_try_advisory_lock", lockKey)) {
				return new JobOutcome(command, account, JobStatus.BUSY, Map.of(), null, null,
						"this input is being processed by another Roster process right now; try again when it ends",
						List.of());
			}
			try {
				return launch(command, account, job, parameters, starter);
			}
			finally {
				// a pooled connection outlives this launch, and so would a session lock left on it
				advisoryLock(lockConnection, "pg_advisory_unlock", lockKey);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach the database: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The execution that completed this input, if one did and the input is done: never for a {@link RepeatableJob},
	 * whose every launch runs.
	 */
	public Optional<JobExecution> completedExecution(Job job, JobParameters parameters) {
		JobInstance instance = this.jobRepository.getJobInstance(job.getName(), current(job, parameters));
		JobExecution last = (instance != null) ? this.jobRepository.getLastJobExecution(instance) : null;
		return (last != null && last.getStatus() == BatchStatus.COMPLETED) ? Optional.of(last) : Optional.empty();
	}

	/**
	 * The parameters of the instance a launch of {@code requested} runs: the requested ones, or when earlier
	 * instances of them completed without making the input done (see {@link #walksOn}), the next in line, numbered
	 * by {@link JobParameterNames#RERUN}.
	 * <p>
	 * Instance n of an input is only ever created once instance n - 1 completed, so the instances that exist are
	 * 0 to some last one: it is found by doubling and then halving, a few look-ups however many runs came before.
	 */
	private JobParameters current(Job job, JobParameters requested) {
		if (instance(job, requested, 0) == null) {
			return requested;
		}
		long found = 0;
		long missing = 1;
		while (instance(job, requested, missing) != null) {
			found = missing;
			missing *= 2;
		}
		while (missing - found > 1) {
			long middle = found + (missing - found) / 2;
			if (instance(job, requested, middle) != null) {
				found = middle;
			}
			else {
				missing = middle;
			}
		}
		JobExecution last = this.jobRepository.getLastJobExecution(instance(job, requested, found));
		return rerun(requested, walksOn(job, last) ? found + 1 : found);
	}

	private JobInstance instance(Job job, JobParameters requested, long rerun) {
		return this.jobRepository.getJobInstance(job.getName(), rerun(requested, rerun));
	}

	private static JobParameters rerun(JobParameters requested, long rerun) {
		return (rerun == 0) ? requested
				: new JobParametersBuilder(requested).addString(JobParameterNames.RERUN, Long.toString(rerun))
					.toJobParameters();
	}

	/**
	 * Whether a launch after {@code last} runs the next instance: a guard that stopped an instance leaves it
	 * COMPLETED (Spring Batch never restarts those), yet nothing was done; and a completed run of a repeatable job
	 * never makes its input done.
	 */
	private boolean walksOn(Job job, JobExecution last) {
		return last != null && last.getStatus() == BatchStatus.COMPLETED
				&& (guardTripped(last) || this.repeatable.contains(job.getName()));
	}

	/**
	 * Asks the running execution of this instance to stop once its current chunk has committed; the same launch
	 * resumes it later. Returns whether there was one to stop.
	 * <p>
	 * Only the job execution is marked {@code STOPPING}: the step sees it when it saves its next chunk and ends
	 * {@code STOPPED} with that chunk's state. {@code JobOperator.stop} would also save the step execution it loaded,
	 * racing the running step's own saves, and a lost race leaves a restart that reads the file from the top.
	 */
	public boolean stop(Job job, JobParameters parameters) {
		JobInstance instance = this.jobRepository.getJobInstance(job.getName(), parameters);
		JobExecution last = (instance != null) ? this.jobRepository.getLastJobExecution(instance) : null;
		if (last == null || (last.getStatus() != BatchStatus.STARTED && last.getStatus() != BatchStatus.STARTING)) {
			return false;
		}
		logger.info("Stopping execution " + last.getId() + " of " + job.getName() + " after its current chunk");
		last.setStatus(BatchStatus.STOPPING);
		this.jobRepository.update(last);
		return true;
	}

	private JobOutcome launch(String command, String account, Job job, JobParameters requested,
			JobStarter starter) {
		try {
			JobParameters parameters = current(job, requested);
			JobInstance instance = this.jobRepository.getJobInstance(job.getName(), parameters);
			if (instance != null) {
				JobExecution last = this.jobRepository.getLastJobExecution(instance);
				if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
					return alreadyCompleted(command, account, job, last);
				}
				if (last != null && last.isRunning()) {
					logger.warn("Recovering execution " + last.getId() + " of " + job.getName()
							+ ", left running by a process that stopped");
					this.jobOperator.recover(last);
				}
			}
			return outcome(command, account, job, starter.start(job, parameters));
		}
		catch (Exception ex) {
			if (rootCause(ex) instanceof InputRejectedException rejected) {
				return new JobOutcome(command, account, JobStatus.REJECTED, Map.of(), null, null,
						rejected.getMessage(), List.of());
			}
			throw new IllegalStateException("Cannot launch " + command + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * This launch did nothing: its counts are 0 (a script summing them over runs stays right), it started no
	 * execution, and it names the one that did the work, whose report still describes this input.
	 */
	private JobOutcome alreadyCompleted(String command, String account, Job job, JobExecution last) {
		Map<String, Long> counts = new LinkedHashMap<>();
		counts(job, last).keySet().forEach((name) -> counts.put(name, 0L));
		return new JobOutcome(command, account, JobStatus.ALREADY_COMPLETED, counts, report(job, last), null,
				last.getId(), "this input was already processed by execution "
						+ last.getId() + " on " + finished(last) + "; nothing was done",
				ignoredColumns(last));
	}

	private JobOutcome outcome(String command, String account, Job job, JobExecution execution) {
		Map<String, Long> counts = counts(job, execution);
		List<String> ignored = ignoredColumns(execution);
		String reportPath = report(job, execution);
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			String notes = notes(execution);
			if (GUARD_TRIPPED.equals(execution.getExitStatus().getExitCode())) {
				return new JobOutcome(command, account, JobStatus.GUARD_STOPPED, counts, reportPath, execution.getId(),
						join(execution.getExitStatus().getExitDescription(), notes), ignored);
			}
			return new JobOutcome(command, account, JobStatus.COMPLETED, counts, reportPath, execution.getId(), notes,
					ignored);
		}
		Throwable failure = execution.getAllFailureExceptions().stream().findFirst().orElse(null);
		Throwable root = (failure != null) ? rootCause(failure) : null;
		if (root instanceof InputRejectedException) {
			return new JobOutcome(command, account, JobStatus.REJECTED, counts, reportPath, execution.getId(),
					root.getMessage(), ignored);
		}
		String message = (root != null) ? root.getMessage() : execution.getExitStatus().getExitDescription();
		// an execution asked to stop after a chunk ends STOPPED; anything else that did not complete failed
		JobStatus status = (execution.getStatus() == BatchStatus.STOPPED || execution.getStatus() == BatchStatus.STOPPING)
				? JobStatus.STOPPED : JobStatus.FAILED;
		return new JobOutcome(command, account, status, counts, reportPath, execution.getId(),
				message + " (run the same command again to resume)", ignored);
	}

	/**
	 * The notes of a completed execution: the job's own ({@link JobParameterNames#NOTE}), then those its steps and
	 * the job's context keep under {@link JobParameterNames#NOTE_PREFIX}, in the order the steps ran.
	 */
	private static String notes(JobExecution execution) {
		List<String> notes = new ArrayList<>();
		Object note = execution.getExecutionContext().get(JobParameterNames.NOTE);
		if (note != null) {
			notes.add(note.toString());
		}
		notes.addAll(prefixed(execution.getExecutionContext()));
		execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparingLong(StepExecution::getId))
			.forEach((step) -> notes.addAll(prefixed(step.getExecutionContext())));
		return notes.isEmpty() ? null : String.join("; ", notes.stream().distinct().toList());
	}

	private static List<String> prefixed(ExecutionContext context) {
		return context.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(JobParameterNames.NOTE_PREFIX))
			.sorted(Map.Entry.comparingByKey())
			.map((entry) -> entry.getValue().toString())
			.filter((value) -> !value.isEmpty())
			.toList();
	}

	private static String join(String message, String notes) {
		return (notes == null) ? message : (message == null) ? notes : message + "; " + notes;
	}

	private static boolean guardTripped(JobExecution execution) {
		return execution != null && execution.getStatus() == BatchStatus.COMPLETED
				&& GUARD_TRIPPED.equals(execution.getExitStatus().getExitCode());
	}

	private static String finished(JobExecution execution) {
		return (execution.getEndTime() != null)
				? execution.getEndTime().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ') : "an earlier run";
	}

	/**
	 * The counters of every step, in the order the steps ran and each declared them. A resumed execution runs only
	 * the steps that had not completed; the counters of the others come from the execution that completed them, so
	 * the summary covers the whole run.
	 */
	private Map<String, Long> counts(Job job, JobExecution execution) {
		Map<String, StepExecution> steps = new HashMap<>();
		execution.getStepExecutions().forEach((step) -> steps.put(step.getStepName(), step));
		if (job instanceof AbstractJob declared) {
			for (String name : declared.getStepNames()) {
				if (!steps.containsKey(name)) {
					StepExecution earlier = this.jobRepository.getLastStepExecution(execution.getJobInstance(), name);
					if (earlier != null && earlier.getStatus() == BatchStatus.COMPLETED) {
						steps.put(name, earlier);
					}
				}
			}
		}
		Map<String, Long> counts = new LinkedHashMap<>();
		steps.values()
			.stream()
			.sorted(Comparator.comparingLong(StepExecution::getId))
			.forEach((step) -> RowCounters.read(step.getExecutionContext(), counts));
		return counts;
	}

	/**
	 * The report the run wrote. A run killed after its report step ended but before the job recorded the report
	 * resumes past that step; the step's own context still names it.
	 */
	private String report(Job job, JobExecution execution) {
		Object report = execution.getExecutionContext().get(JobParameterNames.REPORT);
		if (report != null) {
			return report.toString();
		}
		if (job instanceof AbstractJob declared) {
			for (String name : declared.getStepNames()) {
				StepExecution step = this.jobRepository.getLastStepExecution(execution.getJobInstance(), name);
				if (step != null && step.getExecutionContext().containsKey(JobParameterNames.REPORT)) {
					return step.getExecutionContext().getString(JobParameterNames.REPORT);
				}
			}
		}
		return null;
	}

	/** Columns of the input that no field matched, which readers note in their step's context. */
	private static List<String> ignoredColumns(JobExecution execution) {
		List<String> ignored = new ArrayList<>();
		for (StepExecution step : execution.getStepExecutions()) {
			step.getExecutionContext()
				.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().endsWith(".unknown-columns"))
				.map((entry) -> entry.getValue().toString())
				.filter((value) -> !value.isEmpty())
				.forEach((value) -> ignored.addAll(List.of(value.split("\n"))));
		}
		return ignored;
	}

	private static boolean advisoryLock(Connection connection, String function, long key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select " + function + "(?)")) {
			statement.setLong(1, key);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private static long instanceKey(String jobName, JobParameters parameters) {
		String identity = jobName + "|" + parameters.getIdentifyingParameters()
			.stream()
			.sorted(Comparator.comparing(JobParameter::name))
			.map((parameter) -> parameter.name() + "=" + parameter.value())
			.collect(Collectors.joining("|"));
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
			long key = 0;
			for (int i = 0; i < 8; i++) {
				key = (key << 8) | (digest[i] & 0xff);
			}
			return key;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof InputRejectedException)) {
			cause = cause.getCause();
		}
		return cause;
	}

	private record Running(Job job, JobParameters parameters) {
	}

}
