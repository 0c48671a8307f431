package dev.roster.inbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.roster.files.OwnerOnly;
import dev.roster.inbox.WorkFolder.WorkFile;
import dev.roster.job.JobOutcome;
import dev.roster.job.JobStatus;
import dev.roster.job.JobRequest;
import dev.roster.job.JobRunner;
import dev.roster.job.JobStarter;
import dev.roster.job.LaunchOrigin;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.integration.file.filters.AcceptOnceFileListFilter;
import org.springframework.integration.metadata.ConcurrentMetadataStore;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * What happens to a file the drop folder adapter took: when its account's turn comes it is moved into the work folder
 * and copied there ({@link WorkFolder}), the job runs on that copy, then the copy moves to {@code archive/} or
 * {@code failed/}. A file waiting for its turn stays in the inbox; once taken, the work folder is the durable queue:
 * after a crash what it holds is resumed first, and {@link JobRunner} resumes the instance its content identifies.
 * The metadata store only remembers which takes were started, to tell a resumed drop from a duplicate one.
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

	private final WorkFolder work;

	private final InboxMetrics metrics;

	private final Clock clock;

	/** Launches in progress, to stop them when serve stops. */
	private final Map<Path, Launch> running = new ConcurrentHashMap<>();

	private final Map<Path, Instant> queuedSince = new ConcurrentHashMap<>();

	private final Set<Path> retrying = ConcurrentHashMap.newKeySet();

	private volatile boolean stopping;

	DropFiles(Path home, InboxJobs jobs, ServeSettings settings, Map<String, Job> jobBeans, JobRunner runner,
			JobStarter starter, ConcurrentMetadataStore taken, AccountLanes lanes,
			AcceptOnceFileListFilter<File> inFlight, WorkFolder work, InboxMetrics metrics, Clock clock) {
		this.home = home;
		this.jobs = jobs;
		this.settings = settings;
		this.jobBeans = jobBeans;
		this.runner = runner;
		this.starter = starter;
		this.taken = taken;
		this.lanes = lanes;
		this.inFlight = inFlight;
		this.work = work;
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
		this.lanes.submit(account, () -> takeIntoWork(path, account, command));
	}

	/** A file an earlier serve left in the work folder: queued before anything of the inbox. */
	void resume(WorkFile file) {
		logger.info("inbox: resuming account=" + file.account() + " job=" + file.job() + " file="
				+ quoted(Path.of(file.name())) + " left in " + display(file.folder()) + " by the last run");
		queue(file);
	}

	/** When the file that has waited longest for its turn was taken, or {@code null} when none waits. */
	Instant oldestWaiting() {
		return this.queuedSince.values().stream().min(Instant::compareTo).orElse(null);
	}

	/**
	 * Stops taking work and asks every running job to stop after its current chunk; what they leave behind stays in
	 * the work folder and resumes on the next start.
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

	private void queue(WorkFile file) {
		this.queuedSince.put(file.folder(), this.clock.instant());
		this.lanes.submit(file.account(), () -> {
			this.queuedSince.remove(file.folder());
			process(file);
		});
	}

	/** Its turn came: out of the inbox, into the work folder, and run. */
	private void takeIntoWork(Path file, String account, String command) {
		this.queuedSince.remove(file);
		Optional<WorkFile> taken;
		try {
			if (this.stopping) {
				return;
			}
			taken = this.work.take(file, account, command);
		}
		catch (RuntimeException ex) {
			logger.error("inbox: " + display(file) + " stays in the inbox: " + ex.getMessage()
					+ "; it is taken again in " + RETRY_AFTER.toSeconds() + " s");
			holdInInbox(file);
			return;
		}
		finally {
			// once moved, its name in the inbox is free for the next file
			if (!this.retrying.contains(file)) {
				release(file);
			}
		}
		taken.ifPresent(this::process);
	}

	private void process(WorkFile taken) {
		if (this.stopping) {
			// it stays in the work folder and is resumed on the next start
			return;
		}
		String account = taken.account();
		String command = taken.job();
		long started = this.clock.millis();
		InboxJob job = this.jobs.find(command).orElseThrow();
		String key = TAKEN + taken.take();
		try {
			String sha256 = this.work.copy(taken);
			Path file = taken.copy();
			String before = this.taken.putIfAbsent(key, sha256);
			boolean resumed = sha256.equals(before);
			if (before != null && !resumed) {
				this.taken.put(key, sha256);
			}
			JobRequest request = JobRequest.forFile(account, file, sha256);
			job.request(request, this.settings.values(account, job));
			JobParameters parameters = request.toJobParameters();
			Job batchJob = this.jobBeans.get(job.jobName());
			JobOutcome outcome;
			this.running.put(file, new Launch(command, file, batchJob, parameters));
			try {
				outcome = this.runner.run(command, batchJob, parameters, this.starter,
						LaunchOrigin.dropFolder(taken.name()));
			}
			finally {
				this.running.remove(file);
			}
			Path filed = file(taken, job, outcome, resumed, sha256);
			if (filed != null) {
				this.work.remove(taken);
				this.taken.remove(key);
			}
			else if (!this.stopping) {
				retryLater(taken);
			}
			ended(account, command, taken, outcome.status().label(), outcome, summary(outcome), filed, started);
		}
		catch (RuntimeException ex) {
			if (unreachable(ex)) {
				logger.warn("inbox: " + taken.inbox() + " waits in " + display(taken.folder()) + ": " + ex.getMessage()
						+ "; it is run again once the database answers");
				ended(account, command, taken, "RETRY", null, null, null, started);
				retryLater(taken);
				return;
			}
			logger.error("inbox: " + taken.inbox() + " failed: " + ex.getMessage(), ex);
			Path filed = fail(taken, "Roster could not run it: " + ex.getMessage(), null,
					(target) -> "Look in logs/roster.log for the cause; once it is fixed, move the file back into "
							+ inboxFolder(taken) + ".");
			this.work.remove(taken);
			ended(account, command, taken, "FAILED", null, null, filed, started);
			this.taken.remove(key);
		}
	}

	/** Keeps a file that could not be moved out of the next scans for a while, so a failure is not a busy loop. */
	private void holdInInbox(Path file) {
		this.retrying.add(file);
		CompletableFuture.delayedExecutor(RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
			this.retrying.remove(file);
			release(file);
		});
	}

	/** Runs a taken file again after a while, so a database outage is not a busy loop. */
	private void retryLater(WorkFile file) {
		if (!this.retrying.add(file.folder())) {
			return;
		}
		CompletableFuture.delayedExecutor(RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
			this.retrying.remove(file.folder());
			if (!this.stopping) {
				queue(file);
			}
		});
	}

	/** Moves the file where its outcome says; {@code null} when it stays in the work folder to resume later. */
	private Path file(WorkFile taken, InboxJob job, JobOutcome outcome, boolean resumed, String sha256) {
		String account = taken.account();
		String command = taken.job();
		String inbox = inboxFolder(taken);
		switch (outcome.status()) {
			case COMPLETED:
				return archive(taken, outcome.report(), null);
			case ALREADY_COMPLETED:
				if (resumed) {
					// this very take completed before a crash left it in the work folder: it is no duplicate
					return archive(taken, outcome.report(), null);
				}
				return archive(taken, null, "Not run: the same content (sha256 " + sha256 + ") for account " + account
						+ ": " + outcome.message() + ".\n" + ((outcome.report() != null)
								? "The report of that run: " + display(Path.of(outcome.report())) + "\n" : ""));
			case REJECTED:
				return fail(taken, "the file was rejected as a whole: " + outcome.message(), outcome.report(),
						(target) -> "Nothing was changed. Correct the file and drop it again into " + inbox + ".");
			default:
				break;
		}
		if (outcome.status() == JobStatus.GUARD_STOPPED) {
			return fail(taken, "a safety guard stopped the job before it changed anything: " + outcome.message(),
					outcome.report(),
					(target) -> "Review the plan in the report beside this file.\n"
							+ ((job.approval() != null) ? "To apply it anyway, run:\n  roster " + command
									+ " --account " + account + " --file " + quoted(target.toAbsolutePath()) + " "
									+ job.approval() + "\n" : "")
							+ "Or correct the file and drop it again into " + inbox + ".");
		}
		if (outcome.status() == JobStatus.BUSY) {
			// another process holds this instance right now: try again later rather than fail the file
			logger.warn("inbox: " + taken.inbox() + " waits in " + display(taken.folder()) + ": " + outcome.message());
			return null;
		}
		if (this.stopping) {
			logger.info("inbox: " + taken.inbox() + " waits in " + display(taken.folder())
					+ ": serve stopped during execution " + outcome.executionId()
					+ "; it resumes from its last committed chunk on the next start");
			return null;
		}
		return fail(taken, "the job failed: " + outcome.message(), outcome.report(),
				(target) -> "Rows of chunks that committed before the failure are applied; nothing else is. Once the "
						+ "cause is fixed, move this file back into " + inbox + ": the job resumes where it stopped "
						+ "(execution " + outcome.executionId() + ") and applies no row twice.");
	}

	private Path archive(WorkFile taken, String report, String duplicateNote) {
		Path folder = dated("archive", taken);
		FileNames.Target target = FileNames.unique(folder, taken.name());
		copyReport(report, folder);
		if (duplicateNote != null) {
			OwnerOnly.writeString(target.companion(".duplicate.txt"), duplicateNote);
		}
		return move(taken.current(), target.path());
	}

	private Path fail(WorkFile taken, String reason, String report, Function<Path, String> whatToDo) {
		Path folder = dated("failed", taken);
		FileNames.Target target = FileNames.unique(folder, taken.name());
		copyReport(report, folder);
		OwnerOnly.writeString(target.companion(".error.txt"),
				taken.name() + " was not processed: " + reason + "\n\n" + whatToDo.apply(target.path())
						+ "\n\naccount: "
						+ taken.account() + "\njob: " + taken.job() + "\ndropped as: " + taken.inbox() + "\nfiled: "
						+ this.clock.instant().truncatedTo(ChronoUnit.SECONDS) + "\n");
		return move(taken.current(), target.path());
	}

	private Path dated(String area, WorkFile taken) {
		return OwnerOnly.folder(this.home.resolve(area)
			.resolve(taken.account())
			.resolve(taken.job())
			.resolve(LocalDate.now(this.clock).toString()));
	}

	private static String inboxFolder(WorkFile taken) {
		return "inbox/" + taken.account() + "/" + taken.job() + "/";
	}

	private void copyReport(String report, Path folder) {
		if (report == null) {
			return;
		}
		Path source = Path.of(report);
		if (WorkFolder.regular(source)) {
			try {
				OwnerOnly.copy(source, folder.resolve(source.getFileName()));
			}
			catch (UncheckedIOException ex) {
				logger.warn("inbox: cannot copy report " + source + " to " + folder + ": " + ex.getMessage());
			}
		}
	}

	/** The file's move out of the work folder is the last step: once it has left, its work is done. */
	private static Path move(Path file, Path target) {
		try {
			try {
				Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, LinkOption.NOFOLLOW_LINKS);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(file, target, LinkOption.NOFOLLOW_LINKS);
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot move " + file + " to " + target + ": " + ex.getMessage(), ex);
		}
	}

	private void release(Path file) {
		this.inFlight.remove(file.toFile());
	}

	private void ended(String account, String command, WorkFile file, String status, JobOutcome outcome,
			String summary, Path filed, long started) {
		StringBuilder line = new StringBuilder("inbox: job ended account=").append(account)
			.append(" job=").append(command)
			.append(" file=").append(quoted(Path.of(file.name())));
		if (outcome != null && outcome.executionId() != null) {
			line.append(" execution_id=").append(outcome.executionId());
		}
		line.append(" status=").append(status);
		if (summary != null && !summary.isEmpty()) {
			line.append(' ').append(summary);
		}
		line.append(" filed=").append((filed != null) ? display(filed) : "(waits in " + display(file.folder()) + ")");
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
