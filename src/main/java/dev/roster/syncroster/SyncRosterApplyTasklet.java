package dev.roster.syncroster;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.roster.account.Account;
import dev.roster.job.JobParameterNames;
import dev.roster.job.JobRunner;
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

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Diffs the staged roster against the users table and applies it, in one transaction: a sync is applied entirely or
 * not at all, so a failure or a kill midway leaves the account as it was, and the same command stages and diffs again.
 * <p>
 * Before anything changes, the guard looks at the diff: when it refuses, nothing is applied, the plan is written as
 * the report and the step ends with the exit status {@link JobRunner#GUARD_TRIPPED} (exit code 3). A dry run stops at
 * the same point, writing the plan; it reports a refusal the same way, since that is what the real run would do.
 */
class SyncRosterApplyTasklet implements Tasklet {

	static final String CREATED = "created";

	static final String UPDATED = "updated";

	static final String REACTIVATED = "reactivated";

	static final String TERMINATED = "terminated";

	static final String UNCHANGED = "unchanged";

	static final String REJECTED = "rejected";

	static final String COMMAND = "sync-roster";

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

	private final Path reportFolder;

	private final RowCounters counters;

	SyncRosterApplyTasklet(Account account, SyncRosterDiff diff, SyncRosterGuard guard, boolean dryRun,
			LocalDate today, UserStore users, AccessCodes codes, Reactivations reactivations,
			Terminations terminations, Outbox outbox, Set<String> columns, SyncRosterReport report, Path reportFolder,
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
		this.reportFolder = reportFolder;
		this.counters = counters;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution step = contribution.getStepExecution();
		Map<String, Long> staged = stageCounts(step);
		long read = staged.getOrDefault(SyncRosterStageWriter.READ, 0L);
		long stagedRows = this.diff.stagedRows();
		if (stagedRows != read) {
			// the staging table is unlogged: a database crash empties it, and a diff of a partial roster would see
			// everyone missing as absent
			throw new IllegalStateException("the staged roster has " + stagedRows + " rows where " + read
					+ " were read (lost in a database restart?); nothing was changed");
		}
		Map<String, Long> actions = this.diff.classify(this.today, this.columns);
		long liveUsers = this.diff.liveUsers();
		long terminations = actions.getOrDefault("terminate", 0L) + actions.getOrDefault("absent", 0L);
		long rejected = staged.getOrDefault(SyncRosterStageWriter.REJECTED, 0L) + actions.getOrDefault("duplicate", 0L)
				+ actions.getOrDefault("foreign", 0L);
		long changedRows = actions.getOrDefault("create", 0L) + actions.getOrDefault("update", 0L)
				+ actions.getOrDefault("reactivate", 0L) + actions.getOrDefault("terminate", 0L);
		long unchanged = read - rejected - changedRows;
		String refusal = this.guard.refusal(liveUsers, terminations, read - rejected, rejected);

		this.counters.add(CREATED, actions.getOrDefault("create", 0L));
		this.counters.add(UPDATED, actions.getOrDefault("update", 0L));
		this.counters.add(REACTIVATED, actions.getOrDefault("reactivate", 0L));
		this.counters.add(TERMINATED, terminations);
		this.counters.add(UNCHANGED, unchanged);
		this.counters.add(REJECTED, rejected - staged.getOrDefault(SyncRosterStageWriter.REJECTED, 0L));

		this.diff.describeRejections();
		Path report;
		String name = COMMAND + "-" + step.getJobExecutionId();
		if (refusal != null || this.dryRun) {
			// what each change would change, compared with the users as they are: only a plan shows it
			this.diff.describeChanges();
			report = this.report.plan(this.reportFolder.resolve(name + "-plan.csv"));
		}
		else {
			apply(step.getJobExecutionId());
			report = this.report.rejects(this.reportFolder.resolve(name + "-rejects.csv"));
		}
		this.diff.clear();
		step.getJobExecution().getExecutionContext().putString(JobParameterNames.REPORT, report.toString());
		this.counters.update(step.getExecutionContext());
		if (refusal != null) {
			String message = (this.dryRun ? "dry run: the sync would stop: " : "sync-roster stopped: ") + refusal;
			logger.warn(COMMAND + " " + this.account.slug() + ": " + message);
			contribution.setExitStatus(new ExitStatus(JobRunner.GUARD_TRIPPED, message));
		}
		return RepeatStatus.FINISHED;
	}

	private void apply(Long jobExecutionId) {
		this.diff.userIds("reactivate", (ids) -> {
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
		this.diff.userIds("terminate", (ids) -> this.terminations.terminate(this.account.id(), ids,
				COMMAND + ": termination date passed", jobExecutionId));
		this.diff.userIds("absent", (ids) -> this.terminations.terminate(this.account.id(), ids,
				COMMAND + ": not in the roster", jobExecutionId));
	}

	/** The stage step's counters: how many rows it read and rejected. */
	private static Map<String, Long> stageCounts(StepExecution step) {
		Map<String, Long> counts = new java.util.HashMap<>();
		for (StepExecution other : step.getJobExecution().getStepExecutions()) {
			if (other.getStepName().equals(SyncRosterJobConfiguration.STAGE_STEP)) {
				for (String name : List.of(SyncRosterStageWriter.READ, SyncRosterStageWriter.REJECTED)) {
					counts.put(name, RowCounters.get(other.getExecutionContext(), name));
				}
			}
		}
		return counts;
	}

}
