package dev.roster.terminate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.roster.account.Account;
import dev.roster.intake.PlanAction;
import dev.roster.intake.RowLedger;
import dev.roster.intake.RowReports;
import dev.roster.job.RowCounters;
import dev.roster.user.Terminations;
import dev.roster.user.UserState;
import dev.roster.user.UserStates;
import dev.roster.user.UserStatus;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Applies a chunk of a termination feed in the chunk's transaction: terminates, schedules or cancels, and records
 * rejected rows for the report ({@link RowLedger}); on a dry run it only records what it would do. One query finds
 * the chunk's users and one statement terminates them, never one per row.
 * <p>
 * A date today or earlier terminates at once, a later date schedules the termination (a new date moves it), a blank
 * date terminates at once — also a user whose termination was scheduled: the feed lists them for termination, and
 * reading a blank as "keep them" would be a guess. The word {@code cancel} cancels a scheduled termination.
 * <p>
 * When the guard step stopped the job, this step runs as a dry run: the report it leaves is the plan.
 */
class TerminateWriter implements ItemStreamWriter<TerminationRow> {

	static final String REASON = "terminate";

	private final Account account;

	private final LocalDate today;

	private final Long jobExecutionId;

	private final UserStates users;

	private final Terminations terminations;

	private final RowLedger ledger;

	TerminateWriter(Account account, boolean dryRun, LocalDate today, long jobInstanceId, Long jobExecutionId,
			UserStates users, Terminations terminations, RowReports reports, RowCounters counters) {
		this.account = account;
		this.today = today;
		this.jobExecutionId = jobExecutionId;
		this.users = users;
		this.terminations = terminations;
		this.ledger = new RowLedger(reports, counters, jobInstanceId, dryRun);
	}

	@Override
	public void write(Chunk<? extends TerminationRow> chunk) {
		RowLedger.Entries<TerminationRow> rows = this.ledger.chunk(chunk);
		Map<String, UserState> users = this.users.findByEmailKeys(rows.keys());

		List<Long> toTerminate = new ArrayList<>();
		Map<Long, LocalDate> toSchedule = new LinkedHashMap<>();
		List<Long> toCancel = new ArrayList<>();
		for (TerminationRow row : chunk) {
			String problem = rows.problem(row);
			if (problem == null) {
				problem = unknown(row, users);
			}
			if (problem != null) {
				rows.reject(row, problem);
				continue;
			}
			UserState user = users.get(row.emailKey());
			String action;
			String note;
			if (user.status() == UserStatus.TERMINATED) {
				action = TerminateJob.UNCHANGED;
				note = "already terminated";
			}
			else if (row.cancel()) {
				if (user.terminationDueOn() != null) {
					toCancel.add(user.id());
					action = TerminateJob.CANCELLED;
					note = "scheduled termination on " + user.terminationDueOn() + " cancelled";
				}
				else {
					action = TerminateJob.UNCHANGED;
					note = "no termination scheduled";
				}
			}
			else if (row.date() == null || !row.date().isAfter(this.today)) {
				toTerminate.add(user.id());
				action = TerminateJob.TERMINATED;
				note = (user.terminationDueOn() != null)
						? "terminated now instead of on " + user.terminationDueOn() : null;
			}
			else if (row.date().equals(user.terminationDueOn())) {
				action = TerminateJob.UNCHANGED;
				note = "already scheduled for " + row.date();
			}
			else {
				toSchedule.put(user.id(), row.date());
				action = TerminateJob.SCHEDULED;
				note = (user.terminationDueOn() != null)
						? "scheduled for " + row.date() + " instead of " + user.terminationDueOn()
						: "scheduled for " + row.date();
			}
			rows.decide(row, action, planned(action), note);
		}
		if (!this.ledger.dryRun()) {
			int terminated = this.terminations.terminate(this.account.id(), toTerminate, REASON, this.jobExecutionId);
			// another process may have terminated some of them since they were read: those count as unchanged
			this.ledger.counters().add(TerminateJob.TERMINATED, terminated - toTerminate.size());
			this.ledger.counters().add(TerminateJob.UNCHANGED, toTerminate.size() - terminated);
			this.terminations.schedule(this.account.id(), toSchedule);
			this.terminations.cancelScheduled(this.account.id(), toCancel);
		}
		rows.record();
	}

	private String unknown(TerminationRow row, Map<String, UserState> users) {
		UserState user = users.get(row.emailKey());
		// a user of another account is reported exactly like an unknown one: whether an address exists elsewhere in
		// the service is not this account's business
		if (user == null || user.accountId() != this.account.id()) {
			return "no user with email '" + row.email() + "' in this account";
		}
		return null;
	}

	private static PlanAction planned(String action) {
		return switch (action) {
			case TerminateJob.TERMINATED -> PlanAction.TERMINATE;
			case TerminateJob.SCHEDULED -> PlanAction.SCHEDULE;
			case TerminateJob.CANCELLED -> PlanAction.CANCEL;
			default -> PlanAction.NONE;
		};
	}

	@Override
	public void open(ExecutionContext context) {
		this.ledger.open(context);
	}

	@Override
	public void update(ExecutionContext context) {
		this.ledger.update(context);
	}

}
