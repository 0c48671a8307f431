package dev.roster.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.roster.RosterJobs;
import dev.roster.access.AuditLog;
import dev.roster.access.Caller;
import dev.roster.account.Account;
import dev.roster.api.Uploads.StoredFile;
import dev.roster.inbox.Serve;
import dev.roster.job.JobDefinition;
import dev.roster.job.JobHistory;
import dev.roster.job.JobHistory.Launch;
import dev.roster.job.JobHistory.NewLaunch;
import dev.roster.job.JobOptionException;
import dev.roster.job.JobParameterNames;
import dev.roster.job.JobRequest;
import dev.roster.job.JobRunner;
import dev.roster.job.JobStatus;
import dev.roster.job.LaunchOrigin;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The one way a job is launched over HTTP, whichever door it came through (the API, the console): the launch is
 * recorded with who launched it, its parameters computed from the job's definition, an audit event written, and it is
 * queued in the account's lane of {@code roster serve}. The same content and options again answer with the earlier
 * launch; what a safety guard stopped is approved here, by whom the rule allows.
 */
@Component
public class HttpJobLaunches {

	private static final Log logger = LogFactory.getLog(HttpJobLaunches.class);

	/** Launches whose same content and options again answer with them instead of launching once more. */
	private static final Set<String> STANDING = Set.of(JobHistory.QUEUED, JobHistory.RUNNING,
			JobStatus.COMPLETED.name(), JobStatus.ALREADY_COMPLETED.name(), JobStatus.GUARD_STOPPED.name());

	private final AccountAccess access;

	private final JobHistory history;

	private final JobRunner runner;

	private final Serve serve;

	private final AuditLog audit;

	private final ApplicationContext context;

	HttpJobLaunches(AccountAccess access, JobHistory history, JobRunner runner, Serve serve, AuditLog audit,
			ApplicationContext context) {
		this.access = access;
		this.history = history;
		this.runner = runner;
		this.serve = serve;
		this.audit = audit;
		this.context = context;
	}

	/** The job of that command; 404 when Roster has none. */
	public static JobDefinition definition(String job) {
		return RosterJobs.ALL.stream()
			.filter((definition) -> definition.command().equals(job))
			.findFirst()
			.orElseThrow(() -> ApiProblem.notFound("no job '" + job + "'"));
	}

	/**
	 * The values of a launch, by option name, from the fields a caller gave, checked as the command line checks its
	 * options: 400 naming what is wrong.
	 */
	public static Map<String, String> values(JobDefinition definition, Map<String, String> given, boolean fileGiven) {
		return checked(() -> definition.apiValues(given, fileGiven));
	}

	/** Checks serve's account lanes run, which launches need: 503 otherwise. */
	public void serving() {
		if (!this.serve.isRunning()) {
			throw notServing();
		}
	}

	/** The launch the same content and options already made, which a repeated upload answers with. */
	public Optional<Launch> same(JobDefinition definition, String account, StoredFile file,
			Map<String, String> values) {
		if (file == null || definition.desiredState() || definition.everyTime(values)) {
			return Optional.empty();
		}
		Map<String, String> identity = definition.identifying(values);
		return this.history.sameContent(account, definition.command(), file.sha256())
			.stream()
			.filter((launch) -> !launch.dryRun() && STANDING.contains(launch.status())
					&& definition.identifying(launch.options()).equals(identity))
			.findFirst();
	}

	/** Records a launch by {@code caller} through {@code door} and queues it in the account's lane. */
	public Launch launch(JobDefinition definition, String account, StoredFile file, Map<String, String> values,
			String door, Caller caller, HttpServletRequest request) {
		return queue(definition, account, file, values,
				new NewLaunch(account, definition.command(),
						new LaunchOrigin(door, caller.who(), (file != null) ? file.name() : null),
						(file != null) ? file.path().toString() : null, (file != null) ? file.sha256() : null, values,
						dryRun(values), (file != null) ? file.rows() : null, null, null),
				"job.launch", caller, request);
	}

	/**
	 * Whether {@code caller} may approve what a safety guard stopped in {@code account}: support staff always, an
	 * account's admin when the account lets its admins approve; a token never, unless it is an operator's.
	 */
	public static boolean mayApprove(Caller caller, Account account) {
		return caller.operator() || (caller.person() && account.policy().adminsApproveSyncs());
	}

	/**
	 * Runs again what a safety guard stopped, on the same file, with the job's approval, recorded as approved by
	 * {@code caller} through {@code door}: 403 for whom {@link #mayApprove} refuses, 409 for a launch with nothing to
	 * approve or whose file is gone.
	 */
	public Launch approve(Launch stopped, String door, Caller caller, HttpServletRequest request) {
		if (!caller.operator()) {
			if (!caller.person()) {
				throw ApiProblem.forbidden("a token never approves what a safety guard stopped; a person does");
			}
			Account account = this.access.account(stopped.account());
			if (!mayApprove(caller, account)) {
				throw ApiProblem.forbidden("in account " + account.slug()
						+ ", only the service's support staff approve what a safety guard stopped");
			}
		}
		long id = stopped.id();
		JobDefinition definition = definition(stopped.job());
		if (!JobStatus.GUARD_STOPPED.name().equals(stopped.status()) || definition.approval() == null) {
			throw ApiProblem.conflict("job " + id + " was not stopped by a safety guard (it is " + stopped.status()
					+ "); there is nothing to approve");
		}
		if (stopped.filePath() == null || !Files.isRegularFile(Path.of(stopped.filePath()))) {
			throw ApiProblem.conflict("the file of job " + id + " is no longer kept; launch it again with "
					+ definition.approval());
		}
		serving();
		Map<String, String> values = checked(() -> definition.approvedValues(stopped.options()));
		return queue(definition, stopped.account(), kept(stopped), values,
				new NewLaunch(stopped.account(), stopped.job(), new LaunchOrigin(door, caller.who(), stopped.fileName()),
						stopped.filePath(), stopped.fileSha256(), values, dryRun(values), stopped.totalRows(),
						caller.who(), id),
				"job.approve", caller, request);
	}

	/** The file a launch read, as it was stored for it; it may since have been deleted. */
	public static StoredFile kept(Launch launch) {
		return new StoredFile(Path.of(launch.filePath()), launch.fileName(), launch.fileSha256(), 0,
				launch.totalRows());
	}

	/** Records the launch as queued, then queues it in the account's lane. */
	private Launch queue(JobDefinition definition, String account, StoredFile file, Map<String, String> values,
			NewLaunch launch, String action, Caller caller, HttpServletRequest request) {
		JobRequest jobRequest = (file != null) ? JobRequest.forFile(account, file.path(), file.sha256())
				: JobRequest.forAccount(account);
		JobParameters parameters = definition.request(jobRequest, values).toJobParameters();
		Job job = this.context.getBean(definition.jobName(), Job.class);
		long id = this.history.queue(launch);
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("job", definition.command());
		detail.put("options", values);
		if (file != null) {
			detail.put("file_name", file.name());
			detail.put("file_sha256", file.sha256());
		}
		if (launch.approvalOf() != null) {
			detail.put("approval_of", launch.approvalOf());
		}
		this.audit.record(account, caller.who(), action, "job " + id, ApiSecurityConfiguration.source(request),
				detail);
		boolean queued = this.serve.submit(account, () -> {
			try {
				this.runner.run(id, definition.command(), job, parameters);
			}
			catch (RuntimeException ex) {
				logger.error(launch.origin().door() + ": job " + id + " (" + definition.command() + " of " + account
						+ ") failed: " + ex.getMessage(), ex);
				this.history.failed(id, ex.getMessage());
			}
		});
		if (!queued) {
			this.history.failed(id, "serve was stopping; nothing was run");
			throw notServing();
		}
		return this.history.find(id).orElseThrow();
	}

	/** A launch of an account the caller sees; any other is 404, as one that does not exist. */
	public Launch visible(long id) {
		Launch launch = this.history.find(id).orElseThrow(() -> ApiProblem.notFound("job " + id + " not found"));
		this.access.sees(launch.account(), "job " + id);
		return launch;
	}

	/** The report a launch wrote, as a download; 404 when it wrote none or it is gone. */
	public static ResponseEntity<Resource> report(Launch launch) {
		Path report = (launch.report() != null) ? Path.of(launch.report()) : null;
		if (report == null || !Files.isRegularFile(report)) {
			throw ApiProblem.notFound("job " + launch.id() + " has no report");
		}
		String name = report.getFileName().toString();
		return ResponseEntity.ok()
			.contentType(MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(new FileSystemResource(report));
	}

	/**
	 * A launch's row counters: every counter its job declares (0 until counted), as it ended, or live while it runs
	 * in this process.
	 */
	public Map<String, Long> counts(Launch launch) {
		Map<String, Long> counts = new LinkedHashMap<>();
		RosterJobs.ALL.stream()
			.filter((candidate) -> candidate.command().equals(launch.job()))
			.findFirst()
			.ifPresent((definition) -> definition.counts().forEach((name) -> counts.put(name, 0L)));
		counts.putAll((launch.counts() != null) ? launch.counts()
				: this.runner.liveCounts(launch.id()).orElse(Map.of()));
		return counts;
	}

	/** The job as the API shows it: its counters as top-level numbers, live while it runs. */
	public Map<String, Object> body(Launch launch) {
		Map<String, Long> counts = counts(launch);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", launch.id());
		body.put("job", launch.job());
		body.put("account", launch.account());
		body.put("status", launch.status());
		counts.forEach(body::putIfAbsent);
		Map<String, Object> progress = new LinkedHashMap<>();
		progress.put("read", counts.get("read"));
		progress.put("total", launch.totalRows());
		body.put("progress", progress);
		body.put("report", (launch.report() != null) ? "/api/v1/jobs/" + launch.id() + "/report" : null);
		body.put("launched_by", launch.launchedBy());
		body.put("door", launch.door());
		body.put("created_at", text(launch.createdAt()));
		body.put("started_at", text(launch.startedAt()));
		body.put("ended_at", text(launch.endedAt()));
		body.put("message", launch.message());
		body.put("dry_run", launch.dryRun());
		body.put("file_name", launch.fileName());
		body.put("options", launch.options());
		body.put("execution_id", launch.executionId());
		body.put("approved_by", launch.approvedBy());
		body.put("approval_of", launch.approvalOf());
		return body;
	}

	private static ApiProblem notServing() {
		return ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE,
				"jobs run in roster serve's account lanes, which are not running; try again once serve has started");
	}

	private static Map<String, String> checked(Supplier<Map<String, String>> values) {
		try {
			return values.get();
		}
		catch (JobOptionException ex) {
			throw ApiProblem.badRequest(ex.getMessage());
		}
	}

	private static boolean dryRun(Map<String, String> values) {
		return "true".equals(values.get(JobParameterNames.DRY_RUN));
	}

	private static String text(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
