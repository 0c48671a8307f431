package dev.roster.inbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.roster.job.JobOutcome;
import dev.roster.job.JobRequest;
import dev.roster.job.JobRunner;
import dev.roster.job.JobStarter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.integration.file.filters.AcceptOnceFileListFilter;
import org.springframework.integration.metadata.ConcurrentMetadataStore;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * What happens to a file the drop folder adapter took: its account's lane runs the job, then the file moves to
 * {@code archive/} or {@code failed/}. The file stays in the inbox until its job has ended, so the inbox itself is
 * the durable queue: after a crash the file is taken again and {@link JobRunner} resumes the instance its content
 * identifies. The metadata store only remembers which files were taken, to tell a resumed drop from a duplicate one.
 */
final class DropFiles {

	private static final Log logger = LogFactory.getLog(DropFiles.class);

	private static final String TAKEN = "inbox.taken:";

	private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

	private final Path home;

	private final InboxJobs jobs;

	private final ServeSettings settings;

	private final Map<String, Job> jobBeans;

	private final JobRunner runner;

	private final JobStarter starter;

	private final ConcurrentMetadataStore taken;

	private final AccountLanes lanes;

	private final AcceptOnceFileListFilter<File> inFlight;

	private final InboxMetrics metrics;

	private final Clock clock;

	/** Launches in progress, to stop them when serve stops. */
	private final Map<Path, Launch> running = new ConcurrentHashMap<>();

	private final Map<Path, Instant> queuedSince = new ConcurrentHashMap<>();

	private final Set<Path> retrying = ConcurrentHashMap.newKeySet();

	private volatile boolean stopping;

	DropFiles(Path home, InboxJobs jobs, ServeSettings settings, Map<String, Job> jobBeans, JobRunner runner,
			JobStarter starter, ConcurrentMetadataStore taken, AccountLanes lanes,
			AcceptOnceFileListFilter<File> inFlight, InboxMetrics metrics, Clock clock) {
		this.home = home;
		this.jobs = jobs;
		this.settings = settings;
		this.jobBeans = jobBeans;
		this.runner = runner;
		this.starter = starter;
		this.taken = taken;
		this.lanes = lanes;
		this.inFlight = inFlight;
		this.metrics = metrics;
		this.clock = clock;
	}

	/** Called for each complete file, in arrival order: queues it in its account's lane. */
	void take(File file) {
		Path path = file.toPath();
		String account = path.getParent().getParent().getFileName().toString();
		String command = path.getParent().getFileName().toString();
		logger.info("inbox: took file account=" + account + " job=" + command + " file=" + quoted(path.getFileName())
				+ " size=" + file.length());
		this.metrics.taken(account, command);
		this.queuedSince.put(path, this.clock.instant());
		this.lanes.submit(account, () -> process(path, account, command));
	}

	/** When the file that has waited longest for its turn was taken, or {@code null} when none waits. */
	Instant oldestWaiting() {
		return this.queuedSince.values().stream().min(Instant::compareTo).orElse(null);
	}

	/**
	 * Stops taking work and asks every running job to stop after its current chunk; what they leave behind stays in
	 * the inbox and resumes on the next start.
	 */
	void stop() {
		this.stopping = true;
		this.running.values().forEach((launch) -> {
			if (this.runner.stop(launch.job(), launch.parameters())) {
				logger.info("inbox: asked job=" + launch.command() + " file=" + quoted(launch.file().getFileName())
						+ " to stop after its current chunk; it resumes on the next start");
			}
		});
	}

	private void process(Path file, String account, String command) {
		this.queuedSince.remove(file);
		if (this.stopping || !Files.isRegularFile(file)) {
			release(file);
			return;
		}
		long started = this.clock.millis();
		InboxJob job = this.jobs.find(command).orElseThrow();
		try {
			String sha256 = JobRequest.sha256(file);
			String key = TAKEN + this.home.relativize(file);
			String before = this.taken.putIfAbsent(key, sha256);
			boolean resumed = sha256.equals(before);
			if (before != null && !resumed) {
				this.taken.put(key, sha256);
			}
			JobRequest request = JobRequest.forFile(account, file, sha256);
			job.options().apply(this.settings.options(account, command), request);
			JobParameters parameters = request.toJobParameters();
			Job batchJob = this.jobBeans.get(job.jobName());
			JobOutcome outcome;
			this.running.put(file, new Launch(command, file, batchJob, parameters));
			try {
				outcome = this.runner.run(command, batchJob, parameters, this.starter);
			}
			finally {
				this.running.remove(file);
			}
			Path filed = file(file, account, command, job, outcome, resumed, sha256);
			if (filed != null) {
				this.taken.remove(key);
			}
			else if (!this.stopping) {
				retryLater(file);
			}
			ended(account, command, file, outcome.status(), outcome, summary(outcome), filed, started);
		}
		catch (RuntimeException ex) {
			if (unreachable(ex)) {
				logger.warn("inbox: " + display(file) + " stays in the inbox: " + ex.getMessage()
						+ "; it is taken again once the database answers");
				ended(account, command, file, "RETRY", null, null, null, started);
				retryLater(file);
				return;
			}
			logger.error("inbox: " + display(file) + " failed: " + ex.getMessage(), ex);
			Path filed = fail(file, account, command, "Roster could not run it: " + ex.getMessage(), null,
					"Look in logs/roster.log for the cause; once it is fixed, move the file back into "
							+ display(file.getParent()) + "/.");
			ended(account, command, file, "FAILED", null, null, filed, started);
		}
		finally {
			if (!this.retrying.contains(file)) {
				release(file);
			}
		}
	}

	/** Keeps a file that must wait out of the next scans for a while, so a database outage is not a busy loop. */
	private void retryLater(Path file) {
		this.retrying.add(file);
		CompletableFuture.delayedExecutor(RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
			this.retrying.remove(file);
			release(file);
		});
	}

	/** Moves the file where its outcome says; {@code null} when it stays in the inbox to resume later. */
	private Path file(Path file, String account, String command, InboxJob job, JobOutcome outcome, boolean resumed,
			String sha256) {
		String inbox = display(file.getParent()) + "/";
		switch (outcome.status()) {
			case "COMPLETED":
				return archive(file, account, command, outcome.report(), null);
			case "ALREADY_COMPLETED":
				if (resumed) {
					// this very drop completed before a crash left it in the inbox: it is no duplicate
					return archive(file, account, command, outcome.report(), null);
				}
				return archive(file, account, command, null, "Not run: the same content (sha256 " + sha256
						+ ") for account " + account + ": " + outcome.message() + ".\nCounts of that run: "
						+ summary(outcome) + "\n");
			case "REJECTED":
				return fail(file, account, command, "the file was rejected as a whole: " + outcome.message(),
						outcome.report(), "Nothing was changed. Correct the file and drop it again into " + inbox + ".");
			default:
				break;
		}
		if (outcome.exitCode() == JobOutcome.EXIT_GUARD) {
			String approve = (job.approval() != null) ? "To apply it anyway, run:\n  roster " + command + " --account "
					+ account + " --file "
					+ quoted(dated("failed", account, command).resolve(file.getFileName()).toAbsolutePath())
					+ " " + job.approval() + "\n" : "";
			return fail(file, account, command, "a safety guard stopped the job before it changed anything: "
					+ outcome.message(), outcome.report(), "Review the plan in the report beside this file.\n"
							+ approve + "Or correct the file and drop it again into " + inbox + ".");
		}
		if (outcome.executionId() == null && outcome.exitCode() == JobOutcome.EXIT_FAILED) {
			// another process holds this instance right now: try again later rather than fail the file
			logger.warn("inbox: " + display(file) + " stays in the inbox: " + outcome.message());
			return null;
		}
		if (this.stopping) {
			logger.info("inbox: " + display(file) + " stays in the inbox: serve stopped during execution "
					+ outcome.executionId() + "; it resumes from its last committed chunk on the next start");
			return null;
		}
		return fail(file, account, command, "the job failed: " + outcome.message(), outcome.report(),
				"Rows of chunks that committed before the failure are applied; nothing else is. Once the cause is "
						+ "fixed, move this file back into " + inbox + ": the job resumes where it stopped (execution "
						+ outcome.executionId() + ") and applies no row twice.");
	}

	private Path archive(Path file, String account, String command, String report, String duplicateNote) {
		Path folder = dated("archive", account, command);
		Path target = unique(folder, file.getFileName().toString());
		copyReport(report, folder);
		if (duplicateNote != null) {
			write(folder.resolve(target.getFileName() + ".duplicate.txt"), duplicateNote);
		}
		return move(file, target);
	}

	private Path fail(Path file, String account, String command, String reason, String report, String whatToDo) {
		Path folder = dated("failed", account, command);
		Path target = unique(folder, file.getFileName().toString());
		copyReport(report, folder);
		write(folder.resolve(target.getFileName() + ".error.txt"),
				file.getFileName() + " was not processed: " + reason + "\n\n" + whatToDo + "\n\naccount: " + account
						+ "\njob: " + command + "\ndropped as: " + display(file) + "\nfiled: "
						+ this.clock.instant().truncatedTo(ChronoUnit.SECONDS) + "\n");
		return move(file, target);
	}

	private Path dated(String area, String account, String command) {
		return this.home.resolve(area).resolve(account).resolve(command).resolve(LocalDate.now(this.clock).toString());
	}

	/** {@code name}, or {@code name.2.csv}, {@code name.3.csv}... when the day's folder has one already. */
	private static Path unique(Path folder, String name) {
		try {
			Files.createDirectories(folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + folder + ": " + ex.getMessage(), ex);
		}
		Path target = folder.resolve(name);
		int dot = name.lastIndexOf('.');
		String stem = (dot > 0) ? name.substring(0, dot) : name;
		String extension = (dot > 0) ? name.substring(dot) : "";
		for (int n = 2; Files.exists(target); n++) {
			target = folder.resolve(stem + "." + n + extension);
		}
		return target;
	}

	private void copyReport(String report, Path folder) {
		if (report == null) {
			return;
		}
		Path source = Path.of(report);
		if (Files.isRegularFile(source)) {
			try {
				Files.copy(source, folder.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException ex) {
				logger.warn("inbox: cannot copy report " + source + " to " + folder + ": " + ex.getMessage());
			}
		}
	}

	/** The file's move out of the inbox is the last step: once it has left, its work is done. */
	private Path move(Path file, Path target) {
		try {
			try {
				Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(file, target);
			}
			Files.deleteIfExists(Path.of(file + CompleteFiles.DONE));
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot move " + file + " to " + target + ": " + ex.getMessage(), ex);
		}
	}

	private static void write(Path file, String text) {
		try {
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file + ": " + ex.getMessage(), ex);
		}
	}

	private void release(Path file) {
		this.inFlight.remove(file.toFile());
	}

	private void ended(String account, String command, Path file, String status, JobOutcome outcome,
			String summary, Path filed, long started) {
		StringBuilder line = new StringBuilder("inbox: job ended account=").append(account)
			.append(" job=").append(command)
			.append(" file=").append(quoted(file.getFileName()));
		if (outcome != null && outcome.executionId() != null) {
			line.append(" execution_id=").append(outcome.executionId());
		}
		line.append(" status=").append(status);
		if (summary != null && !summary.isEmpty()) {
			line.append(' ').append(summary);
		}
		line.append(" filed=").append((filed != null) ? display(filed) : "(left in the inbox)");
		logger.info(line);
		this.metrics.ended(account, command, status, this.clock.millis() - started);
	}

	private static String summary(JobOutcome outcome) {
		return outcome.counts()
			.entrySet()
			.stream()
			.map((count) -> count.getKey() + "=" + count.getValue())
			.collect(Collectors.joining(" "));
	}

	private String display(Path path) {
		return path.startsWith(this.home) ? this.home.relativize(path).toString() : path.toString();
	}

	private static String quoted(Path name) {
		String text = name.toString();
		return text.contains(" ") ? "\"" + text + "\"" : text;
	}

	private static boolean unreachable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof DataAccessResourceFailureException
					|| (cause instanceof SQLException sql && sql.getSQLState() != null
							&& sql.getSQLState().startsWith("08"))) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private record Launch(String command, Path file, Job job, JobParameters parameters) {
	}

}
