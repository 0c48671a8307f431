package dev.roster.reactivate;

import dev.roster.intake.RowLedger;
import dev.roster.job.JobDefinition;
import dev.roster.job.JobOption;
import dev.roster.mail.DeliverySteps;

/** The launch contract of reactivate, for every door. */
public final class ReactivateJob {

	static final String READ = RowLedger.READ;

	static final String REACTIVATED = "reactivated";

	static final String UNCHANGED = "unchanged";

	static final String REJECTED = RowLedger.REJECTED;

	public static final JobDefinition DEFINITION = JobDefinition
		.builder("reactivate", "reactivateJob")
		.description("Reactivate the terminated users a file (XLSX, CSV or TSV; an XLSX's first visible sheet) "
				+ "lists by their Email column.",
				"Each gets new host and guest codes (earlier codes stay retired) and an activation email; active "
						+ "and invited users are unchanged, unknown emails rejected into a report. At the end the "
						+ "account's queued emails are delivered, unless --no-deliver.",
				"The same file again does nothing; after a failure, the same command resumes it.")
		.file("The list of users: XLSX, CSV or TSV.")
		.option(JobOption.noDeliver())
		.option(JobOption.dryRun())
		.counts(ReactivateJob.READ, ReactivateJob.REACTIVATED, ReactivateJob.UNCHANGED,
				ReactivateJob.REJECTED, DeliverySteps.SENT, DeliverySteps.FAILED)
		.delivers()
		.build();

	private ReactivateJob() {
	}

}
