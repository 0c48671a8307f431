package dev.roster.inbox;

import dev.roster.job.JobRequest;

/**
 * A job serve can run: its command name (which is also its drop folder's name, or its schedule's {@code run:}), the
 * Spring Batch job bean, and how the account's options in {@code jobs/serve.yaml} become job parameters.
 *
 * @param command the command and folder name ({@code import-users})
 * @param jobName the job bean
 * @param takesFile {@code true} for a job that reads a dropped file; {@code false} for one that works on the account
 * @param options turns the account's options into the launch's parameters; called with no options to get defaults
 * @param approval the command-line option that approves what a tripped safety guard stopped, or {@code null}
 * @param desiredState {@code true} for a job whose file is the account's desired state: every run diffs against the
 * account as it is then, so a schedule delivers the same content again even when it completed before
 */
record InboxJob(String command, String jobName, boolean takesFile, Options options, String approval,
		boolean desiredState) {

	/** A job that reads a file dropped in {@code inbox/<account>/<command>/}. */
	static InboxJob file(String command, String jobName, Options options) {
		return new InboxJob(command, jobName, true, options, null, false);
	}

	/** A job that works on an account with no input file (only on a schedule). */
	static InboxJob account(String command, String jobName, Options options) {
		return new InboxJob(command, jobName, false, options, null, false);
	}

	/** The option that approves a run a safety guard stopped, as the {@code .error.txt} explains it. */
	InboxJob approvedWith(String option) {
		return new InboxJob(this.command, this.jobName, this.takesFile, this.options, option, this.desiredState);
	}

	/** Its file is the account's desired state: a schedule delivers it at every firing that finds it. */
	InboxJob diffsEveryRun() {
		return new InboxJob(this.command, this.jobName, this.takesFile, this.options, this.approval, true);
	}

	/** Reads an account's options into a launch. */
	@FunctionalInterface
	interface Options {

		void apply(JobOptions options, JobRequest request);

	}

}
