package dev.roster.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.roster.job.JobParameterNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export-users", mixinStandardHelpOptions = true,
		description = { "Export an account's users to CSV or XLSX, chosen by the --out extension.",
				"Codes and billing codes are text (Excel keeps leading zeros); timestamps are ISO-8601 UTC.",
				"An XLSX export of more than 1,048,575 users continues on sheets Users 2, Users 3..." })
class ExportUsersCommand implements Callable<Integer> {

	private final CliRuntime runtime;

	@Mixin
	JobOptions options;

	@Option(names = "--out", required = true, paramLabel = "F.csv|F.xlsx", description = "The file to write.")
	Path out;

	@Option(names = "--status", paramLabel = "active|terminated|invited|all", defaultValue = "all",
			description = "Which users (default: all).")
	Status status;

	ExportUsersCommand(CliRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() {
		String name = this.out.getFileName().toString().toLowerCase(Locale.ROOT);
		if (!name.endsWith(".csv") && !name.endsWith(".xlsx")) {
			throw new UsageException("--out must end in .csv or .xlsx: " + this.out);
		}
		Path folder = this.out.toAbsolutePath().getParent();
		if (folder != null && !java.nio.file.Files.isDirectory(folder)) {
			throw new UsageException("no such folder for --out: " + folder);
		}
		return new JobLaunch(this.runtime, "export-users", this.options).everyTime()
			.option(JobParameterNames.OUT, this.out.toAbsolutePath().toString())
			.option(JobParameterNames.STATUS, this.status.name())
			.run("exportUsersJob");
	}

	enum Status {

		active, terminated, invited, all

	}

}
