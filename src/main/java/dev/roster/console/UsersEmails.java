package dev.roster.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.roster.access.AuditLog;
import dev.roster.access.Caller;
import dev.roster.account.Account;
import dev.roster.api.AccountDeliveries;
import dev.roster.job.LaunchOrigin;
import dev.roster.mail.EmailKind;
import dev.roster.mail.Outbox;
import dev.roster.user.UserPages;
import dev.roster.user.UserStatus;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The emails a person sends to the users picked on the users page: queued only for users of the account the email
 * fits (an activation to an active user, a welcome to an invited one) who have none of that kind waiting already,
 * as send-emails decides; an id of no user of the account, another account's user included, is skipped unsaid.
 */
@Component
class UsersEmails {

	private final UserPages users;

	private final Outbox outbox;

	private final AuditLog audit;

	private final AccountDeliveries deliveries;

	private final TransactionTemplate transactions;

	UsersEmails(UserPages users, Outbox outbox, AuditLog audit, AccountDeliveries deliveries,
			PlatformTransactionManager transactionManager) {
		this.users = users;
		this.outbox = outbox;
		this.audit = audit;
		this.deliveries = deliveries;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Queues {@code kind} for the users among {@code ids} it fits, records it, and has the account's emails delivered
	 * soon.
	 */
	Sent send(Account account, Caller caller, EmailKind kind, Collection<Long> ids, String source) {
		Sent sent = this.transactions.execute((transaction) -> {
			// locked until the commit: a user terminated or emailed at the same moment is judged after that change
			Map<Long, UserStatus> statuses = this.users.lockStatuses(account.id(), ids);
			Map<Long, Set<EmailKind>> pending = this.outbox.pendingKinds(statuses.keySet());
			List<Long> queue = new ArrayList<>();
			int unfit = 0;
			int waiting = 0;
			for (Map.Entry<Long, UserStatus> user : statuses.entrySet()) {
				if (!kind.fits(user.getValue())) {
					unfit++;
				}
				else if (pending.getOrDefault(user.getKey(), Set.of()).contains(kind)) {
					waiting++;
				}
				else {
					queue.add(user.getKey());
				}
			}
			if (!queue.isEmpty()) {
				queue.sort(null);
				this.outbox.queue(account.id(), queue, kind, null);
			}
			Sent outcome = new Sent(queue.size(), unfit, waiting, ids.size() - statuses.size(), false);
			this.audit.record(account.slug(), caller.who(), "users.send-emails", null, source,
					Map.of("kind", kind.value(), "queued", outcome.queued(), "not_fitting", unfit, "already_queued",
							waiting, "unknown", outcome.unknown()));
			return outcome;
		});
		if (sent.queued() == 0) {
			return sent;
		}
		boolean soon = this.deliveries.deliverSoon(account.slug(), caller, LaunchOrigin.CONSOLE);
		return new Sent(sent.queued(), sent.unfit(), sent.waiting(), sent.unknown(), soon);
	}

	/**
	 * What a send did.
	 * @param queued emails queued
	 * @param unfit users whose status the email does not fit
	 * @param waiting users who already have such an email waiting to be sent
	 * @param unknown ids of no user of the account
	 * @param deliveringSoon whether a delivery was started for them (without a running serve they wait for the next)
	 */
	record Sent(int queued, int unfit, int waiting, int unknown, boolean deliveringSoon) {

		int skipped() {
			return this.unfit + this.waiting + this.unknown;
		}

	}

}
