package dev.roster.api;

import java.util.Map;

import dev.roster.RosterJobs;
import dev.roster.access.Caller;
import dev.roster.inbox.Serve;
import dev.roster.job.JobDefinition;
import dev.roster.job.JobOption.Door;
import dev.roster.job.JobRequest;
import dev.roster.job.JobRunner;
import dev.roster.job.LaunchOrigin;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Delivers what a person or a call queued for one user or a few (a provisioned user's activation, a resent link)
 * without waiting for the next schedule: the account's deliver-emails, in its lane after what runs there now.
 */
@Component
public class AccountDeliveries {

	/** The job that delivers what was queued. */
	private static final String DELIVER = "deliver-emails";

	private final Serve serve;

	private final JobRunner runner;

	private final ApplicationContext context;

	AccountDeliveries(Serve serve, JobRunner runner, ApplicationContext context) {
		this.serve = serve;
		this.runner = runner;
		this.context = context;
	}

	/**
	 * Delivers the account's queued emails soon, recorded as launched by the caller through {@code door}. Returns
	 * whether it was queued: without a running serve the emails stay queued for the next delivery.
	 */
	public boolean deliverSoon(String account, Caller caller, String door) {
		JobDefinition deliver = RosterJobs.ALL.stream()
			.filter((definition) -> definition.command().equals(DELIVER))
			.findFirst()
			.orElseThrow();
		Job job = this.context.getBean(deliver.jobName(), Job.class);
		JobParameters parameters = deliver.request(JobRequest.forAccount(account), deliver.values(Door.API, Map.of()))
			.toJobParameters();
		return this.serve.submit(account, () -> this.runner.run(deliver.command(), job, parameters,
				new LaunchOrigin(door, caller.who(), null)));
	}

}
