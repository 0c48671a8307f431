package dev.roster.importusers;

import dev.roster.intake.RowLedger;
import dev.roster.job.JobDefinition;
import dev.roster.job.JobOption;
import dev.roster.job.JobOption.Door;
import dev.roster.job.JobOption.Type;
import dev.roster.job.JobParameterNames;
import dev.roster.mail.DeliverySteps;

/** The launch contract of import-users, for every door. */
public final class ImportUsersJob {

	static final String READ = RowLedger.READ;

	static final String CREATED = "created";

	static final String UPDATED = "updated";

	static final String UNCHANGED = "unchanged";

	static final String REJECTED = RowLedger.REJECTED;

	public static final JobDefinition DEFINITION = JobDefinition.builder("import-users", "importUsersJob")
		.description("Import a user-invite spreadsheet (XLSX, CSV or TSV): new users are created, changed ones updated.",
				"Rejected rows go to a report with the input's columns plus Row and Error; fix it and import it again.",
				"At the end the account's queued emails are delivered, unless --no-deliver.",
				"The same file imported again after it completed does nothing; after a failure, the same command "
						+ "resumes it.")
		.file("The spreadsheet to import: XLSX, CSV or TSV.")
		.option(JobOption
			.choice(JobParameterNames.MODE, Type.ENUM, "create|invite",
					"create: new users are active with codes and get an activation email (default). "
							+ "invite: new users are invited and get a welcome email with a register link.",
					"create", "invite")
			.asIdentifying()
			.defaultValue("create")
			.doors(Door.CLI, Door.SERVE))
		.option(JobOption.noDeliver())
		.option(JobOption.sheet())
		.option(JobOption.dryRun())
		.counts(ImportUsersJob.READ, ImportUsersJob.CREATED, ImportUsersJob.UPDATED,
				ImportUsersJob.UNCHANGED, ImportUsersJob.REJECTED, DeliverySteps.SENT, DeliverySteps.FAILED)
		.delivers()
		.build();

	private ImportUsersJob() {
	}

}
