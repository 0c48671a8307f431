package dev.roster.inbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.roster.job.JobParameterNames;

/**
 * Every job serve knows, by command name: the drop folders of SPEC §6 and the account jobs a schedule can run.
 * Plugging a job in is replacing its {@code NotAvailable} line with a registration naming its job bean and reading its
 * options, with the same parameters its command passes, so a file run by hand and the same file dropped are the same
 * job instance.
 */
final class InboxJobs {

	static final InboxJobs ALL = new InboxJobs(List.of(
			InboxJob.file("import-users", "importUsersJob", (options, request) -> request
				.identifying(JobParameterNames.MODE, options.choice("mode", "create", "invite"))
				.identifying(JobParameterNames.DRY_RUN, "false")
				.option(JobParameterNames.NO_DELIVER, Boolean.toString(options.flag("no-deliver", false)))),
			InboxJob.fileNotAvailable("terminate"),
			InboxJob.fileNotAvailable("reactivate"),
			InboxJob.fileNotAvailable("sync-roster"),
			InboxJob.fileNotAvailable("import-delegates"),
			InboxJob.file("send-emails", "sendEmailsJob", (options, request) -> {
				String kind = options.choice("kind", "any", "activation", "welcome", "password-reset");
				if (!"any".equals(kind)) {
					request.identifying(JobParameterNames.KIND, kind);
				}
				request.identifying(JobParameterNames.DRY_RUN, "false")
					.option(JobParameterNames.NO_DELIVER, Boolean.toString(options.flag("no-deliver", false)));
			}),
			// a schedule retries what earlier deliveries left queued; every run is a new one
			InboxJob.account("deliver-emails", "deliverEmailsJob", (options, request) -> request.everyTime()),
			InboxJob.accountNotAvailable("terminate-due")));

	private final Map<String, InboxJob> jobs = new LinkedHashMap<>();

	InboxJobs(List<InboxJob> jobs) {
		jobs.forEach((job) -> this.jobs.put(job.command(), job));
	}

	Optional<InboxJob> find(String command) {
		return Optional.ofNullable(this.jobs.get(command));
	}

	/** The drop folder names, available or not. */
	List<String> folders() {
		return this.jobs.values().stream().filter(InboxJob::takesFile).map(InboxJob::command).toList();
	}

	List<InboxJob> all() {
		return List.copyOf(this.jobs.values());
	}

}
