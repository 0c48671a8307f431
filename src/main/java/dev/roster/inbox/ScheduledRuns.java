package dev.roster.inbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.roster.job.JobOutcome;
import dev.roster.job.JobRequest;
import dev.roster.job.JobRunner;
import dev.roster.job.JobStarter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * What a schedule does when it fires. A job that reads a file gets the newest complete file of its source delivered
 * into the account's drop folder — copied beside it under a hidden name, then renamed — so it is run, filed and made
 * crash-safe exactly as a dropped file; content that already completed, or already waits in the inbox, is not
 * delivered again. An account job is queued in the account's lane like any file.
 */
final class ScheduledRuns {

	private static final Log logger = LogFactory.getLog(ScheduledRuns.class);

	private final Path inbox;

	private final ServeSettings settings;

	private final Map<String, Job> jobBeans;

	private final JobRunner runner;

	private final JobStarter starter;

	private final AccountLanes lanes;

	private final CompleteFiles complete;

	private final boolean requireDoneMarker;

	ScheduledRuns(Path inbox, ServeSettings settings, Map<String, Job> jobBeans, JobRunner runner, JobStarter starter,
			AccountLanes lanes, CompleteFiles complete, boolean requireDoneMarker) {
		this.inbox = inbox;
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
		Optional<Path> newest = newestComplete(schedule.from());
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
		String sha256 = JobRequest.sha256(source);
		JobRequest request = JobRequest.forFile(schedule.account(), source, sha256);
		schedule.job().options().apply(this.settings.options(schedule.account(), command), request);
		Optional<JobExecution> completed = this.runner
			.completedExecution(this.jobBeans.get(schedule.job().jobName()), request.toJobParameters());
		if (completed.isPresent()) {
			logger.info("schedule " + schedule.id() + ": " + source + " was already processed by execution "
					+ completed.get().getId() + "; nothing to do");
			return;
		}
		Path folder = this.inbox.resolve(schedule.account()).resolve(command);
		Optional<Path> waiting = list(folder).stream()
			.filter((file) -> !CompleteFiles.temporary(file.getFileName().toString()))
			.filter((file) -> sha256.equals(JobRequest.sha256(file)))
			.findFirst();
		if (waiting.isPresent()) {
			logger.info("schedule " + schedule.id() + ": " + source + " already waits in the inbox as "
					+ waiting.get().getFileName() + "; nothing to do");
			return;
		}
		Path target = folder.resolve(source.getFileName());
		for (int n = 2; Files.exists(target); n++) {
			String name = source.getFileName().toString();
			int dot = name.lastIndexOf('.');
			target = folder.resolve((dot > 0) ? name.substring(0, dot) + "." + n + name.substring(dot) : name + "." + n);
		}
		try {
			Files.createDirectories(folder);
			// a hidden name while copying: the drop folder never sees half a file
			Path copying = folder.resolve("." + target.getFileName() + ".copying");
			Files.copy(source, copying, StandardCopyOption.REPLACE_EXISTING);
			Files.move(copying, target, StandardCopyOption.ATOMIC_MOVE);
			if (this.requireDoneMarker) {
				Files.writeString(Path.of(target + CompleteFiles.DONE), "");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot copy " + source + " into " + folder + ": " + ex.getMessage(), ex);
		}
		logger.info("schedule " + schedule.id() + ": delivered " + source + " to inbox/" + schedule.account() + "/"
				+ command + "/" + target.getFileName());
	}

	private void runAccountJob(Schedule schedule) {
		String command = schedule.job().command();
		JobRequest request = JobRequest.forAccount(schedule.account());
		schedule.job().options().apply(this.settings.options(schedule.account(), command), request);
		JobParameters parameters = request.toJobParameters();
		JobOutcome outcome = this.runner.run(command, this.jobBeans.get(schedule.job().jobName()), parameters,
				this.starter);
		logger.info("schedule " + schedule.id() + ": job ended account=" + schedule.account() + " job=" + command
				+ " execution_id=" + outcome.executionId() + " status=" + outcome.status() + " " + outcome.counts()
				+ ((outcome.message() != null) ? " message=\"" + outcome.message() + "\"" : ""));
	}

	/** The file itself, or the newest complete file of the folder, by modification time. */
	private Optional<Path> newestComplete(Path from) {
		if (Files.isRegularFile(from)) {
			return this.complete.completeNow(from.toFile()) ? Optional.of(from) : Optional.empty();
		}
		return list(from).stream()
			.map(Path::toFile)
			.filter(this.complete::completeNow)
			.max(Comparator.comparingLong(File::lastModified).thenComparing(File::getName))
			.map(File::toPath);
	}

	private static List<Path> list(Path folder) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (var files = Files.list(folder)) {
			return files.filter(Files::isRegularFile).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + folder + ": " + ex.getMessage(), ex);
		}
	}

}
