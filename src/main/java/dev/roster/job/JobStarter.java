package dev.roster.job;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * What actually starts a job execution once {@link JobRunner} has taken the instance's lock and decided it must run:
 * the {@code JobOperator} for the command line, Spring Batch Integration's {@code JobLaunchingGateway} for the drop
 * folders. It must run the job to its end on the calling thread.
 */
@FunctionalInterface
public interface JobStarter {

	JobExecution start(Job job, JobParameters parameters) throws Exception;

}
