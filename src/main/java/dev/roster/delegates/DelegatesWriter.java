package dev.roster.delegates;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.roster.account.Account;
import dev.roster.intake.RowLedger;
import dev.roster.job.RowCounters;
import dev.roster.user.UserState;
import dev.roster.user.UserStates;
import dev.roster.user.UserStatus;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Applies a chunk of a delegates file in the chunk's transaction: adds the delegations that do not exist yet and
 * records every row (its pair and what became of it) in {@code delegate_row}, which the replace step and the report
 * read. On a dry run it only records. One query finds the chunk's users, one statement adds its delegations. The
 * {@link RowLedger} counts its rows and notes their cleaned emails; a repeated row is a repeated pair, found here.
 */
class DelegatesWriter implements ItemStreamWriter<DelegateRow> {

	private final Account account;

	private final long jobInstanceId;

	private final UserStates users;

	private final Delegations delegations;

	private final RowLedger ledger;

	DelegatesWriter(Account account, boolean dryRun, long jobInstanceId, UserStates users, Delegations delegations,
			RowCounters counters) {
		this.account = account;
		this.jobInstanceId = jobInstanceId;
		this.users = users;
		this.delegations = delegations;
		// the rows and their outcomes are recorded in delegate_row, which the report reads
		this.ledger = RowLedger.withoutReport(counters, dryRun);
	}

	@Override
	public void write(Chunk<? extends DelegateRow> chunk) {
		this.ledger.read(chunk);
		Set<String> keys = new LinkedHashSet<>();
		List<List<String>> pairs = new ArrayList<>();
		for (DelegateRow row : chunk) {
			if (row.valid()) {
				keys.add(row.hostKey());
				if (row.delegateKey() != null) {
					keys.add(row.delegateKey());
				}
				pairs.add(pair(row));
			}
		}
		Map<List<String>, Long> seenBefore = this.delegations.firstRows(this.jobInstanceId, pairs);
		Map<List<String>, Long> firstInChunk = new HashMap<>();
		Map<String, UserState> users = this.users.findByEmailKeys(keys);
		Set<List<Long>> existing = this.delegations.existing(ids(chunk, users));

		List<Delegations.Outcome> outcomes = new ArrayList<>(chunk.size());
		List<long[]> toAdd = new ArrayList<>();
		Set<List<Long>> adding = new HashSet<>();
		for (DelegateRow row : chunk) {
			UserState host = row.valid() ? inAccount(users.get(row.hostKey())) : null;
			UserState delegate = (row.valid() && row.delegateKey() != null) ? inAccount(users.get(row.delegateKey()))
					: null;
			String problem = row.valid() ? problem(row, host, delegate, seenBefore, firstInChunk) : row.error();
			DelegateAction action;
			if (problem != null) {
				action = DelegateAction.REJECTED;
				this.ledger.rejected();
			}
			else if (row.clearsHost()) {
				// the row itself changes nothing; what the replace step removes is counted there
				action = DelegateAction.CLEAR;
				this.ledger.counters().increment(ImportDelegatesJob.UNCHANGED);
			}
			else if (existing.contains(List.of(host.id(), delegate.id()))) {
				action = DelegateAction.NONE;
				this.ledger.counters().increment(ImportDelegatesJob.UNCHANGED);
			}
			else {
				action = DelegateAction.ADD;
				if (adding.add(List.of(host.id(), delegate.id()))) {
					toAdd.add(new long[] { host.id(), delegate.id() });
				}
				this.ledger.counters().increment(ImportDelegatesJob.ADDED);
			}
			outcomes.add(new Delegations.Outcome(row, (host != null) ? host.id() : null,
					(delegate != null) ? delegate.id() : null, action, problem));
		}
		if (!this.ledger.dryRun()) {
			int added = this.delegations.add(this.account.id(), toAdd);
			// users terminated by another process since they were read are not given delegates
			this.ledger.counters().add(ImportDelegatesJob.ADDED, added - toAdd.size());
			this.ledger.counters().add(ImportDelegatesJob.UNCHANGED, toAdd.size() - added);
		}
		this.delegations.record(this.jobInstanceId, outcomes);
	}

	private String problem(DelegateRow row, UserState host, UserState delegate, Map<List<String>, Long> seenBefore,
			Map<List<String>, Long> firstInChunk) {
		String problem = userProblem(row, host, delegate);
		if (problem != null) {
			return problem;
		}
		// the first applicable row of a pair is applied, later ones rejected
		List<String> pair = pair(row);
		Long first = seenBefore.get(pair);
		if (first == null) {
			first = firstInChunk.putIfAbsent(pair, row.row().number());
		}
		if (first == null) {
			return null;
		}
		return (row.clearsHost() ? "host '" + row.hostEmail() + "' with a blank delegate"
				: "host '" + row.hostEmail() + "' and delegate '" + row.delegateEmail() + "'")
				+ " already appear in row " + first + " of this file";
	}

	private static String userProblem(DelegateRow row, UserState host, UserState delegate) {
		if (host == null) {
			return "no user with host email '" + row.hostEmail() + "' in this account";
		}
		if (host.status() != UserStatus.ACTIVE) {
			return "host '" + row.hostEmail() + "' is " + status(host) + "; only active users have delegates";
		}
		if (row.clearsHost()) {
			return null;
		}
		if (delegate == null) {
			return "no user with delegate email '" + row.delegateEmail() + "' in this account";
		}
		if (delegate.id() == host.id()) {
			return "a user cannot delegate to itself ('" + row.hostEmail() + "')";
		}
		if (delegate.status() != UserStatus.ACTIVE) {
			return "delegate '" + row.delegateEmail() + "' is " + status(delegate)
					+ "; only active users can be delegates";
		}
		return null;
	}

	/** A user of this account, or {@code null}: another account's user is reported exactly like an unknown one. */
	private UserState inAccount(UserState user) {
		return (user != null && user.accountId() == this.account.id()) ? user : null;
	}

	private static List<String> pair(DelegateRow row) {
		return java.util.Arrays.asList(row.hostKey(), row.delegateKey());
	}

	private static String status(UserState user) {
		return user.status().name().toLowerCase(Locale.ROOT);
	}

	private List<long[]> ids(Chunk<? extends DelegateRow> chunk, Map<String, UserState> users) {
		List<long[]> ids = new ArrayList<>();
		for (DelegateRow row : chunk) {
			if (row.valid() && row.delegateKey() != null) {
				UserState host = users.get(row.hostKey());
				UserState delegate = users.get(row.delegateKey());
				if (host != null && delegate != null) {
					ids.add(new long[] { host.id(), delegate.id() });
				}
			}
		}
		return ids;
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
