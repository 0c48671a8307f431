package dev.roster.job;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * How a safety guard stops a job before it changes anything. The step that decides records why in the job's
 * context; the steps after it run as a plan (the report is the plan, nothing is applied, no email is delivered), and
 * the job ends with the exit status {@link JobRunner#GUARD_TRIPPED}, which {@link JobRunner} reports as
 * {@code STOPPED}, exit code 3. A restarted execution inherits the job's context, so a restart of a stopped job that
 * failed while writing its plan still changes nothing.
 */
public final class GuardStop {

	private static final String KEY = "guard.stopped";

	private GuardStop() {
	}

	/** Stops {@code job}: what is left of it runs as a plan, and it ends {@code STOPPED} saying {@code reason}. */
	public static void stop(JobExecution job, String reason) {
		job.getExecutionContext().putString(KEY, reason);
	}

	/** Whether a guard stopped {@code job}. */
	public static boolean stopped(JobExecution job) {
		return job.getExecutionContext().containsKey(KEY);
	}

	/**
	 * The listener of every job a guard can stop: a completed job that a guard stopped ends with the exit status
	 * {@link JobRunner#GUARD_TRIPPED} and the guard's reason, whichever step ran last.
	 */
	public static JobExecutionListener listener() {
		return new JobExecutionListener() {

			@Override
			public void afterJob(JobExecution job) {
				if (job.getStatus() == BatchStatus.COMPLETED && stopped(job)) {
					job.setExitStatus(new ExitStatus(JobRunner.GUARD_TRIPPED, job.getExecutionContext().getString(KEY)));
				}
			}

		};
	}

}
