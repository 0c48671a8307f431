package dev.roster.console;

import java.util.List;
import java.util.Map;

import dev.roster.access.AuditLog;
import dev.roster.access.Caller;
import dev.roster.account.Account;
import dev.roster.intake.UserRowRules.ValidatedUser;
import dev.roster.mail.EmailKind;
import dev.roster.mail.Outbox;
import dev.roster.user.AccessCodes;
import dev.roster.user.NewUser;
import dev.roster.user.StoredUser;
import dev.roster.user.UserStatus;
import dev.roster.user.UserStore;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One user added on the console, as import-users adds one row: created (active, codes, activation email) or invited
 * (welcome email, codes when they register), the user, its codes, its email and the audit event in one transaction.
 */
@Service
class AddUsers {

	private final UserStore users;

	private final AccessCodes codes;

	private final Outbox outbox;

	private final AuditLog audit;

	AddUsers(UserStore users, AccessCodes codes, Outbox outbox, AuditLog audit) {
		this.users = users;
		this.codes = codes;
		this.outbox = outbox;
		this.audit = audit;
	}

	/**
	 * Adds the user unless its email is taken. Two adds of one email at once meet at the unique email key: the
	 * second fails with a {@link org.springframework.dao.DataIntegrityViolationException}, and adding again finds
	 * the first's user.
	 * @param status {@link UserStatus#ACTIVE} to create, {@link UserStatus#INVITED} to invite
	 */
	@Transactional
	Added add(Account account, Caller caller, String source, ValidatedUser user, UserStatus status) {
		StoredUser existing = this.users.findByEmailKeys(List.of(user.emailKey())).get(user.emailKey());
		if (existing != null) {
			// another account's user is only "taken": which account holds the address is not this one's business
			return new Added((existing.accountId() != account.id()) ? Result.OUTSIDE
					: (existing.status() == UserStatus.TERMINATED) ? Result.TERMINATED : Result.EXISTS,
					(existing.accountId() != account.id()) ? null : existing.id());
		}
		List<Long> ids = this.users.allocateIds(1);
		this.users.insert(List.of(new NewUser(ids.get(0), account.id(), user.email(), status, user.fields(),
				(status == UserStatus.ACTIVE) ? this.codes.issue(ids).get(0) : null)));
		this.outbox.queue(account.id(), ids, EmailKind.firstFor(status), null);
		this.audit.record(account.slug(), caller.who(), "user.add", "user " + ids.get(0), source,
				Map.of("email", user.email(), "status", status.name()));
		return new Added(Result.ADDED, ids.get(0));
	}

	/** What became of the user to add. */
	enum Result {

		ADDED, EXISTS, TERMINATED, OUTSIDE

	}

	/** @param userId the user added or found in this account, {@code null} for another account's */
	record Added(Result result, Long userId) {
	}

}
