package dev.roster.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.roster.files.OwnerOnly;
import dev.roster.job.JobOutcome;
import dev.roster.job.JobRequest;
import dev.roster.job.JobRunner;
import dev.roster.job.JobStarter;
import dev.roster.job.LaunchOrigin;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * What a schedule does when it fires. A job that reads a file gets the newest complete file of its source delivered
 * into the account's drop folder — copied beside it under a hidden name, then renamed — so it is run, filed and made
 * crash-safe exactly as a dropped file. Content that already waits in the inbox or the work folder is not delivered
 * again, nor, except for a job whose file is the account's desired state (sync-roster), content that already
 * completed. An account job is queued in the account's lane like any file.
 * <p>
 * The configured {@code from} is the operator's own path and may itself be a link; inside a source folder, a link is
 * never delivered.
 */
final class ScheduledRuns {

	private static final Log logger = LogFactory.getLog(ScheduledRuns.class);

	private final Path inbox;

	private final WorkFolder work;

	private final ServeSettings settings;

	private final Map<String, Job> jobBeans;

	private final JobRunner runner;

	private final JobStarter starter;

	private final AccountLanes lanes;

	private final CompleteFiles complete;

	private final boolean requireDoneMarker;

	ScheduledRuns(Path inbox, WorkFolder work, ServeSettings settings, Map<String, Job> jobBeans, JobRunner runner,
			JobStarter starter, AccountLanes lanes, CompleteFiles complete, boolean requireDoneMarker) {
		this.inbox = inbox;
		this.work = work;
		this.settings = settings;
		this.jobBeans = jobBeans;
		this.runner = runner;
		this.starter = starter;
		this.lanes = lanes;
		this.complete = complete;
		this.requireDoneMarker = requireDoneMarker;
	}

	void fire(Schedule schedule) {
		try {
			if (schedule.job().takesFile()) {
				deliver(schedule);
			}
			else {
				this.lanes.submit(schedule.account(), () -> runAccountJob(schedule));
			}
		}
		catch (RuntimeException ex) {
			logger.error("schedule " + schedule.id() + " failed: " + ex.getMessage(), ex);
		}
	}

	private void deliver(Schedule schedule) {
		Optional<Path> newest = newestComplete(schedule);
		if (newest.isEmpty()) {
			if (!Files.exists(schedule.from())) {
				logger.warn("schedule " + schedule.id() + ": " + schedule.from() + " does not exist; nothing to do");
			}
			else {
				logger.info("schedule " + schedule.id() + ": no complete file in " + schedule.from() + "; nothing to do");
			}
			return;
		}
		Path source = newest.get();
		String command = schedule.job().command();
		String sha256 = WorkFolder.sha256(source);
		if (!schedule.job().desiredState()) {
			JobRequest request = JobRequest.forFile(schedule.account(), source, sha256);
			schedule.job().request(request, this.settings.values(schedule.account(), schedule.job()));
			Optional<JobExecution> completed = this.runner
				.completedExecution(this.jobBeans.get(schedule.job().jobName()), request.toJobParameters());
			if (completed.isPresent()) {
				logger.info("schedule " + schedule.id() + ": " + source + " was already processed by execution "
						+ completed.get().getId() + "; nothing to do");
				return;
			}
		}
		Path folder = this.inbox.resolve(schedule.account()).resolve(command);
		List<Path> waiting = new ArrayList<>(regularFiles(folder).stream()
			.filter((file) -> !CompleteFiles.temporary(file.getFileName().toString()))
			.toList());
		waiting.addAll(this.work.waiting(schedule.account(), command));
		Optional<Path> same = waiting.stream().filter((file) -> sha256.equals(hash(file))).findFirst();
		if (same.isPresent()) {
			logger.info("schedule " + schedule.id() + ": " + source + " already waits as "
					+ this.inbox.getParent().relativize(same.get()) + "; nothing to do");
			return;
		}
		// in marker mode the delivered name leaves room for its marker's
		Path target = FileNames.unique(folder, source.getFileName().toString(),
				this.requireDoneMarker ? FileNames.bytes(CompleteFiles.DONE) : 0).path();
		// under a hidden name while copying: the drop folder never sees half a file
		OwnerOnly.copy(source, target);
		if (this.requireDoneMarker) {
			try {
				Files.writeString(Path.of(target + CompleteFiles.DONE), "");
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot mark " + target + " done: " + ex.getMessage(), ex);
			}
		}
		logger.info("schedule " + schedule.id() + ": delivered " + source + " to inbox/" + schedule.account() + "/"
				+ command + "/" + target.getFileName());
	}

	private void runAccountJob(Schedule schedule) {
		String command = schedule.job().command();
		JobRequest request = JobRequest.forAccount(schedule.account());
		schedule.job().request(request, this.settings.values(schedule.account(), schedule.job()));
		JobParameters parameters = request.toJobParameters();
		JobOutcome outcome = this.runner.run(command, this.jobBeans.get(schedule.job().jobName()), parameters,
				this.starter, LaunchOrigin.schedule(schedule.id()));
		logger.info("schedule " + schedule.id() + ": job ended account=" + schedule.account() + " job=" + command
				+ " execution_id=" + outcome.executionId() + " status=" + outcome.status().label() + " " + outcome.counts()
				+ ((outcome.message() != null) ? " message=\"" + outcome.message() + "\"" : ""));
	}

	/** The file itself, or the newest complete file of the folder, by modification time. */
	private Optional<Path> newestComplete(Schedule schedule) {
		Path from;
		try {
			// the operator's own setting: a link there is followed once, on purpose
			from = schedule.from().toRealPath();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
			return this.complete.completeNow(from) ? Optional.of(from) : Optional.empty();
		}
		List<Path> entries = list(from);
		entries.stream()
			.filter(Files::isSymbolicLink)
			.forEach((link) -> logger.warn("schedule " + schedule.id() + ": " + link.getFileName() + " in "
					+ schedule.from() + " is a symbolic link; schedules deliver no links"));
		return entries.stream()
			.filter(this.complete::completeNow)
			.max(Comparator.comparing(ScheduledRuns::modified).thenComparing(Path::getFileName));
	}

	private static FileTime modified(Path file) {
		try {
			return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

	/** A file that vanished meanwhile (taken by the drop folder) matches nothing. */
	private static String hash(Path file) {
		try {
			return WorkFolder.sha256(file);
		}
		catch (UncheckedIOException ex) {
			return "";
		}
	}

	private static List<Path> regularFiles(Path folder) {
		return list(folder).stream().filter(WorkFolder::regular).toList();
	}

	private static List<Path> list(Path folder) {
		if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
			return List.of();
		}
		try (var files = Files.list(folder)) {
			return files.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + folder + ": " + ex.getMessage(), ex);
		}
	}

}
