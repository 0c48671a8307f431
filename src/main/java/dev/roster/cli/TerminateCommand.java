package dev.roster.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.roster.job.JobParameterNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "terminate", mixinStandardHelpOptions = true,
		description = { "Terminate the users an HR termination feed (CSV/TSV) lists, by their Email column.",
				"Each user's codes are retired (never issued again), meeting rooms deleted, delegations in both "
						+ "directions removed, queued emails cancelled; a snapshot of what was removed is kept.",
				"An optional Termination Date column (YYYY-MM-DD): a future date schedules the termination "
						+ "(terminate-due applies it when due), today, a past date or a blank terminates at once, "
						+ "and the word cancel cancels a scheduled termination.",
				"Unknown emails are rejected into a report; terminated users are unchanged. The same file again "
						+ "does nothing; after a failure, the same command resumes it." })
class TerminateCommand implements Callable<Integer> {

	private final CliRuntime runtime;

	@Mixin
	JobOptions options;

	@Option(names = "--file", required = true, paramLabel = "F", description = "The termination feed.")
	Path file;

	@Option(names = "--dry-run", description = "Validate and write the plan as a report; change nothing.")
	boolean dryRun;

	TerminateCommand(CliRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() {
		JobLaunch launch = new JobLaunch(this.runtime, "terminate", this.options).file(this.file)
			.identifying(JobParameterNames.DRY_RUN, Boolean.toString(this.dryRun));
		if (this.dryRun) {
			launch.everyTime();
		}
		return launch.run("terminateJob");
	}

}
