package dev.roster.inbox;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.integration.launch.JobLaunchRequest;

/**
 * The messaging gateway in front of Spring Batch Integration's {@code JobLaunchingGateway}: the drop folders and
 * schedules start their executions through it, on the calling thread, inside {@link dev.roster.job.JobRunner}'s
 * instance lock.
 */
interface JobLaunches {

	JobExecution launch(JobLaunchRequest request);

}
