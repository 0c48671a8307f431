package dev.roster.job;

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

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters of one job launch, built the same way by the command line, the drop folders and the schedules, so
 * that the same account, content and options are the same job instance whichever way they arrive.
 */
public final class JobRequest {

	private final JobParametersBuilder parameters = new JobParametersBuilder();

	private JobRequest(String account) {
		if (account != null) {
			this.parameters.addString(JobParameterNames.ACCOUNT, account);
		}
	}

	/** A launch for an account, with no input file (exports, deliveries); {@code null} for every account. */
	public static JobRequest forAccount(String account) {
		return new JobRequest(account);
	}

	/** A launch for an account's input file. */
	public static JobRequest forFile(String account, Path file, String sha256) {
		return new JobRequest(account).file(file, sha256);
	}

	/** The input file, identified by its content: a renamed copy is still the same run. */
	public JobRequest file(Path file) {
		return file(file, sha256(file));
	}

	/** As {@link #file(Path)}, with the content hash already known. */
	public JobRequest file(Path file, String sha256) {
		this.parameters.addString(JobParameterNames.FILE, file.toAbsolutePath().toString(), false);
		this.parameters.addString(JobParameterNames.FILE_SHA256, sha256);
		return this;
	}

	/** An option that changes the job's effect, and so its identity ({@code mode}, {@code dry-run}). */
	public JobRequest identifying(String name, String value) {
		this.parameters.addString(name, value);
		return this;
	}

	/** An option that does not change what the job does to the data ({@code no-deliver}, an output path). */
	public JobRequest option(String name, String value) {
		this.parameters.addString(name, value, false);
		return this;
	}

	/** A dry run, or a job such as an export, runs every time: a unique id keeps it from ever counting as done. */
	public JobRequest everyTime() {
		this.parameters.addString(JobParameterNames.RUN_ID, UUID.randomUUID().toString());
		return this;
	}

	public JobParameters toJobParameters() {
		return this.parameters.toJobParameters();
	}

	/** The SHA-256 of a file's content, in lower-case hex. */
	public static String sha256(Path file) {
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
