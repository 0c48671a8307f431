package dev.roster.emails;

import dev.roster.intake.RowLedger;
import dev.roster.job.JobDefinition;
import dev.roster.job.JobOption;
import dev.roster.job.JobOption.Door;
import dev.roster.job.JobOption.Type;
import dev.roster.job.JobOptionException;
import dev.roster.job.JobParameterNames;
import dev.roster.mail.DeliverySteps;

/** The launch contracts of send-emails and deliver-emails, for every door. */
public final class SendEmailsJob {

	private static final String SELECTION = "selection";

	static final String READ = RowLedger.READ;

	static final String REJECTED = RowLedger.REJECTED;

	static final String QUEUED = "queued";

	static final String ALREADY_QUEUED = "already_queued";

	public static final JobDefinition DEFINITION = JobDefinition.builder("send-emails", "sendEmailsJob")
		.description("Send or resend emails: activation to active users, welcome to invited users, or the "
				+ "reset-password link with --kind password-reset; then deliver the account's queue.",
				"Users of the file the email does not fit (terminated, invited for an activation...) and unknown "
						+ "emails go to the report. Resending updates the user's sent date.",
				"The same file with the same --kind again after it completed does nothing.")
		.file("A spreadsheet (XLSX, CSV or TSV) with an Email column: the users to email.")
		.fileInGroup(SELECTION)
		.option(JobOption
			.choice(JobParameterNames.KIND, Type.CHOICE, "activation|welcome|password-reset",
					"The email to send (default: activation to active users, welcome to invited users).",
					"activation", "welcome", "password-reset")
			.asIdentifying()
			.noneWord("any")
			.doors(Door.CLI, Door.SERVE))
		.option(JobOption.noDeliver())
		.option(JobOption
			.flag(JobParameterNames.NEVER_SENT,
					"Every user of the account never sent the email their status calls for.")
			.inGroup(SELECTION)
			.asRequired()
			.everyTimeWhen("true"))
		.option(JobOption.sheet())
		.option(JobOption.dryRun("Write the plan as a report; queue and send nothing."))
		.counts(SendEmailsJob.READ, SendEmailsJob.REJECTED, SendEmailsJob.QUEUED,
				SendEmailsJob.ALREADY_QUEUED, DeliverySteps.SENT, DeliverySteps.FAILED)
		.delivers()
		.check((values) -> {
			if (values.containsKey(JobParameterNames.NEVER_SENT)
					&& "password-reset".equals(values.get(JobParameterNames.KIND))) {
				throw new JobOptionException("--never-sent selects users never sent an activation or welcome email; "
						+ "send reset links with --file");
			}
		})
		.build();

	// a schedule retries what earlier deliveries left queued: every run is new
	public static final JobDefinition DELIVER = JobDefinition.builder("deliver-emails", "deliverEmailsJob")
		.description("Deliver the queued emails of an account, or of every account: over SMTP when spring.mail.host "
				+ "is set, otherwise as .eml files in $ROSTER_HOME/outbox.",
				"Passing failures are retried with backoff; refused emails end as failed. The report lists the "
						+ "emails that failed, were cancelled, wait for a retry or may have been sent twice.",
				"Exit code 1 when emails stay queued (server unreachable, retries not yet due): run it again later.")
		.anyAccount("Only this account's emails (default: every account).")
		.counts(DeliverySteps.SENT, DeliverySteps.FAILED, DeliverySteps.QUEUED)
		.delivers()
		.everyTime()
		.build();

	private SendEmailsJob() {
	}

}
