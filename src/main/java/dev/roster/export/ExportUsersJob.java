package dev.roster.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import dev.roster.job.JobDefinition;
import dev.roster.job.JobOption;
import dev.roster.job.JobOption.Type;
import dev.roster.job.JobOptionException;
import dev.roster.job.JobParameterNames;

/** The launch contract of export-users: the command line only, and every export runs. */
public final class ExportUsersJob {

	static final String EXPORTED = "exported";

	public static final JobDefinition DEFINITION = JobDefinition.builder("export-users", "exportUsersJob")
		.description("Export an account's users to CSV or XLSX, chosen by the --out extension.",
				"Codes and billing codes are text (Excel keeps leading zeros); timestamps are ISO-8601 UTC.",
				"An XLSX export of more than 1,048,575 users continues on sheets Users 2, Users 3...")
		.account()
		.option(JobOption.output(JobParameterNames.OUT, "F.csv|F.xlsx", "The file to write."))
		.option(JobOption
			.choice(JobParameterNames.STATUS, Type.ENUM, "active|terminated|invited|all", "Which users (default: all).",
					"active", "terminated", "invited", "all")
			.defaultValue("all"))
		.counts(ExportUsersJob.EXPORTED)
		.everyTime()
		.check((values) -> {
			Path out = Path.of(values.get(JobParameterNames.OUT));
			String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
			if (!name.endsWith(".csv") && !name.endsWith(".xlsx")) {
				throw new JobOptionException("--out must end in .csv or .xlsx: " + out);
			}
			Path folder = out.toAbsolutePath().getParent();
			if (folder != null && !Files.isDirectory(folder)) {
				throw new JobOptionException("no such folder for --out: " + folder);
			}
		})
		.build();

	private ExportUsersJob() {
	}

}
