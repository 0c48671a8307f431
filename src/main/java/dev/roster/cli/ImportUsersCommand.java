package dev.roster.cli;

import java.nio.file.Path;

import dev.roster.job.JobParameterNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "import-users", mixinStandardHelpOptions = true,
		description = { "Import a user-invite spreadsheet (XLSX, CSV or TSV): new users are created, changed ones updated.",
				"Rejected rows go to a report with the input's columns plus Row and Error; fix it and import it again.",
				"At the end the account's queued emails are delivered, unless --no-deliver.",
				"The same file imported again after it completed does nothing; after a failure, the same command "
						+ "resumes it." })
class ImportUsersCommand implements java.util.concurrent.Callable<Integer> {

	private final CliRuntime runtime;

	@Mixin
	JobOptions options;

	@Option(names = "--file", required = true, paramLabel = "F",
			description = "The spreadsheet to import: XLSX, CSV or TSV.")
	Path file;

	@Option(names = "--sheet", paramLabel = "NAME",
			description = "The worksheet of an XLSX workbook to read (default: its first visible sheet).")
	String sheet;

	@Option(names = "--mode", paramLabel = "create|invite", defaultValue = "create",
			description = "create: new users are active with codes and get an activation email (default). "
					+ "invite: new users are invited and get a welcome email with a register link.")
	Mode mode;

	@Option(names = "--dry-run", description = "Validate and write the plan as a report; change nothing.")
	boolean dryRun;

	@Option(names = "--no-deliver", description = "Queue emails only; deliver-emails or serve sends them later.")
	boolean noDeliver;

	ImportUsersCommand(CliRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() {
		JobLaunch launch = new JobLaunch(this.runtime, "import-users", this.options).file(this.file)
			.identifying(JobParameterNames.MODE, this.mode.name().toLowerCase(java.util.Locale.ROOT))
			.identifying(JobParameterNames.DRY_RUN, Boolean.toString(this.dryRun))
			.option(JobParameterNames.NO_DELIVER, Boolean.toString(this.noDeliver));
		if (this.sheet != null) {
			launch.identifying(JobParameterNames.SHEET, this.sheet);
		}
		if (this.dryRun) {
			launch.everyTime();
		}
		return launch.run("importUsersJob");
	}

	enum Mode {

		create, invite

	}

}
