package dev.roster.console;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.roster.access.Caller;
import dev.roster.account.Account;
import dev.roster.api.ApiProblem;
import dev.roster.api.HttpJobLaunches;
import dev.roster.api.Uploads;
import dev.roster.api.Uploads.StoredFile;
import dev.roster.api.Uploads.Upload;
import dev.roster.job.JobDefinition;
import dev.roster.job.JobHistory.Launch;
import dev.roster.job.JobParameterNames;
import dev.roster.job.LaunchOrigin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Bulk jobs: choose a job that reads a file, upload the file with its options, and see what it would do. The form
 * always launches a dry run first, through the same launch path as the API, from the console's door; its job page
 * shows the plan and applies it.
 */
@Controller
@RequestMapping("/accounts/{account}/jobs/new")
class BulkJobsPage {

	/** The form's field that names the job; every other field is one of the job's options. */
	private static final String JOB = "job";

	/** The CSRF token, which a multipart form carries in its action's query. */
	private static final String CSRF = "_csrf";

	private final ConsoleAccess access;

	private final Uploads uploads;

	private final HttpJobLaunches launches;

	private final BulkJobForm form;

	private final JobMessages messages;

	BulkJobsPage(ConsoleAccess access, Uploads uploads, HttpJobLaunches launches, BulkJobForm form,
			JobMessages messages) {
		this.access = access;
		this.uploads = uploads;
		this.launches = launches;
		this.form = form;
		this.messages = messages;
	}

	@GetMapping
	String form(@ModelAttribute("currentAccount") Account account, @RequestParam(name = JOB, required = false) String job,
			Model model) {
		JobDefinition definition = (job != null) ? this.form.job(job) : BulkJobForm.jobs().get(0);
		this.form.fill(model, definition, Map.of(), null);
		return "console/bulk-jobs";
	}

	/** Stores the file and launches its dry run; a refusal shows the form again, saying why. */
	@PostMapping
	String launch(@ModelAttribute("currentAccount") Account account, HttpServletRequest request,
			HttpServletResponse response, Model model) throws IOException {
		Caller caller = this.access.person();
		Upload upload;
		try {
			upload = this.uploads.read(request, account.slug());
		}
		catch (ApiProblem ex) {
			return refused(model, response, BulkJobForm.jobs().get(0), Map.of(), ex);
		}
		Map<String, String> given = new LinkedHashMap<>(upload.fields());
		given.remove(CSRF);
		String job = given.remove(JOB);
		// a blank field is an option left at its default
		given.values().removeIf(String::isBlank);
		given.remove(JobParameterNames.DRY_RUN);
		StoredFile file = upload.file();
		JobDefinition definition;
		try {
			definition = this.form.job((job != null) ? job : "");
		}
		catch (ApiProblem ex) {
			Uploads.discard(file);
			throw ex;
		}
		try {
			if (file == null && definition.fileGroup() == null) {
				throw ApiProblem.badRequest(this.messages.text("jobs.form.noFile"));
			}
			Map<String, String> dryRun = new LinkedHashMap<>(given);
			dryRun.put(JobParameterNames.DRY_RUN, "true");
			Map<String, String> values = HttpJobLaunches.values(definition, dryRun, file != null);
			JobPage.serving(this.launches, this.messages);
			Launch launched = this.launches.launch(definition, account.slug(), file, values, LaunchOrigin.CONSOLE,
					caller, request);
			return "redirect:/accounts/" + account.slug() + "/jobs/" + launched.id();
		}
		catch (ApiProblem ex) {
			Uploads.discard(file);
			return refused(model, response, definition, given, ex);
		}
	}

	private String refused(Model model, HttpServletResponse response, JobDefinition definition,
			Map<String, String> given, ApiProblem problem) {
		response.setStatus(problem.getStatusCode().value());
		this.form.fill(model, definition, given, this.messages.roster(problem.getBody().getDetail()));
		return "console/bulk-jobs";
	}

}
