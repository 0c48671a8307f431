package dev.roster.importusers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.roster.account.Account;
import dev.roster.account.Reference;
import dev.roster.intake.PlanAction;
import dev.roster.intake.RowLedger;
import dev.roster.intake.RowReports;
import dev.roster.intake.UserRowRules.ValidatedUser;
import dev.roster.job.RowCounters;
import dev.roster.mail.Outbox;
import dev.roster.user.AccessCodes;
import dev.roster.user.CodePair;
import dev.roster.user.JobMark;
import dev.roster.user.NewUser;
import dev.roster.user.StoredUser;
import dev.roster.user.UserFields;
import dev.roster.user.UserStatus;
import dev.roster.user.UserStore;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Applies a chunk of validated rows in the chunk's transaction: creates new users (with codes and their email in the
 * outbox), updates changed ones, and records rejected rows for the report ({@link RowLedger}). On a dry run it only
 * records what it would do. Everything is decided per chunk with one query for the chunk's emails, never one per row.
 */
class ImportUsersWriter implements ItemStreamWriter<ValidatedUser> {

	private final Account account;

	private final ImportMode mode;

	private final long jobInstanceId;

	private final Long jobExecutionId;

	private final UserStore users;

	private final AccessCodes codes;

	private final Outbox outbox;

	private final RowReports reports;

	private final RowLedger ledger;

	ImportUsersWriter(Account account, ImportMode mode, boolean dryRun, long jobInstanceId, Long jobExecutionId,
			UserStore users, AccessCodes codes, Outbox outbox, RowReports reports, RowCounters counters) {
		this.account = account;
		this.mode = mode;
		this.jobInstanceId = jobInstanceId;
		this.jobExecutionId = jobExecutionId;
		this.users = users;
		this.codes = codes;
		this.outbox = outbox;
		this.reports = reports;
		this.ledger = new RowLedger(reports, counters, jobInstanceId, dryRun);
	}

	@Override
	public void write(Chunk<? extends ValidatedUser> chunk) {
		this.users.relaxCommitDurability();
		RowLedger.Entries<ValidatedUser> rows = this.ledger.open(chunk);
		Map<String, StoredUser> existing = this.users.findByEmailKeys(rows.keys());
		rows.seenBefore(seenBefore(rows.inChunk(), existing));

		List<ValidatedUser> toCreate = new ArrayList<>();
		List<StoredUser> toUpdate = new ArrayList<>();
		for (ValidatedUser row : chunk) {
			String problem = rows.problem(row);
			if (problem == null) {
				problem = problem(row, existing);
			}
			if (problem != null) {
				rows.reject(row, problem);
				continue;
			}
			StoredUser user = existing.get(row.emailKey());
			String action;
			String changes = null;
			if (user == null) {
				toCreate.add(row);
				action = ImportUsersJob.CREATED;
			}
			else if (user.fields().equals(row.fields())) {
				action = ImportUsersJob.UNCHANGED;
			}
			else {
				toUpdate.add(user.changed(row.fields(), new JobMark(this.jobInstanceId, row.row().number())));
				action = ImportUsersJob.UPDATED;
				changes = changes(user.fields(), row.fields());
			}
			rows.decide(row, action, planned(action), changes);
		}
		if (!this.ledger.dryRun()) {
			create(toCreate);
			this.users.updateFields(toUpdate);
		}
		rows.record();
	}

	/**
	 * Emails of this chunk that an earlier chunk of the file already had, with the row where they were first seen. A
	 * user this job created or changed carries the job's mark; only the other emails — users it left unchanged, or
	 * everything on a dry run, which writes no user — need the table of seen emails.
	 */
	private Map<String, Long> seenBefore(Map<String, Long> firstRows, Map<String, StoredUser> existing) {
		Map<String, Long> seenBefore = new HashMap<>();
		Map<String, Long> unmarked = new LinkedHashMap<>();
		firstRows.forEach((key, row) -> {
			StoredUser user = existing.get(key);
			if (user != null && user.mark() != null && user.mark().jobInstanceId() == this.jobInstanceId) {
				seenBefore.put(key, user.mark().row());
			}
			else if (user != null || this.ledger.dryRun()) {
				unmarked.put(key, row);
			}
		});
		seenBefore.putAll(this.reports.markSeen(this.jobInstanceId, unmarked));
		return seenBefore;
	}

	private String problem(ValidatedUser row, Map<String, StoredUser> existing) {
		StoredUser user = existing.get(row.emailKey());
		if (user == null) {
			return null;
		}
		if (user.accountId() != this.account.id()) {
			// never say which account: that would leak another customer's users
			return "email '" + row.email() + "' belongs to a user outside this account";
		}
		if (user.status() == UserStatus.TERMINATED) {
			return "user '" + row.email() + "' is terminated; use reactivate to bring them back";
		}
		return null;
	}

	private void create(List<ValidatedUser> rows) {
		if (rows.isEmpty()) {
			return;
		}
		List<Long> ids = this.users.allocateIds(rows.size());
		List<CodePair> pairs = (this.mode.newUserStatus() == UserStatus.ACTIVE) ? this.codes.issue(ids) : null;
		List<NewUser> users = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			ValidatedUser row = rows.get(i);
			users.add(new NewUser(ids.get(i), this.account.id(), row.email(), this.mode.newUserStatus(), row.fields(),
					(pairs != null) ? pairs.get(i) : null, new JobMark(this.jobInstanceId, row.row().number())));
		}
		this.users.insert(users);
		this.outbox.queue(this.account.id(), ids, this.mode.email(), this.jobExecutionId);
	}

	/** What an update changes, as a plan shows it: {@code first name 'John' -> 'Jonathan'; office '' -> 'Madrid'}. */
	private String changes(UserFields before, UserFields after) {
		List<String> changes = new ArrayList<>();
		change(changes, "first name", before.firstName(), after.firstName());
		change(changes, "last name", before.lastName(), after.lastName());
		change(changes, "profile type", name(this.account.profileTypes(), before.profileTypeId()),
				name(this.account.profileTypes(), after.profileTypeId()));
		change(changes, "group", name(this.account.groups(), before.groupId()),
				name(this.account.groups(), after.groupId()));
		change(changes, "office", name(this.account.offices(), before.officeId()),
				name(this.account.offices(), after.officeId()));
		change(changes, "billing code", before.billingCode(), after.billingCode());
		change(changes, "language", before.language(), after.language());
		return String.join("; ", changes);
	}

	private static String name(Map<String, Reference> references, Long id) {
		return (id == null) ? null
				: references.values().stream().filter((reference) -> reference.id() == id).map(Reference::name)
					.findFirst().orElse("#" + id);
	}

	private static void change(List<String> changes, String what, String before, String after) {
		if (!Objects.equals(before, after)) {
			changes.add(what + " '" + Objects.requireNonNullElse(before, "") + "' -> '"
					+ Objects.requireNonNullElse(after, "") + "'");
		}
	}

	private static PlanAction planned(String action) {
		return switch (action) {
			case ImportUsersJob.CREATED -> PlanAction.CREATE;
			case ImportUsersJob.UPDATED -> PlanAction.UPDATE;
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
