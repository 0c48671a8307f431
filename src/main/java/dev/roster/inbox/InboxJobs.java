package dev.roster.inbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.roster.RosterJobs;
import dev.roster.job.JobDefinition;

/**
 * Every job serve knows, by command name: the drop folders of SPEC §6 and the account jobs a schedule can run, made
 * from the definitions of the jobs serve runs.
 */
final class InboxJobs {

	static final InboxJobs ALL = new InboxJobs(RosterJobs.ALL);

	private final Map<String, InboxJob> jobs = new LinkedHashMap<>();

	InboxJobs(List<JobDefinition> definitions) {
		definitions.stream()
			.filter(JobDefinition::served)
			.forEach((definition) -> this.jobs.put(definition.command(), new InboxJob(definition)));
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
