package dev.roster.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.roster.account.AccountSlugs;
import dev.roster.account.AccountStore;
import dev.roster.job.JobOutcome;
import dev.roster.job.JobProgress;
import dev.roster.job.JobRequest;
import dev.roster.job.JobRunner;

import org.springframework.batch.core.job.Job;

/** Launches a job from a command: checks the account, runs the job, prints the outcome. */
final class JobLaunch {

	private final CliRuntime runtime;

	private final String command;

	private final String account;

	private final boolean json;

	private final JobRequest request;

	/** A job of one account, or with {@code account} {@code null}, of every account. */
	JobLaunch(CliRuntime runtime, String command, String account, boolean json, JobRequest request) {
		this.runtime = runtime;
		this.command = command;
		this.account = account;
		this.json = json;
		this.request = request;
	}

	/** An input file the command can read, or bad usage. */
	static Path readable(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new UsageException("file not found: " + file);
		}
		if (!Files.isReadable(file)) {
			throw new UsageException("cannot read " + file);
		}
		return file;
	}

	int run(String jobName) {
		if (this.account != null && this.runtime.bean(AccountStore.class).find(this.account).isEmpty()) {
			throw new UsageException("unknown account '" + this.account
					+ "'; support staff create it with: roster account create " + this.account + " --name ...");
		}
		if (this.account != null && AccountSlugs.isReserved(this.account)) {
			this.runtime.err().println("roster: " + AccountSlugs.warning(this.account));
		}
		Job job = this.runtime.bean(jobName, Job.class);
		Progress progress = Progress.start(this.runtime.err(), this.command, this.account);
		this.runtime.bean(JobProgress.class).listen(progress::update);
		JobOutcome outcome;
		try {
			outcome = this.runtime.bean(JobRunner.class).run(this.command, job, this.request.toJobParameters());
		}
		finally {
			this.runtime.bean(JobProgress.class).listen((counts) -> {
			});
			progress.finish();
		}
		if (this.json) {
			this.runtime.out().println(Summary.json(outcome));
		}
		else {
			this.runtime.out().println(Summary.line(outcome));
			if (outcome.message() != null) {
				this.runtime.err().println("roster: " + outcome.message());
			}
		}
		this.runtime.out().flush();
		this.runtime.err().flush();
		return outcome.exitCode();
	}

}
