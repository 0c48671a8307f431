package dev.roster.emails;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.roster.account.Account;
import dev.roster.intake.InputRow;
import dev.roster.intake.LedgerRow;
import dev.roster.intake.PlanAction;
import dev.roster.intake.RowLedger;
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
 * queued a second one. On a dry run it only records what it would do. Counts, repeated rows and the report are the
 * {@link RowLedger}'s.
 */
class SendEmailsWriter implements ItemStreamWriter<InputRow> {

	private final Account account;

	private final EmailKind kind;

	private final Long jobExecutionId;

	private final SendEmailsReader reader;

	private final UserStore users;

	private final Outbox outbox;

	private final RowLedger ledger;

	/**
	 * @param kind the email to send, or {@code null} for the one that fits each user's status
	 * @param reader the step's reader: a file's columns say where the email is; otherwise it is the only cell
	 */
	SendEmailsWriter(Account account, EmailKind kind, boolean dryRun, long jobInstanceId, Long jobExecutionId,
			SendEmailsReader reader, UserStore users, Outbox outbox, RowReports reports,
			RowCounters counters) {
		this.account = account;
		this.kind = kind;
		this.jobExecutionId = jobExecutionId;
		this.reader = reader;
		this.users = users;
		this.outbox = outbox;
		// users selected from the database (--never-sent) are not rows read
		this.ledger = new RowLedger(reports, counters, jobInstanceId, dryRun, reader.fromFile());
	}

	@Override
	public void write(Chunk<? extends InputRow> chunk) {
		List<EmailRow> rows = new ArrayList<>(chunk.size());
		for (InputRow row : chunk) {
			rows.add(emailRow(row));
		}
		RowLedger.Entries<EmailRow> entries = this.ledger.chunk(new Chunk<>(rows));
		Map<String, StoredUser> found = this.users.findByEmailKeys(entries.keys());
		Map<Long, Set<EmailKind>> pending = this.outbox
			.pendingKinds(found.values().stream().map(StoredUser::id).toList());

		Map<EmailKind, List<Long>> toQueue = new EnumMap<>(EmailKind.class);
		for (EmailRow row : rows) {
			StoredUser user = row.valid() ? found.get(row.emailKey()) : null;
			String problem = entries.problem(row);
			if (problem == null) {
				problem = problem(row.email(), user);
			}
			if (problem != null) {
				entries.reject(row, problem);
				continue;
			}
			EmailKind send = (this.kind != null) ? this.kind : EmailKind.firstFor(user.status());
			boolean waiting = pending.getOrDefault(user.id(), Set.of()).contains(send);
			if (!waiting) {
				toQueue.computeIfAbsent(send, (k) -> new ArrayList<>()).add(user.id());
			}
			entries.decide(row, waiting ? SendEmailsJob.ALREADY_QUEUED : SendEmailsJob.QUEUED,
					waiting ? PlanAction.ALREADY_QUEUED : PlanAction.QUEUE, send.value());
		}
		if (!this.ledger.dryRun()) {
			toQueue.forEach((send, ids) -> this.outbox.queue(this.account.id(), ids, send, this.jobExecutionId));
		}
		entries.record();
	}

	/** The row with the email the reader finds in it; a row without one is rejected on its own. */
	private EmailRow emailRow(InputRow row) {
		String email = this.reader.email(row);
		String error = (row.problem() != null) ? row.problem()
				: email.isEmpty() ? "missing email" + this.reader.emailColumn() : null;
		return new EmailRow(row, email, email.isEmpty() ? null : UserStore.emailKey(email), error,
				this.reader.emailCleaned(row));
	}

	/** Why the user the row names gets no email of this run, or {@code null}. */
	private String problem(String email, StoredUser user) {
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
		this.ledger.open(context);
	}

	@Override
	public void update(ExecutionContext context) {
		this.ledger.update(context);
	}

	/** A row as the ledger keeps it: the email the reader finds in it, the cell a file names or the only one. */
	private record EmailRow(InputRow row, String email, String emailKey, String error,
			boolean emailCleaned) implements LedgerRow {
	}

}
