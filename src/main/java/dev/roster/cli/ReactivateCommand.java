package dev.roster.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.roster.job.JobParameterNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reactivate", mixinStandardHelpOptions = true,
		description = { "Reactivate the terminated users a file (XLSX, CSV or TSV; an XLSX's first visible sheet) "
				+ "lists by their Email column.",
				"Each gets new host and guest codes (earlier codes stay retired) and an activation email; active "
						+ "and invited users are unchanged, unknown emails rejected into a report. At the end the "
						+ "account's queued emails are delivered, unless --no-deliver.",
				"The same file again does nothing; after a failure, the same command resumes it." })
class ReactivateCommand implements Callable<Integer> {

	private final CliRuntime runtime;

	@Mixin
	JobOptions options;

	@Option(names = "--file", required = true, paramLabel = "F",
			description = "The list of users: XLSX, CSV or TSV.")
	Path file;

	@Option(names = "--dry-run", description = "Validate and write the plan as a report; change nothing.")
	boolean dryRun;

	@Option(names = "--no-deliver", description = "Queue emails only; deliver-emails or serve sends them later.")
	boolean noDeliver;

	ReactivateCommand(CliRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() {
		JobLaunch launch = new JobLaunch(this.runtime, "reactivate", this.options).file(this.file)
			.identifying(JobParameterNames.DRY_RUN, Boolean.toString(this.dryRun))
			.option(JobParameterNames.NO_DELIVER, Boolean.toString(this.noDeliver));
		if (this.dryRun) {
			launch.everyTime();
		}
		return launch.run("reactivateJob");
	}

}
