package dev.roster.api;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.roster.RosterJobs;
import dev.roster.access.AuditLog;
import dev.roster.access.Caller;
import dev.roster.account.Account;
import dev.roster.api.Uploads.StoredFile;
import dev.roster.api.Uploads.Upload;
import dev.roster.inbox.Serve;
import dev.roster.job.JobDefinition;
import dev.roster.job.JobHistory;
import dev.roster.job.JobHistory.Launch;
import dev.roster.job.JobHistory.NewLaunch;
import dev.roster.job.JobOption;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jobs over HTTP: launch one with its file and options (202 and the job's URL), follow it, download its report, list
 * an account's launches from every door, and approve what a safety guard stopped. Launches run in the account's lane
 * of {@code roster serve}, one at a time with its drop folders and schedules.
 */
@RestController
@RequestMapping("/api/v1")
class JobsController {

	private static final Log logger = LogFactory.getLog(JobsController.class);

	/** Launches whose same content and options again answer with them (200) instead of launching once more. */
	private static final Set<String> STANDING = Set.of(JobHistory.QUEUED, JobHistory.RUNNING,
			JobStatus.COMPLETED.name(), JobStatus.ALREADY_COMPLETED.name(), JobStatus.GUARD_STOPPED.name());

	private static final int DEFAULT_LIMIT = 50;

	private static final int MAX_LIMIT = 200;

	private final AccountAccess access;

	private final Uploads uploads;

	private final JobHistory history;

	private final JobRunner runner;

	private final Serve serve;

	private final AuditLog audit;

	private final ApplicationContext context;

	JobsController(AccountAccess access, Uploads uploads, JobHistory history, JobRunner runner, Serve serve,
			AuditLog audit, ApplicationContext context) {
		this.access = access;
		this.uploads = uploads;
		this.history = history;
		this.runner = runner;
		this.serve = serve;
		this.audit = audit;
		this.context = context;
	}

	@PostMapping("/accounts/{account}/jobs/{job}")
	ResponseEntity<Map<String, Object>> launch(@PathVariable String account, @PathVariable String job,
			HttpServletRequest request) throws IOException {
		this.access.account(account);
		JobDefinition definition = launchable(job);
		this.access.mayLaunch(job);
		serving();
		Upload upload = this.uploads.read(request, account);
		StoredFile file = upload.file();
		try {
			Map<String, String> values = checked(() -> definition.apiValues(upload.fields(), file != null));
			Caller caller = Callers.current();
			if (!caller.person() && !caller.operator() && definition.loosensGuard(values)) {
				throw ApiProblem.forbidden("a token may not set the safety guard's limit; a person approves what the "
						+ "guard stops (POST /api/v1/jobs/{id}/approve)");
			}
			Optional<Launch> same = same(definition, account, file, values);
			if (same.isPresent()) {
				Uploads.discard(file);
				return ResponseEntity.ok().location(location(same.get().id())).body(body(same.get()));
			}
			Launch queued = queue(definition, account, file, values,
					new NewLaunch(account, job, new LaunchOrigin(LaunchOrigin.API, caller.who(),
							(file != null) ? file.name() : null), (file != null) ? file.path().toString() : null,
							(file != null) ? file.sha256() : null, values, dryRun(values),
							(file != null) ? file.rows() : null, null, null),
					"job.launch", request);
			return ResponseEntity.accepted().location(location(queued.id())).body(body(queued));
		}
		catch (RuntimeException ex) {
			Uploads.discard(file);
			throw ex;
		}
	}

	@GetMapping("/jobs/{id}")
	Map<String, Object> get(@PathVariable long id) {
		return body(visible(id));
	}

	@GetMapping("/jobs/{id}/report")
	ResponseEntity<Resource> report(@PathVariable long id) {
		Launch launch = visible(id);
		Path report = (launch.report() != null) ? Path.of(launch.report()) : null;
		if (report == null || !Files.isRegularFile(report)) {
			throw ApiProblem.notFound("job " + id + " has no report");
		}
		String name = report.getFileName().toString();
		return ResponseEntity.ok()
			.contentType(MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(new FileSystemResource(report));
	}

	@GetMapping("/accounts/{account}/jobs")
	Map<String, Object> list(@PathVariable String account, @RequestParam(required = false) String status,
			@RequestParam(required = false) String job, @RequestParam(required = false) String door,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		this.access.account(account);
		int size = (limit != null) ? limit : DEFAULT_LIMIT;
		if (size < 1 || size > MAX_LIMIT) {
			throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT);
		}
		Long before;
		try {
			before = (cursor != null) ? Long.valueOf(cursor) : null;
		}
		catch (NumberFormatException ex) {
			throw ApiProblem.badRequest("cursor '" + cursor + "' is not one this API gave");
		}
		List<Launch> page = this.history.list(account,
				(status != null) ? status.toUpperCase(Locale.ROOT) : null, job, door, before, size + 1);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("jobs", page.stream().limit(size).map(this::body).toList());
		body.put("next", (page.size() > size) ? Long.toString(page.get(size - 1).id()) : null);
		return body;
	}

	/**
	 * Runs again what a safety guard stopped, on the same file, with the job's approval: support staff always, an
	 * account's admin when the account lets its admins approve; a token never, unless it is an operator's.
	 */
	@PostMapping("/jobs/{id}/approve")
	ResponseEntity<Map<String, Object>> approve(@PathVariable long id, HttpServletRequest request) {
		Launch stopped = visible(id);
		Caller caller = Callers.current();
		if (!caller.operator()) {
			if (!caller.person()) {
				throw ApiProblem.forbidden("a token never approves what a safety guard stopped; a person does");
			}
			Account account = this.access.account(stopped.account());
			if (!account.policy().adminsApproveSyncs()) {
				throw ApiProblem.forbidden("in account " + account.slug()
						+ ", only the service's support staff approve what a safety guard stopped");
			}
		}
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
		StoredFile file = new StoredFile(Path.of(stopped.filePath()), stopped.fileName(), stopped.fileSha256(), 0,
				stopped.totalRows());
		Launch approved = queue(definition, stopped.account(), file, values,
				new NewLaunch(stopped.account(), stopped.job(),
						new LaunchOrigin(LaunchOrigin.API, caller.who(), stopped.fileName()), stopped.filePath(),
						stopped.fileSha256(), values, dryRun(values), stopped.totalRows(), caller.who(), id),
				"job.approve", request);
		return ResponseEntity.accepted().location(location(approved.id())).body(body(approved));
	}

	/** Records the launch as queued, then queues it in the account's lane. */
	private Launch queue(JobDefinition definition, String account, StoredFile file, Map<String, String> values,
			NewLaunch launch, String action, HttpServletRequest request) {
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
		this.audit.record(account, Callers.current().who(), action, "job " + id,
				ApiSecurityConfiguration.source(request), detail);
		boolean queued = this.serve.submit(account, () -> {
			try {
				this.runner.run(id, definition.command(), job, parameters);
			}
			catch (RuntimeException ex) {
				logger.error("api: job " + id + " (" + definition.command() + " of " + account + ") failed: "
						+ ex.getMessage(), ex);
				this.history.failed(id, ex.getMessage());
			}
		});
		if (!queued) {
			this.history.failed(id, "serve was stopping; nothing was run");
			throw notServing();
		}
		return this.history.find(id).orElseThrow();
	}

	/** The launch the same content and options already made, which a repeated upload answers with. */
	private Optional<Launch> same(JobDefinition definition, String account, StoredFile file,
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

	/** The job as the API shows it: its counters as top-level numbers, live while it runs. */
	private Map<String, Object> body(Launch launch) {
		JobDefinition definition = RosterJobs.ALL.stream()
			.filter((candidate) -> candidate.command().equals(launch.job()))
			.findFirst()
			.orElse(null);
		Map<String, Long> counts = new LinkedHashMap<>();
		if (definition != null) {
			definition.counts().forEach((name) -> counts.put(name, 0L));
		}
		Map<String, Long> known = (launch.counts() != null) ? launch.counts()
				: this.runner.liveCounts(launch.id()).orElse(Map.of());
		counts.putAll(known);
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

	/** A launch of an account the caller sees; any other is 404, as one that does not exist. */
	private Launch visible(long id) {
		Launch launch = this.history.find(id).orElseThrow(() -> ApiProblem.notFound("job " + id + " not found"));
		this.access.sees(launch.account(), "job " + id);
		return launch;
	}

	/** A job the API launches; an export is the users API's. */
	private static JobDefinition launchable(String job) {
		JobDefinition definition = definition(job);
		if (definition.options().stream().anyMatch((option) -> option.type() == JobOption.Type.OUTPUT)) {
			throw ApiProblem.notFound(job + " is not launched here: GET /api/v1/accounts/{account}/users/export");
		}
		return definition;
	}

	private static JobDefinition definition(String job) {
		return RosterJobs.ALL.stream()
			.filter((definition) -> definition.command().equals(job))
			.findFirst()
			.orElseThrow(() -> ApiProblem.notFound("no job '" + job + "'"));
	}

	private void serving() {
		if (!this.serve.isRunning()) {
			throw notServing();
		}
	}

	private static ApiProblem notServing() {
		return ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE,
				"jobs run in roster serve's account lanes, which are not running; try again once serve has started");
	}

	private static Map<String, String> checked(java.util.function.Supplier<Map<String, String>> values) {
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

	private static URI location(long id) {
		return URI.create("/api/v1/jobs/" + id);
	}

	private static String text(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
