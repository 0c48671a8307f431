package dev.roster.syncroster;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.roster.account.Account;
import dev.roster.files.ReportFiles;
import dev.roster.job.JobParameterNames;
import dev.roster.job.GuardStop;
import dev.roster.job.RowCounters;
import dev.roster.mail.EmailKind;
import dev.roster.mail.Outbox;
import dev.roster.user.AccessCodes;
import dev.roster.user.CodePair;
import dev.roster.user.NewUser;
import dev.roster.user.Reactivations;
import dev.roster.user.Terminations;
import dev.roster.user.UserStatus;
import dev.roster.user.UserStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Diffs the staged roster against the users table and applies it, in one transaction: a sync is applied entirely or
 * not at all, so a failure or a kill midway leaves the account as it was, and the same command stages and diffs again.
 * The transaction holds the account's sync lock from before the diff to its commit, so two syncs of one account never
 * apply at once: the second diffs against what the first left.
 * <p>
 * A row rejected for its email names no user, so the file cannot show who is absent: the run terminates none of the
 * users no row names, whatever the options (rows with a termination date that has passed still terminate theirs), and
 * says so in its summary and plan.
 * <p>
 * Before anything changes, the guard looks at the diff: when it refuses, nothing is applied, the plan is written as
 * the report and the job is stopped ({@link GuardStop}: exit code 3). A dry run stops at the same point, writing the
 * plan; it reports a refusal the same way, since that is what the real run would do.
 */
class SyncRosterApplyTasklet implements Tasklet {

	private static final Log logger = LogFactory.getLog(SyncRosterApplyTasklet.class);

	private final Account account;

	private final SyncRosterDiff diff;

	private final SyncRosterGuard guard;

	private final boolean dryRun;

	private final LocalDate today;

	private final UserStore users;

	private final AccessCodes codes;

	private final Reactivations reactivations;

	private final Terminations terminations;

	private final Outbox outbox;

	private final Set<String> columns;

	private final SyncRosterReport report;

	private final ReportFiles reportFiles;

	private final RowCounters counters;

	SyncRosterApplyTasklet(Account account, SyncRosterDiff diff, SyncRosterGuard guard, boolean dryRun,
			LocalDate today, UserStore users, AccessCodes codes, Reactivations reactivations,
			Terminations terminations, Outbox outbox, Set<String> columns, SyncRosterReport report,
			ReportFiles reportFiles,
			RowCounters counters) {
		this.account = account;
		this.diff = diff;
		this.guard = guard;
		this.dryRun = dryRun;
		this.today = today;
		this.users = users;
		this.codes = codes;
		this.reactivations = reactivations;
		this.terminations = terminations;
		this.outbox = outbox;
		this.columns = columns;
		this.report = report;
		this.reportFiles = reportFiles;
		this.counters = counters;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution step = contribution.getStepExecution();
		Map<String, Long> staged = stageCounts(step);
		long read = staged.getOrDefault(SyncRosterJob.READ, 0L);
		long stagedRows = this.diff.stagedRows();
		if (stagedRows != read) {
			// the staging table is unlogged: a database crash empties it, and a diff of a partial roster would see
			// everyone missing as absent
			throw new IllegalStateException("the staged roster has " + stagedRows + " rows where " + read
					+ " were read (lost in a database restart?); nothing was changed");
		}
		this.diff.lockAccount();
		Map<SyncAction, Long> actions = new EnumMap<>(SyncAction.class);
		actions.putAll(this.diff.classify(this.today, this.columns));
		String keptReason = null;
		long emailRejected = staged.getOrDefault(SyncRosterStageWriter.EMAIL_REJECTED, 0L);
		if (emailRejected > 0 && actions.getOrDefault(SyncAction.ABSENT, 0L) > 0) {
			keptReason = rows(emailRejected, emailRejectedRows(step)) + " rejected for "
					+ ((emailRejected == 1) ? "its" : "their") + " email, so this file cannot show who is absent";
			actions.put(SyncAction.KEPT, (long) this.diff.keepAbsent());
			actions.remove(SyncAction.ABSENT);
		}
		long liveUsers = this.diff.liveUsers();
		long terminations = actions.getOrDefault(SyncAction.TERMINATE, 0L)
				+ actions.getOrDefault(SyncAction.ABSENT, 0L);
		long rejected = staged.getOrDefault(SyncRosterJob.REJECTED, 0L)
				+ actions.getOrDefault(SyncAction.DUPLICATE, 0L)
				+ actions.getOrDefault(SyncAction.FOREIGN, 0L);
		long changedRows = actions.getOrDefault(SyncAction.CREATE, 0L) + actions.getOrDefault(SyncAction.UPDATE, 0L)
				+ actions.getOrDefault(SyncAction.REACTIVATE, 0L) + actions.getOrDefault(SyncAction.TERMINATE, 0L);
		long unchanged = read - rejected - changedRows;
		String refusal = this.guard.refusal(liveUsers, terminations, read - rejected, rejected);

		this.counters.add(SyncRosterJob.CREATED, actions.getOrDefault(SyncAction.CREATE, 0L));
		this.counters.add(SyncRosterJob.UPDATED, actions.getOrDefault(SyncAction.UPDATE, 0L));
		this.counters.add(SyncRosterJob.REACTIVATED, actions.getOrDefault(SyncAction.REACTIVATE, 0L));
		this.counters.add(SyncRosterJob.TERMINATED, terminations);
		this.counters.add(SyncRosterJob.UNCHANGED, unchanged);
		this.counters.add(SyncRosterJob.REJECTED, rejected - staged.getOrDefault(SyncRosterJob.REJECTED, 0L));

		this.diff.describeRejections(keptReason);
		Path report;
		if (refusal != null || this.dryRun) {
			// what each change would change, compared with the users as they are: only a plan shows it
			this.diff.describeChanges();
			report = this.report.plan(this.reportFiles.plan(this.account.slug(), SyncRosterJob.DEFINITION.command(), step.getJobExecutionId()));
		}
		else {
			apply(step.getJobExecutionId());
			report = this.report
				.rejects(this.reportFiles.rejects(this.account.slug(), SyncRosterJob.DEFINITION.command(), step.getJobExecutionId()));
		}
		this.diff.clear();
		var job = step.getJobExecution();
		job.getExecutionContext().putString(JobParameterNames.REPORT, report.toString());
		this.counters.update(step.getExecutionContext());
		if (keptReason != null) {
			long kept = actions.get(SyncAction.KEPT);
			step.getExecutionContext().putString(JobParameterNames.NOTE_PREFIX + "absent-kept", kept
					+ ((kept == 1) ? " user" : " users") + " not in the roster " + ((kept == 1) ? "was" : "were")
					+ " not terminated (whatever the options): " + keptReason + "; fix "
					+ ((emailRejected == 1) ? "that row" : "those rows") + " and sync again");
		}
		else if (changedRows + terminations == 0 && refusal == null) {
			step.getExecutionContext().putString(JobParameterNames.NOTE_PREFIX + "unchanged",
					this.dryRun ? "the account already matches the roster; a real run would change nothing"
							: "the account already matches the roster; nothing changed");
		}
		if (refusal != null) {
			String message = (this.dryRun ? "dry run: the sync would stop: " : "sync-roster stopped: ") + refusal;
			logger.warn(SyncRosterJob.DEFINITION.command() + " " + this.account.slug() + ": " + message);
			GuardStop.stop(job, message);
		}
		return RepeatStatus.FINISHED;
	}

	/** {@code row 13}, {@code rows 6, 7 and 9}, {@code 25 rows (the first: 3, 4...)}. */
	private static String rows(long count, List<String> first) {
		if (count == 1) {
			return "row " + first.get(0) + " was";
		}
		String list = String.join(", ", first.subList(0, first.size() - 1)) + " and " + first.get(first.size() - 1);
		return (count > first.size()) ? count + " rows (the first: " + list + ") were" : "rows " + list + " were";
	}

	private static List<String> emailRejectedRows(StepExecution step) {
		for (StepExecution other : step.getJobExecution().getStepExecutions()) {
			if (other.getStepName().equals(SyncRosterJobConfiguration.STAGE_STEP)) {
				String rows = other.getExecutionContext().getString(SyncRosterStageWriter.EMAIL_REJECTED_ROWS, "");
				return rows.isEmpty() ? List.of() : List.of(rows.split(","));
			}
		}
		return List.of();
	}

	private void apply(Long jobExecutionId) {
		this.diff.userIds(SyncAction.REACTIVATE, (ids) -> {
			List<Long> reactivated = this.reactivations.reactivate(this.account.id(), ids);
			this.outbox.queue(this.account.id(), reactivated, EmailKind.ACTIVATION, jobExecutionId);
		});
		this.diff.updateFields();
		this.diff.creations((rows) -> {
			List<Long> ids = this.users.allocateIds(rows.size());
			List<CodePair> pairs = this.codes.issue(ids);
			List<NewUser> created = new ArrayList<>(rows.size());
			for (int i = 0; i < rows.size(); i++) {
				created.add(new NewUser(ids.get(i), this.account.id(), rows.get(i).email(), UserStatus.ACTIVE,
						rows.get(i).fields(), pairs.get(i)));
			}
			this.users.insert(created);
			this.outbox.queue(this.account.id(), ids, EmailKind.ACTIVATION, jobExecutionId);
		});
		this.diff.scheduleCreated();
		this.diff.userIds(SyncAction.TERMINATE, (ids) -> this.terminations.terminate(this.account.id(), ids,
				SyncRosterJob.DEFINITION.command() + ": termination date passed", jobExecutionId));
		this.diff.userIds(SyncAction.ABSENT, (ids) -> this.terminations.terminate(this.account.id(), ids,
				SyncRosterJob.DEFINITION.command() + ": not in the roster", jobExecutionId));
	}

	/** The stage step's counters: how many rows it read and rejected, and how many for their email. */
	private static Map<String, Long> stageCounts(StepExecution step) {
		Map<String, Long> counts = new HashMap<>();
		for (StepExecution other : step.getJobExecution().getStepExecutions()) {
			if (other.getStepName().equals(SyncRosterJobConfiguration.STAGE_STEP)) {
				for (String name : List.of(SyncRosterJob.READ, SyncRosterJob.REJECTED)) {
					counts.put(name, RowCounters.get(other.getExecutionContext(), name));
				}
				counts.put(SyncRosterStageWriter.EMAIL_REJECTED,
						other.getExecutionContext().getLong(SyncRosterStageWriter.EMAIL_REJECTED, 0L));
			}
		}
		return counts;
	}

}
