package dev.roster.console;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.roster.RosterJobs;
import dev.roster.account.Account;
import dev.roster.api.HttpJobLaunches;
import dev.roster.job.JobDefinition;
import dev.roster.job.JobHistory;
import dev.roster.job.JobHistory.Launch;
import dev.roster.job.JobStatus;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * An account's jobs from every door (the console, the API, its drop folders and schedules, the command line), newest
 * first, a page at a time, filtered by job and status; above them, the users its runs created and terminated per day
 * over the last 30 days.
 */
@Controller
@RequestMapping("/accounts/{account}/jobs")
class JobsHistoryPage {

	static final int PAGE = 25;

	static final int DAYS = 30;

	private final JobHistory history;

	private final HttpJobLaunches launches;

	private final JobMessages messages;

	JobsHistoryPage(JobHistory history, HttpJobLaunches launches, JobMessages messages) {
		this.history = history;
		this.launches = launches;
		this.messages = messages;
	}

	@GetMapping
	String list(@ModelAttribute("currentAccount") Account account, @RequestParam(required = false) String job,
			@RequestParam(required = false) String status, @RequestParam(required = false) Long before, Model model) {
		String jobFilter = blank(job) ? null : job;
		String statusFilter = blank(status) ? null : status.toUpperCase(Locale.ROOT);
		List<Launch> page = this.history.list(account.slug(), statusFilter, jobFilter, null, before, PAGE + 1);
		model.addAttribute("rows", page.stream().limit(PAGE).map(this::row).toList());
		model.addAttribute("next", (page.size() > PAGE) ? page.get(PAGE - 1).id() : null);
		model.addAttribute("paged", before != null);
		model.addAttribute("job", jobFilter);
		model.addAttribute("status", statusFilter);
		model.addAttribute("jobFilters", RosterJobs.ALL.stream()
			.map(JobDefinition::command)
			.map((command) -> new Filter(command, this.messages.job(command)))
			.toList());
		List<String> statuses = new ArrayList<>(List.of(JobHistory.QUEUED, JobHistory.RUNNING));
		for (JobStatus ended : JobStatus.values()) {
			statuses.add(ended.name());
		}
		model.addAttribute("statusFilters",
				statuses.stream().map((name) -> new Filter(name, this.messages.status(name))).toList());
		ZoneId zone = ZoneId.systemDefault();
		LocalDate today = LocalDate.now(zone);
		model.addAttribute("chart",
				JobsChart.of(this.history.rowsPerDay(account.slug(), today.minusDays(DAYS - 1), zone), today, DAYS));
		return "console/jobs";
	}

	private Row row(Launch launch) {
		Map<String, Long> counts = (launch.counts() != null) ? launch.counts() : this.launches.counts(launch);
		String summary = counts.entrySet()
			.stream()
			.filter((count) -> count.getValue() != 0)
			.map((count) -> this.messages.count(count.getKey()) + " " + count.getValue())
			.collect(Collectors.joining(" · "));
		return new Row(launch.id(), JobPage.time(launch.createdAt()), launch.launchedBy(), launch.door(),
				this.messages.door(launch.door()), launch.job(), this.messages.job(launch.job()), launch.fileName(),
				launch.status(), this.messages.status(launch.status()), launch.dryRun(), summary,
				launch.report() != null);
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	/** A launch as a line of the history. */
	record Row(long id, String created, String launchedBy, String door, String doorLabel, String job, String jobLabel,
			String fileName, String status, String statusLabel, boolean dryRun, String counts, boolean report) {
	}

	/** A choice of a filter: its value and what it says. */
	record Filter(String value, String label) {
	}

}
