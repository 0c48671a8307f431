package dev.roster.emails;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.roster.account.Account;
import dev.roster.intake.CleanedEmails;
import dev.roster.intake.InputRow;
import dev.roster.intake.FirstRows;
import dev.roster.intake.PlanAction;
import dev.roster.intake.ReportRow;
import dev.roster.intake.RowReports;
import dev.roster.job.RowCounters;
import dev.roster.mail.EmailKind;
import dev.roster.mail.Outbox;
import dev.roster.user.StoredUser;
import dev.roster.user.UserStatus;
import dev.roster.user.UserStore;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Queues the email each selected user should get, in the chunk's transaction: activation for active users, welcome
 * for invited ones (or the one {@code --kind} names, to the users it fits). Users it does not fit, unknown emails,
 * emails of other accounts and repeated rows go to the report; a user who already has the same email waiting is not
 * queued a second one. On a dry run it only records what it would do.
 */
class SendEmailsWriter implements ItemStreamWriter<InputRow> {

	private final Account account;

	private final EmailKind kind;

	private final boolean dryRun;

	private final long jobInstanceId;

	private final Long jobExecutionId;

	private final SendEmailsReader reader;

	private final UserStore users;

	private final Outbox outbox;

	private final RowReports reports;

	private final RowCounters counters;

	private final CleanedEmails cleaned = new CleanedEmails();

	/**
	 * @param kind the email to send, or {@code null} for the one that fits each user's status
	 * @param reader the step's reader: a file's columns say where the email is; otherwise it is the only cell
	 */
	SendEmailsWriter(Account account, EmailKind kind, boolean dryRun, long jobInstanceId, Long jobExecutionId,
			SendEmailsReader reader, UserStore users, Outbox outbox, RowReports reports,
			RowCounters counters) {
		this.account = account;
		this.kind = kind;
		this.dryRun = dryRun;
		this.jobInstanceId = jobInstanceId;
		this.jobExecutionId = jobExecutionId;
		this.reader = reader;
		this.users = users;
		this.outbox = outbox;
		this.reports = reports;
		this.counters = counters;
	}

	@Override
	public void write(Chunk<? extends InputRow> chunk) {
		if (this.reader.fromFile()) {
			this.counters.add(SendEmailsJob.READ, chunk.size());
		}
		FirstRows firstRows = FirstRows.<InputRow>of(chunk, (row) -> {
			String email = this.reader.email(row);
			return email.isEmpty() ? null : UserStore.emailKey(email);
		}, InputRow::number).markSeen(this.reports, this.jobInstanceId);
		Map<String, StoredUser> found = this.users.findByEmailKeys(firstRows.keys());
		Map<Long, Set<EmailKind>> pending = this.outbox
			.pendingKinds(found.values().stream().map(StoredUser::id).toList());

		Map<EmailKind, List<Long>> toQueue = new EnumMap<>(EmailKind.class);
		List<ReportRow> report = new ArrayList<>();
		for (InputRow row : chunk) {
			if (this.reader.emailCleaned(row)) {
				this.cleaned.add(row.number());
			}
			String email = this.reader.email(row);
			StoredUser user = email.isEmpty() ? null : found.get(UserStore.emailKey(email));
			String problem = problem(row, email, user, firstRows);
			if (problem != null) {
				this.counters.increment(SendEmailsJob.REJECTED);
				report.add(ReportRow.rejected(row.number(), problem, row.cells()));
				continue;
			}
			EmailKind send = (this.kind != null) ? this.kind : EmailKind.firstFor(user.status());
			boolean waiting = pending.getOrDefault(user.id(), Set.of()).contains(send);
			if (waiting) {
				this.counters.increment(SendEmailsJob.ALREADY_QUEUED);
			}
			else {
				this.counters.increment(SendEmailsJob.QUEUED);
				toQueue.computeIfAbsent(send, (k) -> new ArrayList<>()).add(user.id());
			}
			if (this.dryRun) {
				report.add(new ReportRow(row.number(), waiting ? PlanAction.ALREADY_QUEUED : PlanAction.QUEUE,
						this.reader.emailCleaned(row) ? send.value() + "; " + CleanedEmails.ROW_NOTE : send.value(),
						row.cells()));
			}
		}
		if (!this.dryRun) {
			toQueue.forEach((send, ids) -> this.outbox.queue(this.account.id(), ids, send, this.jobExecutionId));
		}
		this.reports.record(this.jobInstanceId, report);
	}

	private String problem(InputRow row, String email, StoredUser user, FirstRows firstRows) {
		if (row.problem() != null) {
			return row.problem();
		}
		if (email.isEmpty()) {
			return "missing email" + this.reader.emailColumn();
		}
		String repeated = firstRows.repeated(email, UserStore.emailKey(email), row.number());
		if (repeated != null) {
			return repeated;
		}
		if (user == null || user.accountId() != this.account.id()) {
			// the same words for another account's user: never say whose it is
			return "no user with email '" + email + "' in this account";
		}
		if (user.status() == UserStatus.TERMINATED) {
			return "user '" + email + "' is terminated; terminated users get no email";
		}
		if (this.kind == null || this.kind.fits(user.status())) {
			return null;
		}
		return switch (this.kind) {
			case ACTIVATION -> "user '" + email + "' is invited, not active: send a welcome email (--kind welcome)";
			case WELCOME -> "user '" + email + "' is already active: send an activation email (--kind activation)";
			case PASSWORD_RESET -> "user '" + email + "' has not registered yet, so has no password: send a welcome "
					+ "email (--kind welcome)";
		};
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
