package dev.roster.terminate;

import dev.roster.intake.RowLedger;
import dev.roster.job.JobDefinition;
import dev.roster.job.JobOption;
import dev.roster.job.JobParameterNames;

/** The launch contracts of terminate and terminate-due, for every door. */
public final class TerminateJob {

	// a mass termination is stopped by the same kind of guard as a sync, and approved by a person the same way; the
	// approval is passed only when given, so the same file dropped into serve's folder, which never approves, is the
	// same run
	static final String READ = RowLedger.READ;

	static final String TERMINATED = "terminated";

	static final String SCHEDULED = "scheduled";

	static final String CANCELLED = "cancelled";

	static final String UNCHANGED = "unchanged";

	static final String REJECTED = RowLedger.REJECTED;

	public static final JobDefinition DEFINITION = JobDefinition.builder("terminate", "terminateJob")
		.description("Terminate the users an HR termination feed (XLSX, CSV or TSV; an XLSX's first visible sheet) "
				+ "lists, by their Email column.",
				"Each user's codes are retired (never issued again), meeting rooms deleted, delegations in both "
						+ "directions removed, queued emails cancelled; a snapshot of what was removed is kept.",
				"An optional Termination Date column (YYYY-MM-DD): a future date schedules the termination "
						+ "(terminate-due applies it when due), today, a past date or a blank terminates at once, "
						+ "and the word cancel cancels a scheduled termination.",
				"Mass-termination guard: when the file would terminate at once more than "
						+ "roster.sync.max-termination-percent (20) of the account's users and more than "
						+ "roster.sync.guard-min-users (5), nothing is changed, the plan is written as the report "
						+ "and the command exits with 3; --allow-mass-termination approves it.",
				"Unknown emails are rejected into a report; terminated users are unchanged. The same file again "
						+ "does nothing; after a failure, the same command resumes it.")
		.file("The termination feed: XLSX, CSV or TSV.")
		.option(JobOption.dryRun())
		.option(JobOption
			.flag(JobParameterNames.ALLOW_MASS_TERMINATION,
					"Terminate every listed user, however many (the guard does not apply).")
			.asIdentifying())
		.counts(TerminateJob.READ, TerminateJob.TERMINATED, TerminateJob.SCHEDULED, TerminateJob.CANCELLED,
				TerminateJob.UNCHANGED, TerminateJob.REJECTED)
		.approvedWith("--" + JobParameterNames.ALLOW_MASS_TERMINATION)
		.build();

	// a schedule applies what came due: every run is new
	public static final JobDefinition DUE = JobDefinition.builder("terminate-due", "terminateDueJob")
		.description("Apply the scheduled terminations whose date has come (today or earlier), of one account "
				+ "or of all.", "Safe to run at any time and as often as wanted: a user is terminated once.")
		.anyAccount("Only this account (default: every account).")
		.counts(TerminateJob.TERMINATED)
		.everyTime()
		.build();

	private TerminateJob() {
	}

}
