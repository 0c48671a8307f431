package dev.roster.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.roster.access.People;
import dev.roster.api.HttpTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of the console's browser tests: the application as {@code roster serve} runs it on a random loopback port,
 * driven by the system's headless Chromium through its chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}; nothing is downloaded). One browser per language for the whole run; each test starts
 * signed out and leaves a screenshot of where it ended under {@code target/console-screenshots/}.
 */
public abstract class ConsoleTest extends HttpTest {

	protected static final String PASSWORD = "correct horse battery staple";

	private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private static final Map<String, WebDriver> BROWSERS = new java.util.concurrent.ConcurrentHashMap<>();

	protected WebDriver browser;

	private String testName;

	@BeforeEach
	void openBrowser(TestInfo test) {
		this.testName = test.getTestClass().map(Class::getSimpleName).orElse("console") + "-"
				+ test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test");
		this.browser = browser("en");
		this.browser.manage().deleteAllCookies();
	}

	@AfterEach
	void screenshot() throws IOException {
		screenshot(this.testName);
	}

	@AfterAll
	static void closeBrowsers() {
		// kept for the run: one Chromium start per language, not per test class
	}

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> BROWSERS.values().forEach(WebDriver::quit)));
	}

	/** The browser of a language ({@code en}, {@code es}): its Accept-Language, as a person's browser sends it. */
	protected static WebDriver browser(String language) {
		return BROWSERS.computeIfAbsent(language, ConsoleTest::start);
	}

	private static WebDriver start(String language) {
		File driver = executable("chromedriver", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
		File chromium = executable("chromium", "/usr/bin/chromium", "/usr/lib/chromium/chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1366,900", "--lang=" + language);
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language, "download.default_directory",
				downloads(language).toAbsolutePath().toString(), "download.prompt_for_download", false));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
			.usingAnyFreePort()
			.build();
		ChromeDriver chrome = new ChromeDriver(service, options);
		chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
		return chrome;
	}

	/** Where a browser of that language saves what it downloads. */
	protected static Path downloads(String language) {
		Path folder = Path.of("target", "console-downloads", language);
		try {
			Files.createDirectories(folder);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return folder;
	}

	private static File executable(String name, String... places) {
		for (String place : places) {
			File file = new File(place);
			if (file.canExecute()) {
				return file;
			}
		}
		throw new IllegalStateException("the console's tests need Debian's chromium and chromium-driver (" + name
				+ " not found in " + List.of(places) + "): apt-get install -y chromium chromium-driver");
	}

	/** A person with a password: an admin of {@code accounts}, or support staff when {@code operator}. */
	protected String person(String email, boolean operator, String... accounts) {
		People.Invitation invitation = this.people.invite(email, email, operator, List.of(accounts));
		this.people.setPassword(invitation.token(), PASSWORD).orElseThrow();
		return email;
	}

	/** Opens a page of the console by its path. */
	protected void open(String path) {
		this.browser.get(uri(path).toString());
	}

	/** Signs in through the sign-in page, as a person types it. */
	protected void signIn(String email) {
		open("/login");
		this.browser.findElement(By.id("username")).sendKeys(email);
		this.browser.findElement(By.id("password")).sendKeys(PASSWORD);
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		waitFor().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
	}

	protected WebDriverWait waitFor() {
		return new WebDriverWait(this.browser, Duration.ofSeconds(30));
	}

	protected WebElement find(String css) {
		return this.browser.findElement(By.cssSelector(css));
	}

	protected List<WebElement> findAll(String css) {
		return this.browser.findElements(By.cssSelector(css));
	}

	protected String text(String css) {
		return find(css).getText();
	}

	protected String path() {
		return java.net.URI.create(this.browser.getCurrentUrl()).getPath();
	}

	protected void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		File shot = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

}
