package dev.roster.inbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.roster.job.JobParameterNames;

/**
 * Every job serve knows, by command name: the drop folders of SPEC §6 and the account jobs a schedule can run.
 * Each registration names its job bean and reads its options into the same parameters its command passes, so a file
 * run by hand and the same file dropped are the same job instance.
 */
final class InboxJobs {

	static final InboxJobs ALL = new InboxJobs(List.of(
			InboxJob.file("import-users", "importUsersJob", (options, request) -> request
				.identifying(JobParameterNames.MODE, options.choice("mode", "create", "invite"))
				.identifying(JobParameterNames.DRY_RUN, "false")
				.option(JobParameterNames.NO_DELIVER, Boolean.toString(options.flag("no-deliver", false)))),
			// a mass termination is stopped by the same kind of guard as a sync, and approved by a person the same way
			InboxJob.file("terminate", "terminateJob",
					(options, request) -> request.identifying(JobParameterNames.DRY_RUN, "false"))
				.approvedWith("--allow-mass-termination"),
			InboxJob.file("reactivate", "reactivateJob", (options, request) -> request
				.identifying(JobParameterNames.DRY_RUN, "false")
				.option(JobParameterNames.NO_DELIVER, Boolean.toString(options.flag("no-deliver", false)))),
			// approving a mass termination is a decision about one file, taken by a person: serve.yaml can raise the
			// account's limit (max-terminations), never lift it
			InboxJob.file("sync-roster", "syncRosterJob", (options, request) -> {
				Long max = options.number("max-terminations", 0);
				request.identifying(JobParameterNames.DRY_RUN, "false")
					.identifying(JobParameterNames.ALLOW_MASS_TERMINATION, "false")
					.identifying(JobParameterNames.MAX_TERMINATIONS, (max != null) ? max.toString() : "none")
					.option(JobParameterNames.NO_DELIVER, Boolean.toString(options.flag("no-deliver", false)));
			}).approvedWith("--allow-mass-termination").diffsEveryRun(),
			InboxJob.file("import-delegates", "importDelegatesJob", (options, request) -> request
				.identifying(JobParameterNames.REPLACE, Boolean.toString(options.flag("replace", false)))
				.identifying(JobParameterNames.DRY_RUN, "false")),
			InboxJob.file("send-emails", "sendEmailsJob", (options, request) -> {
				String kind = options.choice("kind", "any", "activation", "welcome", "password-reset");
				if (!"any".equals(kind)) {
					request.identifying(JobParameterNames.KIND, kind);
				}
				request.identifying(JobParameterNames.DRY_RUN, "false")
					.option(JobParameterNames.NO_DELIVER, Boolean.toString(options.flag("no-deliver", false)));
			}),
			// a schedule retries what earlier deliveries left queued, or applies what came due: every run is new
			InboxJob.account("deliver-emails", "deliverEmailsJob", (options, request) -> request.everyTime()),
			InboxJob.account("terminate-due", "terminateDueJob", (options, request) -> request.everyTime())));

	private final Map<String, InboxJob> jobs = new LinkedHashMap<>();

	InboxJobs(List<InboxJob> jobs) {
		jobs.forEach((job) -> this.jobs.put(job.command(), job));
	}

	Optional<InboxJob> find(String command) {
		return Optional.ofNullable(this.jobs.get(command));
	}

	/** The drop folder names. */
	List<String> folders() {
		return this.jobs.values().stream().filter(InboxJob::takesFile).map(InboxJob::command).toList();
	}

	List<InboxJob> all() {
		return List.copyOf(this.jobs.values());
	}

}
