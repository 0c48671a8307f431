package dev.roster.api;

import java.util.List;
import java.util.Optional;

import dev.roster.account.Account;
import dev.roster.intake.UserRowRules.ValidatedUser;
import dev.roster.mail.EmailKind;
import dev.roster.mail.Outbox;
import dev.roster.user.AccessCodes;
import dev.roster.user.CodePair;
import dev.roster.user.NewUser;
import dev.roster.user.StoredUser;
import dev.roster.user.UserStatus;
import dev.roster.user.UserStore;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Just-in-time provisioning: the user of a first SSO sign-in becomes active with codes, as import-users creates one,
 * and its activation email is queued in the same transaction (delivery sends it, as it sends an import's).
 */
@Component
class Provisioning {

	/** What a call for another account's user is told: never which account, that would leak its users. */
	static final String OUTSIDE = "the email belongs to a user outside this account";

	private final UserStore users;

	private final AccessCodes codes;

	private final Outbox outbox;

	Provisioning(UserStore users, AccessCodes codes, Outbox outbox) {
		this.users = users;
		this.codes = codes;
		this.outbox = outbox;
	}

	/**
	 * Creates the user unless it exists; returns whether it created it. A user of another account or a terminated
	 * one is a conflict. Two calls at once for one email meet at the unique email key: the second fails with a
	 * {@link org.springframework.dao.DataIntegrityViolationException} and the caller finds the first's user.
	 */
	@Transactional
	boolean provision(Account account, ValidatedUser user) {
		Optional<StoredUser> existing = Optional.ofNullable(this.users.findByEmailKeys(List.of(user.emailKey()))
			.get(user.emailKey()));
		if (existing.isPresent()) {
			check(account, existing.get());
			return false;
		}
		List<Long> ids = this.users.allocateIds(1);
		CodePair pair = this.codes.issue(ids).get(0);
		this.users.insert(List.of(new NewUser(ids.get(0), account.id(), user.email(), UserStatus.ACTIVE,
				user.fields(), pair)));
		if (account.policy().jitActivationEmail()) {
			this.outbox.queue(account.id(), ids, EmailKind.ACTIVATION, null);
		}
		return true;
	}

	/** An existing user answers the call only when it is an active or invited user of this account. */
	static void check(Account account, StoredUser existing) {
		if (existing.accountId() != account.id()) {
			throw ApiProblem.conflict(OUTSIDE);
		}
		if (existing.status() == UserStatus.TERMINATED) {
			throw ApiProblem.conflict("user '" + existing.email() + "' is terminated; reactivate them instead");
		}
	}

}
