package dev.roster.terminate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.roster.account.Account;
import dev.roster.intake.ColumnMap;
import dev.roster.intake.HeaderAliases;
import dev.roster.intake.InputRow;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.TabularReader;
import dev.roster.intake.UserRowRules;
import dev.roster.job.GuardStop;
import dev.roster.user.MassTerminationGuard;
import dev.roster.user.UserStates;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The mass-termination guard of terminate, decided before the first chunk changes anything: terminate commits a chunk
 * at a time, so the question "how many would this file terminate?" must be answered from the whole file first. An HR
 * system dropping its full roster into the termination folder is the case this catches.
 * <p>
 * It reads the file once, validating each row as the terminate step will, and counts the account's users, not
 * terminated, that a row terminates now (a blank date, today or earlier). A future date only schedules (the user keeps
 * everything, and a later file with {@code cancel} undoes it), and {@code cancel} terminates no one, so neither counts.
 * When the count is more than the {@link MassTerminationGuard} allows, the job is stopped ({@link GuardStop}): the
 * terminate step runs as a plan and the job ends with exit code 3, until {@code --allow-mass-termination}.
 * <p>
 * Rows are only looked up when the file could exceed the limit at all: a file with no more rows terminating now than
 * the guard allows costs one pass over the file and one count.
 * <p>
 * This step completes before the terminate step starts and is not run again when the job is resumed: a restart after
 * some chunks committed goes on with the decision taken on the account as it was before the first of them.
 */
class TerminateGuardTasklet implements Tasklet {

	private static final Log logger = LogFactory.getLog(TerminateGuardTasklet.class);

	/** Email keys looked up per query. */
	static final int PAGE = 5000;

	private final Account account;

	private final Path file;

	private final IntakeLimits limits;

	private final HeaderAliases aliases;

	private final LocalDate today;

	private final boolean dryRun;

	private final boolean approved;

	private final MassTerminationGuard guard;

	private final UserStates users;

	TerminateGuardTasklet(Account account, Path file, IntakeLimits limits, HeaderAliases aliases, LocalDate today,
			boolean dryRun, boolean approved, MassTerminationGuard guard, UserStates users) {
		this.account = account;
		this.file = file;
		this.limits = limits;
		this.aliases = aliases;
		this.today = today;
		this.dryRun = dryRun;
		this.approved = approved;
		this.guard = guard;
		this.users = users;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		if (this.approved) {
			return RepeatStatus.FINISHED;
		}
		long live = this.users.countLive(this.account.id());
		long allowed = this.guard.allowed(live);
		if (immediateRows() <= allowed) {
			return RepeatStatus.FINISHED;
		}
		// more rows than the limit: count the users they name, each once however often the file names them
		Set<Long> terminated = new HashSet<>();
		List<String> page = new ArrayList<>(PAGE);
		forEachImmediate((emailKey) -> {
			page.add(emailKey);
			if (page.size() == PAGE) {
				terminated.addAll(this.users.liveIds(this.account.id(), page));
				page.clear();
			}
		});
		terminated.addAll(this.users.liveIds(this.account.id(), page));
		String exceeded = this.guard.exceeded(live, terminated.size());
		if (exceeded != null) {
			String message = (this.dryRun ? "dry run: terminate would stop: " : "terminate stopped: ")
					+ "mass-termination guard: " + exceeded + "; nothing was changed. The plan is in the report; to "
					+ "approve, run it again with --allow-mass-termination";
			logger.warn(TerminateJob.DEFINITION.command() + " " + this.account.slug() + ": " + message);
			GuardStop.stop(contribution.getStepExecution().getJobExecution(), message);
		}
		return RepeatStatus.FINISHED;
	}

	private long immediateRows() {
		long[] rows = new long[1];
		forEachImmediate((emailKey) -> rows[0]++);
		return rows[0];
	}

	/** The email key of every valid row of the file that terminates its user now, in file order. */
	private void forEachImmediate(Consumer<String> action) {
		try (TabularReader reader = TabularReader.open(this.file, this.limits)) {
			ColumnMap columns = ColumnMap.resolve(reader.fileName(), reader.header(), this.aliases,
					Set.of(UserRowRules.EMAIL));
			TerminateProcessor rows = new TerminateProcessor(columns, this.limits);
			for (InputRow row = reader.next(); row != null; row = reader.next()) {
				TerminationRow validated = rows.apply(row);
				if (validated.immediate(this.today)) {
					action.accept(validated.emailKey());
				}
			}
		}
	}

}
