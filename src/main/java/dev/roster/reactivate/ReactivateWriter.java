package dev.roster.reactivate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.roster.account.Account;
import dev.roster.intake.PlanAction;
import dev.roster.intake.RowLedger;
import dev.roster.intake.RowReports;
import dev.roster.job.RowCounters;
import dev.roster.mail.EmailKind;
import dev.roster.mail.Outbox;
import dev.roster.user.Reactivations;
import dev.roster.user.UserState;
import dev.roster.user.UserStates;
import dev.roster.user.UserStatus;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Applies a chunk of a reactivation list in the chunk's transaction: terminated users get new codes and their
 * activation email is queued in the same transaction; active and invited users are unchanged. Rejected rows are
 * recorded for the report ({@link RowLedger}); on a dry run it only records what it would do.
 */
class ReactivateWriter implements ItemStreamWriter<ReactivationRow> {

	private final Account account;

	private final Long jobExecutionId;

	private final UserStates users;

	private final Reactivations reactivations;

	private final Outbox outbox;

	private final RowLedger ledger;

	ReactivateWriter(Account account, boolean dryRun, long jobInstanceId, Long jobExecutionId, UserStates users,
			Reactivations reactivations, Outbox outbox, RowReports reports, RowCounters counters) {
		this.account = account;
		this.jobExecutionId = jobExecutionId;
		this.users = users;
		this.reactivations = reactivations;
		this.outbox = outbox;
		this.ledger = new RowLedger(reports, counters, jobInstanceId, dryRun);
	}

	@Override
	public void write(Chunk<? extends ReactivationRow> chunk) {
		RowLedger.Entries<ReactivationRow> rows = this.ledger.chunk(chunk);
		Map<String, UserState> users = this.users.findByEmailKeys(rows.keys());

		List<Long> toReactivate = new ArrayList<>();
		for (ReactivationRow row : chunk) {
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
			String note = null;
			if (user.status() == UserStatus.TERMINATED) {
				toReactivate.add(user.id());
				action = ReactivateJob.REACTIVATED;
			}
			else {
				action = ReactivateJob.UNCHANGED;
				note = "already " + user.status().name().toLowerCase(java.util.Locale.ROOT);
			}
			rows.decide(row, action, ReactivateJob.REACTIVATED.equals(action) ? PlanAction.REACTIVATE : PlanAction.NONE, note);
		}
		if (!this.ledger.dryRun()) {
			List<Long> reactivated = this.reactivations.reactivate(this.account.id(), toReactivate);
			this.outbox.queue(this.account.id(), reactivated, EmailKind.ACTIVATION, this.jobExecutionId);
			// another process may have reactivated some of them since they were read: those count as unchanged
			this.ledger.counters().add(ReactivateJob.REACTIVATED, reactivated.size() - toReactivate.size());
			this.ledger.counters().add(ReactivateJob.UNCHANGED, toReactivate.size() - reactivated.size());
		}
		rows.record();
	}

	private String unknown(ReactivationRow row, Map<String, UserState> users) {
		UserState user = users.get(row.emailKey());
		// a user of another account is reported exactly like an unknown one
		if (user == null || user.accountId() != this.account.id()) {
			return "no user with email '" + row.email() + "' in this account";
		}
		return null;
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
