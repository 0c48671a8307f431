package dev.roster.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.roster.access.Caller;
import dev.roster.account.Account;
import dev.roster.api.ApiProblem;
import dev.roster.api.HttpJobLaunches;
import dev.roster.api.Uploads.StoredFile;
import dev.roster.job.JobDefinition;
import dev.roster.job.JobHistory;
import dev.roster.job.JobHistory.Launch;
import dev.roster.job.JobStatus;
import dev.roster.job.LaunchOrigin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A job's page, all read from its launch record, so a reload shows the same: its live progress while it waits or
 * runs (a fragment the page polls every second), then what it did or would do. A dry run's plan is applied from here
 * (the same stored file and options, for real); a run the mass-termination guard stopped shows whom it would
 * terminate and is approved here by whom the API's rule allows; a report is downloaded here.
 */
@Controller
@RequestMapping("/accounts/{account}/jobs/{id}")
class JobPage {

	/** The lines of each kind a plan shows; the whole is downloaded. */
	static final int SHOWN = 200;

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.systemDefault());

	private final ConsoleAccess access;

	private final JobHistory history;

	private final HttpJobLaunches launches;

	private final BulkJobForm form;

	private final JobMessages messages;

	JobPage(ConsoleAccess access, JobHistory history, HttpJobLaunches launches, BulkJobForm form,
			JobMessages messages) {
		this.access = access;
		this.history = history;
		this.launches = launches;
		this.form = form;
		this.messages = messages;
	}

	@GetMapping
	String page(@ModelAttribute("currentAccount") Account account, @PathVariable long id, Model model) {
		Launch launch = launch(account, id);
		List<Count> counts = counts(launch);
		model.addAttribute("job", view(launch));
		model.addAttribute("counts", counts);
		if (!launch.ended()) {
			model.addAttribute("progress", progress(launch, counts));
			return "console/job";
		}
		Path report = report(launch);
		JobPlan plan = (report != null) ? JobPlan.read(report, SHOWN, this.messages) : null;
		model.addAttribute("plan", plan);
		model.addAttribute("hasReport", report != null);
		model.addAttribute("canApply", launch.dryRun() && planned(launch) && kept(launch));
		if (JobStatus.GUARD_STOPPED.name().equals(launch.status()) && !launch.dryRun()) {
			boolean may = HttpJobLaunches.mayApprove(this.access.person(), account);
			model.addAttribute("canApprove", may && kept(launch));
			model.addAttribute("approveRefusal", may ? null : this.messages.text("jobs.approve.refused", account.slug()));
		}
		if (JobStatus.REJECTED.name().equals(launch.status()) && launch.dryRun()
				&& BulkJobForm.jobs().stream().anyMatch((job) -> job.command().equals(launch.job()))) {
			JobDefinition definition = this.form.job(launch.job());
			this.form.fill(model, definition, BulkJobForm.given(definition, launch.options()), message(launch));
		}
		return "console/job";
	}

	/** The live part of the page; once the job has ended, the page reloads itself to show what it did. */
	@GetMapping("/progress")
	String progress(@ModelAttribute("currentAccount") Account account, @PathVariable long id, Model model,
			HttpServletResponse response) {
		Launch launch = launch(account, id);
		if (launch.ended()) {
			response.setHeader("HX-Refresh", "true");
		}
		List<Count> counts = counts(launch);
		model.addAttribute("job", view(launch));
		model.addAttribute("counts", counts);
		model.addAttribute("progress", progress(launch, counts));
		return "console/job :: progress";
	}

	@GetMapping("/report")
	ResponseEntity<Resource> report(@ModelAttribute("currentAccount") Account account, @PathVariable long id) {
		Launch launch = launch(account, id);
		if (report(launch) == null) {
			throw ApiProblem.notFound(this.messages.text("jobs.report.none", id));
		}
		return HttpJobLaunches.report(launch);
	}

	/** Runs a dry run's plan for real: the same stored file, the same options. */
	@PostMapping("/apply")
	String apply(@ModelAttribute("currentAccount") Account account, @PathVariable long id, HttpServletRequest request,
			RedirectAttributes redirect) {
		Caller caller = this.access.person();
		Launch dry = launch(account, id);
		if (!dry.dryRun() || !planned(dry)) {
			throw ApiProblem.conflict(this.messages.text("jobs.apply.notPlan", id));
		}
		if (!kept(dry)) {
			throw ApiProblem.conflict(this.messages.text("jobs.apply.fileGone", id));
		}
		JobDefinition definition = this.form.job(dry.job());
		Map<String, String> values = HttpJobLaunches.values(definition, BulkJobForm.given(definition, dry.options()),
				true);
		StoredFile file = HttpJobLaunches.kept(dry);
		// the same file applied before with the same options is done: its job answers, as the API's does
		Optional<Launch> same = this.launches.same(definition, account.slug(), file, values);
		if (same.isPresent()) {
			redirect.addFlashAttribute("notice", this.messages.text("jobs.apply.same", same.get().id()));
			return "redirect:/accounts/" + account.slug() + "/jobs/" + same.get().id();
		}
		serving(this.launches, this.messages);
		Launch applied = this.launches.launch(definition, account.slug(), file, values, LaunchOrigin.CONSOLE, caller,
				request);
		redirect.addFlashAttribute("notice", this.messages.text("jobs.apply.launched", applied.id()));
		return "redirect:/accounts/" + account.slug() + "/jobs/" + applied.id();
	}

	/** Approves what the mass-termination guard stopped, by the API's rule (operators; admins where allowed). */
	@PostMapping("/approve")
	String approve(@ModelAttribute("currentAccount") Account account, @PathVariable long id, HttpServletRequest request,
			RedirectAttributes redirect) {
		Caller caller = this.access.person();
		Launch stopped = launch(account, id);
		if (!HttpJobLaunches.mayApprove(caller, account)) {
			throw ApiProblem.forbidden(this.messages.text("jobs.approve.refused", account.slug()));
		}
		if (!JobStatus.GUARD_STOPPED.name().equals(stopped.status())) {
			throw ApiProblem.conflict(this.messages.text("jobs.approve.nothing", id));
		}
		serving(this.launches, this.messages);
		Launch approved = this.launches.approve(stopped, LaunchOrigin.CONSOLE, caller, request);
		redirect.addFlashAttribute("notice", this.messages.text("jobs.approve.launched", approved.id()));
		return "redirect:/accounts/" + account.slug() + "/jobs/" + approved.id();
	}

	/** Checks serve's lanes run, saying so in the person's language (503). */
	static void serving(HttpJobLaunches launches, JobMessages messages) {
		try {
			launches.serving();
		}
		catch (ApiProblem ex) {
			throw ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, messages.text("jobs.form.notServing"));
		}
	}

	/** A launch of this account; another account's, or one of every account, is 404, as one that does not exist. */
	private Launch launch(Account account, long id) {
		return this.history.find(id)
			.filter((launch) -> account.slug().equals(launch.account()))
			.orElseThrow(() -> ApiProblem.notFound(this.messages.text("jobs.job.notFound", id)));
	}

	private JobView view(Launch launch) {
		return new JobView(launch.id(), launch.job(), this.messages.job(launch.job()), launch.status(),
				this.messages.status(launch.status()), this.messages.door(launch.door()), launch.launchedBy(),
				launch.fileName(), time(launch.createdAt()), time(launch.startedAt()), time(launch.endedAt()),
				launch.dryRun(), launch.ended(), message(launch), launch.approvalOf(), launch.approvedBy());
	}

	private List<Count> counts(Launch launch) {
		return this.launches.counts(launch)
			.entrySet()
			.stream()
			.map((count) -> new Count(count.getKey(), this.messages.count(count.getKey()), count.getValue()))
			.toList();
	}

	/** Rows read of the total, the rate since the job started and the time left at that rate. */
	private static Progress progress(Launch launch, List<Count> counts) {
		long read = counts.stream().filter((count) -> count.name().equals("read")).mapToLong(Count::value).sum();
		Long total = launch.totalRows();
		Integer percent = (total != null && total > 0) ? (int) Math.min(100, read * 100 / total) : null;
		Long rate = null;
		String left = null;
		if (launch.startedAt() != null && read > 0) {
			double seconds = Math.max(0.001, Duration.between(launch.startedAt(), Instant.now()).toMillis() / 1000.0);
			rate = Math.round(read / seconds);
			if (total != null && total >= read && rate > 0) {
				long remaining = (long) Math.ceil((total - read) / (read / seconds));
				left = String.format("%d:%02d", remaining / 60, remaining % 60);
			}
		}
		return new Progress(read, total, percent, rate, left, JobHistory.QUEUED.equals(launch.status()));
	}

	/** What Roster said of the launch, in the person's language where known, naming the file as it was uploaded. */
	private String message(Launch launch) {
		String message = launch.message();
		if (message != null && launch.filePath() != null && launch.fileName() != null) {
			message = message.replace(Path.of(launch.filePath()).getFileName().toString(), launch.fileName());
		}
		return this.messages.roster(message);
	}

	/**
	 * Whether a dry run ended with a plan to apply: completed, or stopped by the mass-termination guard, which then
	 * stops the real run too, before it changes anything, for whom may approve it.
	 */
	private static boolean planned(Launch launch) {
		return JobStatus.COMPLETED.name().equals(launch.status())
				|| JobStatus.GUARD_STOPPED.name().equals(launch.status());
	}

	private static Path report(Launch launch) {
		return (launch.report() != null && Files.isRegularFile(Path.of(launch.report()))) ? Path.of(launch.report())
				: null;
	}

	private static boolean kept(Launch launch) {
		return launch.filePath() != null && Files.isRegularFile(Path.of(launch.filePath()));
	}

	static String time(Instant instant) {
		return (instant != null) ? TIME.format(instant) : null;
	}

	/** A launch as its page shows it; labels in the person's language. */
	record JobView(long id, String command, String jobLabel, String status, String statusLabel, String door,
			String launchedBy, String fileName, String created, String started, String ended, boolean dryRun,
			boolean over, String message, Long approvalOf, String approvedBy) {
	}

	record Count(String name, String label, long value) {
	}

	/**
	 * @param percent of the total, or {@code null} when the total is unknown (a workbook's rows are counted as read)
	 * @param rate rows a second since it started, or {@code null} before any
	 * @param left the time left at that rate ({@code m:ss}), or {@code null} when unknown
	 */
	record Progress(long read, Long total, Integer percent, Long rate, String left, boolean queued) {
	}

}
