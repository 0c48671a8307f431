package dev.roster.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.roster.job.JobParameterNames;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "send-emails", mixinStandardHelpOptions = true,
		description = { "Send or resend emails: activation to active users, welcome to invited users, or the reset-password "
				+ "link with --kind password-reset; then deliver the account's queue.",
				"Users of the file the email does not fit (terminated, invited for an activation...) and unknown "
						+ "emails go to the report. Resending updates the user's sent date.",
				"The same file with the same --kind again after it completed does nothing." })
class SendEmailsCommand implements Callable<Integer> {

	private static final List<String> KINDS = List.of("activation", "welcome", "password-reset");

	private final CliRuntime runtime;

	@Mixin
	JobOptions options;

	@ArgGroup(exclusive = true, multiplicity = "1")
	Selection selection;

	@Option(names = "--sheet", paramLabel = "NAME",
			description = "The worksheet of an XLSX workbook to read (default: its first visible sheet).")
	String sheet;

	@Option(names = "--kind", paramLabel = "activation|welcome|password-reset",
			description = "The email to send (default: activation to active users, welcome to invited users).")
	String kind;

	@Option(names = "--dry-run", description = "Write the plan as a report; queue and send nothing.")
	boolean dryRun;

	@Option(names = "--no-deliver", description = "Queue emails only; deliver-emails or serve sends them later.")
	boolean noDeliver;

	SendEmailsCommand(CliRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() {
		String kind = (this.kind != null) ? this.kind.toLowerCase(Locale.ROOT) : null;
		if (kind != null && !KINDS.contains(kind)) {
			throw new UsageException("unknown --kind '" + this.kind + "'; use activation, welcome or password-reset");
		}
		JobLaunch launch = new JobLaunch(this.runtime, "send-emails", this.options);
		if (this.selection.file != null) {
			launch.file(this.selection.file);
			if (this.sheet != null) {
				launch.identifying(JobParameterNames.SHEET, this.sheet);
			}
		}
		else {
			if ("password-reset".equals(kind)) {
				throw new UsageException("--never-sent selects users never sent an activation or welcome email; "
						+ "send reset links with --file");
			}
			launch.option(JobParameterNames.NEVER_SENT, "true").everyTime();
		}
		if (kind != null) {
			launch.identifying(JobParameterNames.KIND, kind);
		}
		launch.identifying(JobParameterNames.DRY_RUN, Boolean.toString(this.dryRun))
			.option(JobParameterNames.NO_DELIVER, Boolean.toString(this.noDeliver));
		if (this.dryRun) {
			launch.everyTime();
		}
		return launch.run("sendEmailsJob");
	}

	/** Whom to email: the users of a file, or every user never sent one. */
	static class Selection {

		@Option(names = "--file", required = true, paramLabel = "F",
				description = "A spreadsheet (XLSX, CSV or TSV) with an Email column: the users to email.")
		Path file;

		@Option(names = "--never-sent", required = true,
				description = "Every user of the account never sent the email their status calls for.")
		boolean neverSent;

	}

}
