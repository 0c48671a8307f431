package dev.roster.console;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.function.Function;

import dev.roster.inbox.Serve;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Base of the console's jobs tests: acme and globex, and serve's account lanes running, which launches need; what
 * they do on the bulk jobs form and a job's page.
 */
abstract class JobConsoleTests extends ConsoleTest {

	@Autowired
	Serve serve;

	@BeforeEach
	void serving() {
		createAcme();
		createGlobex();
		this.serve.start();
	}

	@AfterEach
	void stopServing() {
		this.serve.stop();
	}

	/** Waits for a page that may reload itself meanwhile (a job's page does when its job ends). */
	protected void until(Function<WebDriver, Boolean> condition) {
		waitFor().ignoring(StaleElementReferenceException.class).until(condition::apply);
	}

	/** Uploads a fixture with the bulk jobs form as it stands. */
	protected void upload(String fixture) {
		find("#file").sendKeys(fixture(fixture).toAbsolutePath().toString());
		find(".bulk-form button[type=submit]").click();
		until((driver) -> !path().endsWith("/jobs/new") || !findAll(".bulk-form .problem").isEmpty());
	}

	/** Waits for the job whose page is open to end and show its counts. */
	protected void ended() {
		until((driver) -> !findAll(".counts [data-count=read]").isEmpty());
	}

	/** The id of the job whose page is open, or -1 on another page. */
	protected long jobId() {
		String[] parts = path().split("/");
		return parts[parts.length - 1].matches("\\d+") ? Long.parseLong(parts[parts.length - 1]) : -1;
	}

	/** A count the job's page shows. */
	protected long shown(String name) {
		return Long.parseLong(find(".counts [data-count=" + name + "] strong").getText().replace(",", ""));
	}

	/** A request with the browser's session and its CSRF token, as a script in the page would send it. */
	protected HttpResponse<String> session(String method, String path) throws IOException, InterruptedException {
		Cookie session = this.browser.manage().getCookieNamed("JSESSIONID");
		String csrf = find("meta[name=_csrf]").getAttribute("content");
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Cookie", "JSESSIONID=" + session.getValue())
			.header("X-CSRF-TOKEN", csrf);
		request = "POST".equals(method) ? request.POST(BodyPublishers.noBody()) : request.GET();
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
