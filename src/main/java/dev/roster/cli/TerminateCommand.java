package dev.roster.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.roster.job.JobParameterNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "terminate", mixinStandardHelpOptions = true,
		description = { "Terminate the users an HR termination feed (XLSX, CSV or TSV; an XLSX's first visible sheet) "
				+ "lists, by their Email column.",
				"Each user's codes are retired (never issued again), meeting rooms deleted, delegations in both "
						+ "directions removed, queued emails cancelled; a snapshot of what was removed is kept.",
				"An optional Termination Date column (YYYY-MM-DD): a future date schedules the termination "
						+ "(terminate-due applies it when due), today, a past date or a blank terminates at once, "
						+ "and the word cancel cancels a scheduled termination.",
				"Mass-termination guard: when the file would terminate at once more than "
						+ "roster.sync.max-termination-percent (20) of the account's users and more than "
						+ "roster.sync.guard-min-users (5), nothing is changed, the plan is written as the report "
						+ "and the command exits with 3; --allow-mass-termination approves it.",
				"Unknown emails are rejected into a report; terminated users are unchanged. The same file again "
						+ "does nothing; after a failure, the same command resumes it." })
class TerminateCommand implements Callable<Integer> {

	private final CliRuntime runtime;

	@Mixin
	JobOptions options;

	@Option(names = "--file", required = true, paramLabel = "F",
			description = "The termination feed: XLSX, CSV or TSV.")
	Path file;

	@Option(names = "--dry-run", description = "Validate and write the plan as a report; change nothing.")
	boolean dryRun;

	@Option(names = "--allow-mass-termination",
			description = "Terminate every listed user, however many (the guard does not apply).")
	boolean allowMassTermination;

	TerminateCommand(CliRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() {
		JobLaunch launch = new JobLaunch(this.runtime, "terminate", this.options).file(this.file)
			.identifying(JobParameterNames.DRY_RUN, Boolean.toString(this.dryRun));
		if (this.allowMassTermination) {
			// only when given: the same file dropped into serve's folder, which never approves, is the same run
			launch.identifying(JobParameterNames.ALLOW_MASS_TERMINATION, "true");
		}
		if (this.dryRun) {
			launch.everyTime();
		}
		return launch.run("terminateJob");
	}

}
