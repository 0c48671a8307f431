package dev.roster.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.roster.job.JobParameterNames;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sync-roster", mixinStandardHelpOptions = true,
		description = { "Make the account match a full HR roster (XLSX, CSV or TSV; an XLSX's first visible sheet; "
				+ "the columns of import-users): creates the missing users, updates the changed, reactivates the "
				+ "rehired and terminates the users the file does not list. At the end the account's queued "
				+ "emails are delivered, unless --no-deliver.",
				"Mass-termination guard: when it would terminate more than roster.sync.max-termination-percent "
						+ "(20) of the account's users and more than roster.sync.guard-min-users (5), nothing is "
						+ "changed, the plan is written as a report and the command exits with 3.",
				"A row rejected for a bad value still names its user, who is not terminated. A row rejected for "
						+ "its email names no one, so that run terminates no user the file does not list, whatever "
						+ "the options. A file with no valid rows, or more rejected rows than the guard allows "
						+ "terminations, terminates no one.",
				"The roster is the account as it must be: every run compares it with the users as they are now, "
						+ "the same file again too. A failed run changed nothing; run it again." })
class SyncRosterCommand implements Callable<Integer> {

	private final CliRuntime runtime;

	@Mixin
	JobOptions options;

	@Option(names = "--file", required = true, paramLabel = "F",
			description = "The complete roster: XLSX, CSV or TSV.")
	Path file;

	@Option(names = "--dry-run", description = "Validate and write the plan as a report; change nothing.")
	boolean dryRun;

	@Option(names = "--no-deliver", description = "Queue emails only; deliver-emails or serve sends them later.")
	boolean noDeliver;

	@ArgGroup(exclusive = true)
	Approval approval = new Approval();

	SyncRosterCommand(CliRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() {
		if (this.approval.maxTerminations != null && this.approval.maxTerminations < 0) {
			throw new UsageException("--max-terminations must be 0 or more");
		}
		JobLaunch launch = new JobLaunch(this.runtime, "sync-roster", this.options).file(this.file)
			.identifying(JobParameterNames.DRY_RUN, Boolean.toString(this.dryRun))
			.identifying(JobParameterNames.ALLOW_MASS_TERMINATION, Boolean.toString(this.approval.allowMassTermination))
			.identifying(JobParameterNames.MAX_TERMINATIONS,
					(this.approval.maxTerminations != null) ? this.approval.maxTerminations.toString() : "none")
			.option(JobParameterNames.NO_DELIVER, Boolean.toString(this.noDeliver));
		if (this.dryRun) {
			launch.everyTime();
		}
		return launch.run("syncRosterJob");
	}

	/** The two ways to approve more terminations than the guard allows; one at most. */
	static class Approval {

		@Option(names = "--allow-mass-termination",
				description = "Terminate every absent user, however many (the guard does not apply).")
		boolean allowMassTermination;

		@Option(names = "--max-terminations", paramLabel = "N",
				description = "Terminate the absent users if they are N or fewer; more stops the job as the guard "
						+ "does.")
		Integer maxTerminations;

	}

}
