package dev.roster.terminate;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.roster.job.RowCounters;
import dev.roster.user.Terminations;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Applies the scheduled terminations that are due, a batch of users per transaction until none is left. Each batch
 * locks its users and skips those another process holds, so two runs at once never terminate a user twice; a run
 * that stops midway leaves the rest due, and the next run takes them.
 */
class TerminateDueTasklet implements Tasklet {

	static final String REASON = "terminate-due";

	private final Long accountId;

	private final LocalDate today;

	private final int batchSize;

	private final Long jobExecutionId;

	private final Terminations terminations;

	private final RowCounters counters;

	private boolean opened;

	TerminateDueTasklet(Long accountId, LocalDate today, int batchSize, Long jobExecutionId,
			Terminations terminations, RowCounters counters) {
		this.accountId = accountId;
		this.today = today;
		this.batchSize = batchSize;
		this.jobExecutionId = jobExecutionId;
		this.terminations = terminations;
		this.counters = counters;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		var context = contribution.getStepExecution().getExecutionContext();
		if (!this.opened) {
			this.counters.open(context);
			this.opened = true;
		}
		Map<Long, List<Long>> due = this.terminations.takeDue(this.today, this.accountId, this.batchSize);
		int taken = 0;
		for (Map.Entry<Long, List<Long>> account : due.entrySet()) {
			taken += account.getValue().size();
			this.counters.add(TerminateJob.TERMINATED,
					this.terminations.terminate(account.getKey(), account.getValue(), REASON, this.jobExecutionId));
		}
		this.counters.update(context);
		return (taken < this.batchSize) ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
	}

}
