package dev.roster.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.roster.job.JobParameterNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "import-delegates", mixinStandardHelpOptions = true,
		description = { "Add delegates (other meeting administrators) from a file (XLSX, CSV or TSV; an XLSX's first "
				+ "visible sheet) with the columns Host Email and Delegate Email; both must be active users of the "
				+ "account, and a user cannot delegate to itself.",
				"--replace makes the file the complete delegate list of each host it names: their other delegates "
						+ "are removed, and a row with a host and a blank delegate removes all of theirs.",
				"The same file again does nothing; after a failure, the same command resumes it." })
class ImportDelegatesCommand implements Callable<Integer> {

	private final CliRuntime runtime;

	@Mixin
	JobOptions options;

	@Option(names = "--file", required = true, paramLabel = "F",
			description = "The delegates file: XLSX, CSV or TSV.")
	Path file;

	@Option(names = "--replace", description = "The file is the complete delegate list of each host it names.")
	boolean replace;

	@Option(names = "--dry-run", description = "Validate and write the plan as a report; change nothing.")
	boolean dryRun;

	ImportDelegatesCommand(CliRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() {
		JobLaunch launch = new JobLaunch(this.runtime, "import-delegates", this.options).file(this.file)
			.identifying(JobParameterNames.REPLACE, Boolean.toString(this.replace))
			.identifying(JobParameterNames.DRY_RUN, Boolean.toString(this.dryRun));
		if (this.dryRun) {
			launch.everyTime();
		}
		return launch.run("importDelegatesJob");
	}

}
