package dev.roster.inbox;

import java.io.File;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.roster.RosterHome;
import dev.roster.account.AccountStore;
import dev.roster.job.JobHistory;
import dev.roster.job.JobRunner;
import dev.roster.job.LaunchOrigin;
import dev.roster.job.JobStarter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.integration.launch.JobLaunchRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.file.filters.AcceptOnceFileListFilter;
import org.springframework.integration.file.filters.ChainFileListFilter;
import org.springframework.integration.file.inbound.FileReadingMessageSource;
import org.springframework.integration.metadata.ConcurrentMetadataStore;

/**
 * {@code roster serve}: watches the drop folders and fires the schedules until stopped. Its flows are registered when
 * it starts, never at application start, so other commands (and tests that do not serve) run none of it.
 * <p>
 * Stopping — SIGTERM, or the context closing — stops taking files and firing schedules, asks running jobs to stop
 * once their current chunk has committed, and waits for them: what they leave is resumed on the next start.
 */
public class Serve implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(Serve.class);

	/** Oldest first; the same instant by name, so arrival order is stable. */
	private static final Comparator<File> ARRIVAL = Comparator.comparingLong(File::lastModified)
		.thenComparing(File::getName);

	private final RosterHome home;

	private final InboxProperties properties;

	private final AccountStore accounts;

	private final ApplicationContext context;

	private final JobRunner runner;

	private final ObjectProvider<JobLaunches> launches;

	private final ConcurrentMetadataStore metadataStore;

	private final IntegrationFlowContext flows;

	private final DataSource dataSource;

	private final InboxMetrics metrics;

	private final JobHistory history;

	private final Clock clock = Clock.systemDefaultZone();

	private volatile Running running;

	Serve(RosterHome home, InboxProperties properties, AccountStore accounts, ApplicationContext context,
			JobRunner runner, ObjectProvider<JobLaunches> launches, ConcurrentMetadataStore metadataStore,
			IntegrationFlowContext flows, DataSource dataSource, InboxMetrics metrics, JobHistory history) {
		this.home = home;
		this.history = history;
		this.properties = properties;
		this.accounts = accounts;
		this.context = context;
		this.runner = runner;
		this.launches = launches;
		this.metadataStore = metadataStore;
		this.flows = flows;
		this.dataSource = dataSource;
		this.metrics = metrics;
		metrics.gauges(() -> (this.running != null) ? this.running.lanes.waiting() : 0,
				() -> (this.running != null) ? this.running.lanes.running() : 0);
	}

	/** Starts with {@code roster.inbox.*} and {@code jobs/serve.yaml}; a settings problem stops the start. */
	@Override
	public void start() {
		start(this.properties);
	}

	synchronized void start(InboxProperties properties) {
		if (this.running != null) {
			return;
		}
		InboxJobs jobs = InboxJobs.ALL;
		ServeSettings settings = ServeSettings.read(properties.settings(), jobs,
				new LinkedHashSet<>(this.accounts.slugs()));
		checkPool(properties.maxParallelJobs());
		Map<String, Job> jobBeans = new LinkedHashMap<>();
		for (InboxJob job : jobs.all()) {
			jobBeans.put(job.jobName(), this.context.getBean(job.jobName(), Job.class));
		}
		JobLaunches launches = this.launches.getObject();
		JobStarter starter = (job, parameters) -> launches.launch(new JobLaunchRequest(job, parameters));
		Path inbox = this.home.folder("inbox");
		WorkFolder work = new WorkFolder(this.home.folder("work"), this.clock);
		AccountLanes lanes = new AccountLanes(properties.maxParallelJobs());
		CompleteFiles complete = new CompleteFiles(properties.settle(), properties.requireDoneMarker(), this.clock);
		AcceptOnceFileListFilter<File> inFlight = new AcceptOnceFileListFilter<>();
		DropFolderScanner scanner = new DropFolderScanner(() -> new LinkedHashSet<>(this.accounts.slugs()),
				jobs.folders());
		// the in-flight filter comes last: a file is held only once it is complete, and released after it was filed
		scanner.setFilter(new ChainFileListFilter<>(List.of(complete, inFlight)));
		DropFiles drops = new DropFiles(this.home.home().toAbsolutePath().normalize(), jobs, settings, jobBeans,
				this.runner, starter, this.metadataStore, lanes, inFlight, work, this.metrics, this.clock);
		ScheduledRuns scheduled = new ScheduledRuns(inbox.toAbsolutePath().normalize(), work, settings, jobBeans,
				this.runner, starter, lanes, complete, properties.requireDoneMarker());
		// what a stopped or killed serve had taken runs before anything new: each account's lane is in order
		work.left(jobs.folders()).forEach(drops::resume);

		FileReadingMessageSource source = new FileReadingMessageSource(ARRIVAL);
		source.setDirectory(inbox.toFile());
		source.setScanner(scanner);
		List<IntegrationFlowRegistration> registrations = new ArrayList<>();
		registrations.add(this.flows
			.registration(IntegrationFlow
				.from(source,
						(adapter) -> adapter.poller(
								Pollers.fixedDelay(properties.pollInterval()).maxMessagesPerPoll(10_000)))
				.handle(File.class, (file, headers) -> {
					drops.take(file);
					return null;
				})
				.get())
			.id("inboxDropFolders")
			.autoStartup(false)
			.register());
		int n = 0;
		for (Schedule schedule : settings.schedules()) {
			registrations.add(this.flows
				.registration(IntegrationFlow
					.fromSupplier(() -> schedule,
							(adapter) -> adapter.poller(
									Pollers.cron(schedule.cron(), TimeZone.getTimeZone(schedule.zone()))))
					.handle(Schedule.class, (fired, headers) -> {
						scheduled.fire(fired);
						return null;
					})
					.get())
				.id("inboxSchedule" + (++n))
				.autoStartup(false)
				.register());
		}
		// the HTTP door's launches live in the lanes only: those a stopped serve had not ended are lost with them
		int abandoned = this.history.abandoned(LaunchOrigin.API,
				"serve stopped before this launch ended; launch it again: the same upload resumes where it stopped");
		if (abandoned > 0) {
			logger.warn("serve: " + abandoned + " launches of the API were left by the last run; marked failed");
		}
		this.running = new Running(properties, lanes, drops, scanner, registrations, new CountDownLatch(1));
		registrations.forEach(IntegrationFlowRegistration::start);
		logger.info("serve: watching " + inbox + " (" + String.join(", ", jobs.folders()) + ") for "
				+ this.accounts.slugs().size() + " accounts; " + ((properties.requireDoneMarker())
						? "files are taken once their .done marker exists" : "files are taken once unchanged for "
								+ properties.settle().toMillis() + " ms")
				+ "; at most " + properties.maxParallelJobs() + " jobs at once; " + settings.schedules().size()
				+ " schedules" + settings.schedules()
					.stream()
					.map((schedule) -> " [" + schedule.id() + ": " + schedule.job().command() + " at '" + schedule.cron()
							+ "' " + schedule.zone() + "]")
					.reduce("", String::concat));
	}

	@Override
	public void stop() {
		Running current;
		synchronized (this) {
			current = this.running;
			if (current == null) {
				return;
			}
			this.running = null;
		}
		logger.info("serve: stopping; no new files are taken, running jobs stop after their current chunk");
		for (IntegrationFlowRegistration registration : current.registrations) {
			try {
				registration.stop();
				this.flows.remove(registration.getId());
			}
			catch (RuntimeException ex) {
				// the context may be closing around us; a stopped flow is all that matters
				logger.debug("serve: removing " + registration.getId() + ": " + ex.getMessage());
			}
		}
		current.drops.stop();
		if (!current.lanes.close(current.properties.stopTimeout())) {
			logger.warn("serve: jobs still running after " + current.properties.stopTimeout().toSeconds()
					+ " s; they are recovered and resumed on the next start");
		}
		logger.info("serve: stopped");
		current.stopped.countDown();
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

	@Override
	public boolean isAutoStartup() {
		return false;
	}

	/**
	 * Queues work of an account in the lane its drop folders and schedules use, so that an account's jobs run one at
	 * a time whichever door they came through. Returns {@code false}, having queued nothing, when serve is not
	 * running or is stopping.
	 */
	public boolean submit(String account, Runnable task) {
		Running current = this.running;
		return current != null && current.lanes.submit(account, task);
	}

	/** Blocks until serve has stopped. */
	public void awaitStop() throws InterruptedException {
		Running current = this.running;
		if (current != null) {
			current.stopped.await();
		}
	}

	/** The state health reports; empty while not serving. */
	Optional<Backlog> backlog() {
		Running current = this.running;
		if (current == null) {
			return Optional.empty();
		}
		return Optional.of(new Backlog(current.lanes.waiting(), current.lanes.running(), current.drops.oldestWaiting(),
				current.scanner.problems(), current.properties.backlogAlert()));
	}

	/**
	 * Each running job holds two connections (the instance lock and its chunk's transaction): a pool too small for
	 * the parallel jobs would leave them waiting for each other.
	 */
	private void checkPool(int maxParallelJobs) {
		try {
			if (maxParallelJobs < 1) {
				throw new ServeSettingsException("roster.inbox.max-parallel-jobs must be at least 1");
			}
			if (this.dataSource.isWrapperFor(HikariDataSource.class)) {
				int pool = this.dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
				int needed = 2 * maxParallelJobs + 2;
				if (pool < needed) {
					throw new ServeSettingsException("roster.inbox.max-parallel-jobs=" + maxParallelJobs
							+ " needs at least " + needed + " database connections; the pool has " + pool
							+ " (spring.datasource.hikari.maximum-pool-size)");
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What waits and what runs. */
	record Backlog(int waiting, int running, Instant oldestWaiting, Map<String, String> problems, Duration alertAfter) {
	}

	private record Running(InboxProperties properties, AccountLanes lanes, DropFiles drops, DropFolderScanner scanner,
			List<IntegrationFlowRegistration> registrations, CountDownLatch stopped) {
	}

}
