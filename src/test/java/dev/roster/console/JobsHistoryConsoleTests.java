package dev.roster.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/** An account's jobs history: launches from every door, newest first, filtered and paged, under its chart. */
class JobsHistoryConsoleTests extends JobConsoleTests {

	@Test
	void theHistoryListsLaunchesFromTheConsoleAndTheCommandLineWithTheirDoorsAndChartsWhatTheyDid() {
		// given: ten users imported and three terminated from the command line, a file checked in the console
		roster("import-users", "--account", "acme", "--no-deliver", "--file",
				fixture("syncroster/staff.csv").toString());
		roster("terminate", "--account", "acme", "--file", fixture("terminate/leavers.csv").toString());
		roster("import-users", "--account", "globex", "--no-deliver", "--file",
				fixture("importusers/invites.csv").toString());
		long terminated = count("select count(*) from app_user where status = 'TERMINATED'");
		assertThat(terminated).isPositive();
		person("ana@acme.example", false, "acme");
		signIn("ana@acme.example");
		open("/accounts/acme/jobs/new");
		upload("console/bulk-invites.csv");
		ended();

		// when
		find("header nav a[href$='/accounts/acme/jobs']").click();
		waitFor().until((driver) -> path().equals("/accounts/acme/jobs"));

		// then: newest first, each with its door, and none of another account's
		assertThat(findAll("table.history tbody tr")).hasSize(3);
		assertThat(findAll("table.history tbody tr")).extracting((row) -> row.getAttribute("data-door"))
			.containsExactly("console", "cli", "cli");
		assertThat(text("table.history tbody tr:first-child .door")).isEqualTo("console");
		assertThat(text("table.history tbody tr:first-child .who")).isEqualTo("person:ana@acme.example");
		assertThat(text("table.history tbody tr:first-child .job")).contains("Import users").contains("dry run");
		assertThat(text("table.history tbody tr:nth-child(2) .door")).isEqualTo("command line");
		assertThat(text("table.history tbody tr:nth-child(2) .job")).isEqualTo("Terminate users");
		assertThat(text("table.history tbody tr:nth-child(3) .counts-summary")).contains("created 10");

		// and the chart draws what the completed runs did, not the dry run, with its table
		assertThat(find("figure.chart svg").getAttribute("role")).isEqualTo("img");
		assertThat(findAll("figure.chart rect.created")).hasSize(1);
		assertThat(findAll("figure.chart rect.terminated")).hasSize(1);
		assertThat(find("figure.chart svg desc").getAttribute("textContent")).contains("10 users created and " + terminated + " terminated");
		assertThat(find(".chart-table tbody tr").getAttribute("textContent")).contains("10").contains(Long.toString(terminated));

		// when: filtered by job and status
		find("#filter-job option[value=terminate]").click();
		find("#filter-status option[value=COMPLETED]").click();
		find("form.filters button").click();
		waitFor().until((driver) -> driver.getCurrentUrl().contains("job=terminate"));

		// then
		assertThat(findAll("table.history tbody tr")).extracting(WebElement::getText)
			.singleElement()
			.satisfies((row) -> assertThat(row).contains("Terminate users").contains("Completed"));
		open("/accounts/acme/jobs?status=REJECTED");
		assertThat(findAll("table.history tbody tr")).isEmpty();
		assertThat(text(".empty")).isEqualTo("No jobs match.");
	}

	@Test
	void theHistoryIsPagedNewestFirst() {
		// given: 27 launches, more than a page
		for (int i = 0; i < 27; i++) {
			roster("deliver-emails", "--account", "acme");
		}
		person("ana@acme.example", false, "acme");
		signIn("ana@acme.example");

		// when
		open("/accounts/acme/jobs");

		// then
		assertThat(findAll("table.history tbody tr")).hasSize(JobsHistoryPage.PAGE);
		assertThat(find("table.history tbody tr").getAttribute("data-id")).isEqualTo("27");
		find(".pager a.next").click();
		waitFor().until((driver) -> driver.getCurrentUrl().contains("before="));
		assertThat(findAll("table.history tbody tr")).extracting((row) -> row.getAttribute("data-id"))
			.containsExactly("2", "1");
		assertThat(findAll(".pager a.next")).isEmpty();
	}

}
