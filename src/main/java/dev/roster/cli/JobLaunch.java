package dev.roster.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import dev.roster.account.AccountStore;
import dev.roster.job.JobOutcome;
import dev.roster.job.JobParameterNames;
import dev.roster.job.JobProgress;
import dev.roster.job.JobRunner;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/** Launches a job from a command: checks the account and file, builds the parameters, prints the outcome. */
final class JobLaunch {

	private final CliRuntime runtime;

	private final String command;

	private final JobOptions options;

	private final JobParametersBuilder parameters = new JobParametersBuilder();

	JobLaunch(CliRuntime runtime, String command, JobOptions options) {
		this.runtime = runtime;
		this.command = command;
		this.options = options;
		if (options.account != null) {
			this.parameters.addString(JobParameterNames.ACCOUNT, options.account);
		}
	}

	/** The input file: identified by its content, so a renamed copy is still the same run. */
	JobLaunch file(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new UsageException("file not found: " + file);
		}
		if (!Files.isReadable(file)) {
			throw new UsageException("cannot read " + file);
		}
		this.parameters.addString(JobParameterNames.FILE, file.toAbsolutePath().toString(), false);
		this.parameters.addString(JobParameterNames.FILE_SHA256, sha256(file));
		return this;
	}

	JobLaunch identifying(String name, String value) {
		this.parameters.addString(name, value);
		return this;
	}

	JobLaunch option(String name, String value) {
		this.parameters.addString(name, value, false);
		return this;
	}

	/** A dry run, or a job such as an export, runs every time: a unique id keeps it from ever counting as done. */
	JobLaunch everyTime() {
		this.parameters.addString(JobParameterNames.RUN_ID, UUID.randomUUID().toString());
		return this;
	}

	int run(String jobName) {
		if (this.options.account != null
				&& this.runtime.bean(AccountStore.class).find(this.options.account).isEmpty()) {
			throw new UsageException("unknown account '" + this.options.account
					+ "'; support staff create it with: roster account create " + this.options.account + " --name ...");
		}
		Job job = this.runtime.bean(jobName, Job.class);
		Progress progress = Progress.start(this.runtime.err(), this.command, this.options.account);
		this.runtime.bean(JobProgress.class).listen(progress::update);
		JobOutcome outcome;
		try {
			outcome = this.runtime.bean(JobRunner.class).run(this.command, job, this.parameters.toJobParameters());
		}
		finally {
			this.runtime.bean(JobProgress.class).listen((counts) -> {
			});
			progress.finish();
		}
		if (this.options.json) {
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

	private static String sha256(Path file) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
				in.transferTo(OutputStream.nullOutputStream());
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
