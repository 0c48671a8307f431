package dev.roster.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.roster.access.AuditLog;
import dev.roster.access.Caller;
import dev.roster.account.Account;
import dev.roster.account.Reference;
import dev.roster.mail.EmailKind;
import dev.roster.mail.Outbox;
import dev.roster.user.Delegates;
import dev.roster.user.Reactivations;
import dev.roster.user.StoredUser;
import dev.roster.user.Terminations;
import dev.roster.user.UserEdits;
import dev.roster.user.UserEdits.Removals;
import dev.roster.user.UserFields;
import dev.roster.user.UserStatus;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a person does to one user on the console, each in one transaction with its audit event: the user is locked
 * first, so what the page decides from (the user's status) is what the change finds. Every method takes the account
 * the person may open, and touches only that account's users.
 */
@Service
class UserPageActions {

	/** Why, as a termination's snapshot records it (the jobs record their own names). */
	static final String REASON = "console";

	private final UserEdits edits;

	private final Delegates delegates;

	private final Terminations terminations;

	private final Reactivations reactivations;

	private final Outbox outbox;

	private final AuditLog audit;

	UserPageActions(UserEdits edits, Delegates delegates, Terminations terminations, Reactivations reactivations,
			Outbox outbox, AuditLog audit) {
		this.edits = edits;
		this.delegates = delegates;
		this.terminations = terminations;
		this.reactivations = reactivations;
		this.outbox = outbox;
		this.audit = audit;
	}

	/**
	 * Overwrites the names, profile type, group and office of an active or invited user with those of
	 * {@code validated}, recording what changed; billing code and language stay as they are.
	 */
	@Transactional
	Outcome edit(Account account, Caller caller, String source, long userId, UserFields validated) {
		return locked(account, userId, (user) -> {
			if (user.status() == UserStatus.TERMINATED) {
				return Outcome.REFUSED;
			}
			UserFields wanted = new UserFields(validated.firstName(), validated.lastName(), validated.profileTypeId(),
					validated.groupId(), validated.officeId(), user.fields().billingCode(), user.fields().language());
			Map<String, Map<String, String>> changes = changes(account, user.fields(), wanted);
			if (changes.isEmpty()) {
				return Outcome.UNCHANGED;
			}
			this.edits.update(account.id(), userId, wanted);
			record(account, caller, source, "user.edit", user, Map.of("email", user.email(), "changes", changes));
			return Outcome.DONE;
		});
	}

	/** Terminates the user as the terminate job does, the snapshot included; one already terminated is left alone. */
	@Transactional
	Outcome terminate(Account account, Caller caller, String source, long userId) {
		return locked(account, userId, (user) -> {
			if (user.status() == UserStatus.TERMINATED) {
				return Outcome.UNCHANGED;
			}
			Removals removed = this.edits.removals(account.id(), userId);
			this.terminations.terminate(account.id(), List.of(userId), REASON, null);
			record(account, caller, source, "user.terminate", user, Map.of("email", user.email(), "codes",
					removed.codes(), "meeting_rooms", removed.meetingRooms(), "delegates", removed.delegates(),
					"delegate_of", removed.delegateOf(), "cancelled_emails", removed.queuedEmails(), "expired_links",
					removed.links()));
			return Outcome.DONE;
		});
	}

	/** Brings a terminated user back with new codes, their activation email queued with it. */
	@Transactional
	Outcome reactivate(Account account, Caller caller, String source, long userId) {
		return locked(account, userId, (user) -> {
			List<Long> reactivated = this.reactivations.reactivate(account.id(), List.of(userId));
			if (reactivated.isEmpty()) {
				return Outcome.UNCHANGED;
			}
			this.outbox.queue(account.id(), reactivated, EmailKind.ACTIVATION, null);
			record(account, caller, source, "user.reactivate", user, Map.of("email", user.email()));
			return Outcome.DONE;
		});
	}

	/** Queues an email of {@code kind} for the user, when it fits their status (a reset link for an active user). */
	@Transactional
	Outcome send(Account account, Caller caller, String source, long userId, EmailKind kind) {
		return locked(account, userId, (user) -> {
			if (!kind.fits(user.status())) {
				return Outcome.REFUSED;
			}
			this.outbox.queue(account.id(), List.of(userId), kind, null);
			record(account, caller, source, "user.email", user, Map.of("email", user.email(), "kind", kind.value()));
			return Outcome.DONE;
		});
	}

	/** Makes the user with {@code delegateEmail} a delegate of the user, by the rules of import-delegates. */
	@Transactional
	Delegates.Added addDelegate(Account account, Caller caller, String source, long userId, String delegateEmail) {
		Delegates.Added added = this.delegates.add(account.id(), userId, delegateEmail);
		if (added == Delegates.Added.ADDED) {
			this.audit.record(account.slug(), caller.who(), "user.delegate.add", "user " + userId, source,
					Map.of("delegate", delegateEmail));
		}
		return added;
	}

	/** Removes one of the user's delegates. */
	@Transactional
	Outcome removeDelegate(Account account, Caller caller, String source, long userId, long delegateId) {
		return this.delegates.remove(account.id(), userId, delegateId).map((email) -> {
			this.audit.record(account.slug(), caller.who(), "user.delegate.remove", "user " + userId, source,
					Map.of("delegate", email));
			return Outcome.DONE;
		}).orElse(Outcome.UNCHANGED);
	}

	/** What {@code change} makes of the account's user, locked first; a user not found is not changed. */
	private Outcome locked(Account account, long userId, Function<StoredUser, Outcome> change) {
		return this.edits.lock(account.id(), userId).map(change).orElse(Outcome.NOT_FOUND);
	}

	private void record(Account account, Caller caller, String source, String action, StoredUser user,
			Map<String, ?> detail) {
		this.audit.record(account.slug(), caller.who(), action, "user " + user.id(), source, detail);
	}

	/** What an edit changes, by field, each from and to as the page shows it (names of groups, not ids). */
	static Map<String, Map<String, String>> changes(Account account, UserFields before, UserFields after) {
		Map<String, Map<String, String>> changes = new LinkedHashMap<>();
		change(changes, "first_name", before.firstName(), after.firstName());
		change(changes, "last_name", before.lastName(), after.lastName());
		change(changes, "profile_type", name(account.profileTypes(), before.profileTypeId()),
				name(account.profileTypes(), after.profileTypeId()));
		change(changes, "group", name(account.groups(), before.groupId()), name(account.groups(), after.groupId()));
		change(changes, "office", name(account.offices(), before.officeId()),
				name(account.offices(), after.officeId()));
		change(changes, "billing_code", before.billingCode(), after.billingCode());
		change(changes, "language", before.language(), after.language());
		return changes;
	}

	private static void change(Map<String, Map<String, String>> changes, String field, String before, String after) {
		String from = Objects.requireNonNullElse(before, "");
		String to = Objects.requireNonNullElse(after, "");
		if (!from.equals(to)) {
			changes.put(field, Map.of("from", from, "to", to));
		}
	}

	private static String name(Map<String, Reference> references, Long id) {
		return references.values()
			.stream()
			.filter((reference) -> id != null && reference.id() == id)
			.map(Reference::name)
			.findFirst()
			.orElse("");
	}

	/** What became of a person's change. */
	enum Outcome {

		DONE, UNCHANGED, REFUSED, NOT_FOUND

	}

}
