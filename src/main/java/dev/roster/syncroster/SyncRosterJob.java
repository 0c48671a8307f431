package dev.roster.syncroster;

import dev.roster.job.JobDefinition;
import dev.roster.job.JobOption;
import dev.roster.job.JobOption.Door;
import dev.roster.job.JobParameterNames;
import dev.roster.mail.DeliverySteps;

/** The launch contract of sync-roster, for every door. */
public final class SyncRosterJob {

	private static final String APPROVAL = "approval";

	// approving a mass termination is a decision about one file, taken by a person: serve.yaml can raise the
	// account's limit (max-terminations), never lift it
	static final String READ = "read";

	static final String REJECTED = "rejected";

	static final String CREATED = "created";

	static final String UPDATED = "updated";

	static final String REACTIVATED = "reactivated";

	static final String TERMINATED = "terminated";

	static final String UNCHANGED = "unchanged";

	public static final JobDefinition DEFINITION = JobDefinition.builder("sync-roster", "syncRosterJob")
		.description("Make the account match a full HR roster (XLSX, CSV or TSV; an XLSX's first visible sheet; "
				+ "the columns of import-users): creates the missing users, updates the changed, reactivates the "
				+ "rehired and terminates the users the file does not list. At the end the account's queued "
				+ "emails are delivered, unless --no-deliver.",
				"Mass-termination guard: when it would terminate more than roster.sync.max-termination-percent "
						+ "(20) of the account's users and more than roster.sync.guard-min-users (5), nothing is "
						+ "changed, the plan is written as a report and the command exits with 3.",
				"A row rejected for a bad value still names its user, who is not terminated. A row rejected for "
						+ "its email names no one, so that run terminates no user the file does not list, whatever "
						+ "the options. A file with no valid rows, or more rejected rows than the guard allows "
						+ "terminations, terminates no one.",
				"The roster is the account as it must be: every run compares it with the users as they are now, "
						+ "the same file again too. A failed run changed nothing; run it again.")
		.file("The complete roster: XLSX, CSV or TSV.")
		.option(JobOption
			.number(JobParameterNames.MAX_TERMINATIONS, "N",
					"Terminate the absent users if they are N or fewer; more stops the job as the guard does.")
			.asIdentifying()
			.defaultValue("none")
			.doors(Door.CLI, Door.SERVE)
			.inGroup(APPROVAL))
		.option(JobOption.noDeliver())
		.option(JobOption.dryRun())
		.option(JobOption
			.flag(JobParameterNames.ALLOW_MASS_TERMINATION,
					"Terminate every absent user, however many (the guard does not apply).")
			.asIdentifying()
			.defaultValue("false")
			.inGroup(APPROVAL))
		.counts(SyncRosterJob.READ, SyncRosterJob.CREATED, SyncRosterJob.UPDATED,
				SyncRosterJob.REACTIVATED, SyncRosterJob.TERMINATED, SyncRosterJob.UNCHANGED,
				SyncRosterJob.REJECTED, DeliverySteps.SENT, DeliverySteps.FAILED)
		.delivers()
		.approvedWith("--" + JobParameterNames.ALLOW_MASS_TERMINATION)
		.desiredState()
		.build();

	private SyncRosterJob() {
	}

}
