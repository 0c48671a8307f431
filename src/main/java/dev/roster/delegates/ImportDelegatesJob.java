package dev.roster.delegates;

import dev.roster.intake.RowLedger;
import dev.roster.job.JobDefinition;
import dev.roster.job.JobOption;
import dev.roster.job.JobOption.Door;
import dev.roster.job.JobParameterNames;

/** The launch contract of import-delegates, for every door. */
public final class ImportDelegatesJob {

	static final String READ = RowLedger.READ;

	static final String ADDED = "added";

	static final String REMOVED = "removed";

	static final String UNCHANGED = "unchanged";

	static final String REJECTED = RowLedger.REJECTED;

	public static final JobDefinition DEFINITION = JobDefinition.builder("import-delegates", "importDelegatesJob")
		.description("Add delegates (other meeting administrators) from a file (XLSX, CSV or TSV; an XLSX's first "
				+ "visible sheet) with the columns Host Email and Delegate Email; both must be active users of the "
				+ "account, and a user cannot delegate to itself.",
				"--replace makes the file the complete delegate list of each host it names: their other delegates "
						+ "are removed, and a row with a host and a blank delegate removes all of theirs.",
				"The same file again does nothing; after a failure, the same command resumes it.")
		.file("The delegates file: XLSX, CSV or TSV.")
		.option(JobOption
			.flag(JobParameterNames.REPLACE, "The file is the complete delegate list of each host it names.")
			.asIdentifying()
			.defaultValue("false")
			.doors(Door.CLI, Door.SERVE))
		.option(JobOption.dryRun())
		.counts(ImportDelegatesJob.READ, ImportDelegatesJob.ADDED, ImportDelegatesJob.REMOVED, ImportDelegatesJob.UNCHANGED,
				ImportDelegatesJob.REJECTED)
		.build();

	private ImportDelegatesJob() {
	}

}
