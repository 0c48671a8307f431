package dev.roster.api;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.roster.access.Caller;
import dev.roster.api.Uploads.StoredFile;
import dev.roster.api.Uploads.Upload;
import dev.roster.job.JobDefinition;
import dev.roster.job.JobHistory;
import dev.roster.job.JobHistory.Launch;
import dev.roster.job.JobOption;
import dev.roster.job.LaunchOrigin;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.Resource;
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
 * of {@code roster serve}, one at a time with its drop folders and schedules, through {@link HttpJobLaunches}, which
 * the console launches through too.
 */
@RestController
@RequestMapping("/api/v1")
class JobsController {

	private static final int DEFAULT_LIMIT = 50;

	private static final int MAX_LIMIT = 200;

	private final AccountAccess access;

	private final Uploads uploads;

	private final JobHistory history;

	private final HttpJobLaunches launches;

	JobsController(AccountAccess access, Uploads uploads, JobHistory history, HttpJobLaunches launches) {
		this.access = access;
		this.uploads = uploads;
		this.history = history;
		this.launches = launches;
	}

	@PostMapping("/accounts/{account}/jobs/{job}")
	ResponseEntity<Map<String, Object>> launch(@PathVariable String account, @PathVariable String job,
			HttpServletRequest request) throws IOException {
		this.access.account(account);
		JobDefinition definition = launchable(job);
		this.access.mayLaunch(job);
		this.launches.serving();
		Upload upload = this.uploads.read(request, account);
		StoredFile file = upload.file();
		try {
			Map<String, String> values = HttpJobLaunches.values(definition, upload.fields(), file != null);
			Caller caller = Callers.current();
			if (!caller.person() && !caller.operator() && definition.loosensGuard(values)) {
				throw ApiProblem.forbidden("a token may not set the safety guard's limit; a person approves what the "
						+ "guard stops (POST /api/v1/jobs/{id}/approve)");
			}
			Optional<Launch> same = this.launches.same(definition, account, file, values);
			if (same.isPresent()) {
				Uploads.discard(file);
				return ResponseEntity.ok().location(location(same.get().id())).body(this.launches.body(same.get()));
			}
			Launch queued = this.launches.launch(definition, account, file, values, LaunchOrigin.API, caller, request);
			return ResponseEntity.accepted().location(location(queued.id())).body(this.launches.body(queued));
		}
		catch (RuntimeException ex) {
			Uploads.discard(file);
			throw ex;
		}
	}

	@GetMapping("/jobs/{id}")
	Map<String, Object> get(@PathVariable long id) {
		return this.launches.body(this.launches.visible(id));
	}

	@GetMapping("/jobs/{id}/report")
	ResponseEntity<Resource> report(@PathVariable long id) {
		return HttpJobLaunches.report(this.launches.visible(id));
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
		body.put("jobs", page.stream().limit(size).map(this.launches::body).toList());
		body.put("next", (page.size() > size) ? Long.toString(page.get(size - 1).id()) : null);
		return body;
	}

	/** Runs again what a safety guard stopped, on the same file, with the job's approval ({@link HttpJobLaunches#approve}). */
	@PostMapping("/jobs/{id}/approve")
	ResponseEntity<Map<String, Object>> approve(@PathVariable long id, HttpServletRequest request) {
		Launch approved = this.launches.approve(this.launches.visible(id), LaunchOrigin.API, Callers.current(),
				request);
		return ResponseEntity.accepted().location(location(approved.id())).body(this.launches.body(approved));
	}

	/** A job the API launches; an export is the users API's. */
	private static JobDefinition launchable(String job) {
		JobDefinition definition = HttpJobLaunches.definition(job);
		if (definition.options().stream().anyMatch((option) -> option.type() == JobOption.Type.OUTPUT)) {
			throw ApiProblem.notFound(job + " is not launched here: GET /api/v1/accounts/{account}/users/export");
		}
		return definition;
	}

	private static URI location(long id) {
		return URI.create("/api/v1/jobs/" + id);
	}

}
