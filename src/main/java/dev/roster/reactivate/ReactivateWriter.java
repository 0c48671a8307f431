package dev.roster.reactivate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.roster.account.Account;
import dev.roster.intake.CleanedEmails;
import dev.roster.intake.FirstRows;
import dev.roster.intake.PlanAction;
import dev.roster.intake.ReportRow;
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
 * activation email is queued in the same transaction; active and invited users are unchanged. On a dry run it only
 * records what it would do.
 */
class ReactivateWriter implements ItemStreamWriter<ReactivationRow> {

	static final String READ = "read";

	static final String REACTIVATED = "reactivated";

	static final String UNCHANGED = "unchanged";

	static final String REJECTED = "rejected";

	private final Account account;

	private final boolean dryRun;

	private final long jobInstanceId;

	private final Long jobExecutionId;

	private final UserStates users;

	private final Reactivations reactivations;

	private final Outbox outbox;

	private final RowReports reports;

	private final RowCounters counters;

	private final CleanedEmails cleaned = new CleanedEmails();

	ReactivateWriter(Account account, boolean dryRun, long jobInstanceId, Long jobExecutionId, UserStates users,
			Reactivations reactivations, Outbox outbox, RowReports reports, RowCounters counters) {
		this.account = account;
		this.dryRun = dryRun;
		this.jobInstanceId = jobInstanceId;
		this.jobExecutionId = jobExecutionId;
		this.users = users;
		this.reactivations = reactivations;
		this.outbox = outbox;
		this.reports = reports;
		this.counters = counters;
	}

	@Override
	public void write(Chunk<? extends ReactivationRow> chunk) {
		this.counters.add(READ, chunk.size());
		FirstRows firstRows = FirstRows.<ReactivationRow>of(chunk, (row) -> row.valid() ? row.emailKey() : null,
				(row) -> row.row().number())
			.markSeen(this.reports, this.jobInstanceId);
		Map<String, UserState> users = this.users.findByEmailKeys(firstRows.keys());

		List<Long> toReactivate = new ArrayList<>();
		List<ReportRow> report = new ArrayList<>();
		for (ReactivationRow row : chunk) {
			if (row.emailCleaned()) {
				this.cleaned.add(row.row().number());
			}
			String problem = row.valid() ? problem(row, firstRows, users) : row.error();
			if (problem != null) {
				this.counters.increment(REJECTED);
				report.add(ReportRow.rejected(row.row().number(), problem, row.row().cells()));
				continue;
			}
			UserState user = users.get(row.emailKey());
			String action;
			String note = null;
			if (user.status() == UserStatus.TERMINATED) {
				toReactivate.add(user.id());
				action = REACTIVATED;
			}
			else {
				action = UNCHANGED;
				note = "already " + user.status().name().toLowerCase(java.util.Locale.ROOT);
			}
			this.counters.increment(action);
			if (this.dryRun) {
				if (row.emailCleaned()) {
					note = (note != null) ? note + "; " + CleanedEmails.ROW_NOTE : CleanedEmails.ROW_NOTE;
				}
				report.add(new ReportRow(row.row().number(),
						REACTIVATED.equals(action) ? PlanAction.REACTIVATE : PlanAction.NONE, note, row.row().cells()));
			}
		}
		if (!this.dryRun) {
			List<Long> reactivated = this.reactivations.reactivate(this.account.id(), toReactivate);
			this.outbox.queue(this.account.id(), reactivated, EmailKind.ACTIVATION, this.jobExecutionId);
			// another process may have reactivated some of them since they were read: those count as unchanged
			this.counters.add(REACTIVATED, reactivated.size() - toReactivate.size());
			this.counters.add(UNCHANGED, toReactivate.size() - reactivated.size());
		}
		this.reports.record(this.jobInstanceId, report);
	}

	private String problem(ReactivationRow row, FirstRows firstRows, Map<String, UserState> users) {
		String repeated = firstRows.repeated(row.email(), row.emailKey(), row.row().number());
		if (repeated != null) {
			return repeated;
		}
		UserState user = users.get(row.emailKey());
		// a user of another account is reported exactly like an unknown one
		if (user == null || user.accountId() != this.account.id()) {
			return "no user with email '" + row.email() + "' in this account";
		}
		return null;
	}

	@Override
	public void open(ExecutionContext context) {
		this.counters.open(context);
		this.cleaned.open(context);
	}

	@Override
	public void update(ExecutionContext context) {
		this.counters.update(context);
		this.cleaned.update(context);
	}

}
