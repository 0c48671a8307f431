package dev.roster.inbox;

import java.util.Map;

import dev.roster.job.JobDefinition;
import dev.roster.job.JobOption.Door;
import dev.roster.job.JobRequest;

/**
 * A job serve can run, by its definition: its command name is also its drop folder's name, or its schedule's
 * {@code run:}, and the account's options in {@code jobs/serve.yaml} become the parameters its command passes, so a
 * file run by hand and the same file dropped are the same job instance.
 */
record InboxJob(JobDefinition definition) {

	/** The command and folder name ({@code import-users}). */
	String command() {
		return this.definition.command();
	}

	/** The Spring Batch job bean. */
	String jobName() {
		return this.definition.jobName();
	}

	/** {@code true} for a job that reads a dropped file; {@code false} for one that works on the account. */
	boolean takesFile() {
		return this.definition.takesFile();
	}

	/** The command-line option that approves what a tripped safety guard stopped, or {@code null}. */
	String approval() {
		return this.definition.approval();
	}

	/**
	 * {@code true} for a job whose file is the account's desired state: every run diffs against the account as it is
	 * then, so a schedule delivers the same content again even when it completed before.
	 */
	boolean desiredState() {
		return this.definition.desiredState();
	}

	/** A launch with an account's options, as {@link ServeSettings#values} read them. */
	JobRequest request(JobRequest request, Map<String, String> values) {
		return this.definition.request(request, Door.SERVE, values);
	}

}
