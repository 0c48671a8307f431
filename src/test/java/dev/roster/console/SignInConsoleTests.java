package dev.roster.console;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in and out, the start page, languages, and which accounts a person reaches. */
class SignInConsoleTests extends ConsoleTest {

	@Test
	void anAdminOfOneAccountSignsInToItsUsersAndOut() {
		// given
		createAcme();
		createGlobex();
		person("ana@acme.example", false, "acme");
		// when
		open("/accounts/acme/users");
		// then: signed out, the page asks to sign in first
		assertThat(path()).isEqualTo("/login");
		signIn("ana@acme.example");
		assertThat(path()).isEqualTo("/accounts/acme/users");
		assertThat(text(".me")).isEqualTo("ana@acme.example");
		find("header form[action$='/logout'] button").click();
		waitFor().until((driver) -> path().equals("/login"));
		assertThat(text(".notice")).contains("signed out");
		open("/accounts/acme/users");
		assertThat(path()).isEqualTo("/login");
	}

	@Test
	void aWrongPasswordIsRefusedOnTheSignInPage() {
		createAcme();
		person("ana@acme.example", false, "acme");
		open("/login");
		find("#username").sendKeys("ana@acme.example");
		find("#password").sendKeys("not the password");
		find("form button[type=submit]").click();
		waitFor().until((driver) -> driver.getCurrentUrl().contains("error"));
		assertThat(text(".problem")).contains("Wrong email or password");
	}

	@Test
	void anAdminOfOneAccountCannotReachAnothersPages() {
		// given
		createAcme();
		createGlobex();
		person("ana@acme.example", false, "acme");
		signIn("ana@acme.example");
		// when: the other account's pages, typed into the address bar
		for (String page : new String[] { "/accounts/globex/users", "/accounts/globex/jobs",
				"/accounts/globex/users/new", "/accounts/nosuch/users" }) {
			open(page);
			// then: not found, as an account that does not exist, and nothing of it shown
			assertThat(this.browser.findElement(By.tagName("h1")).getText()).as(page).isEqualTo("Not found");
			assertThat(this.browser.getPageSource()).as(page).doesNotContain("Globex").doesNotContain("Springfield");
		}
		// and the account switch lists only their own
		open("/");
		assertThat(path()).isEqualTo("/accounts/acme/users");
	}

	@Test
	void anOperatorPicksAnAccount() {
		createAcme();
		createGlobex();
		person("sam@support.example", true);
		signIn("sam@support.example");
		assertThat(path()).isEqualTo("/");
		assertThat(findAll(".accounts a")).extracting((link) -> link.getText()).containsExactly("acme", "globex");
		find(".accounts a[href$='/accounts/globex/users']").click();
		waitFor().until((driver) -> path().equals("/accounts/globex/users"));
	}

	@Test
	void theConsoleSpeaksTheBrowsersLanguageAndKeepsTheOnePicked() {
		// given: a browser whose language is Spanish
		createAcme();
		person("ana@acme.example", false, "acme");
		this.browser = browser("es");
		this.browser.manage().deleteAllCookies();
		// when
		open("/login");
		// then
		assertThat(text("h1")).isEqualTo("Iniciar sesión");
		assertThat(find("html").getAttribute("lang")).isEqualTo("es");
		// when: English is picked, it stays for the next pages
		find(".lang a[lang=en]").click();
		waitFor().until((driver) -> text("h1").equals("Sign in"));
		open("/forgot-password");
		open("/login");
		assertThat(text("h1")).isEqualTo("Sign in");
		// a language the console does not speak is English
		open("/login?lang=fr");
		assertThat(text("h1")).isEqualTo("Sign in");
	}

	@Test
	void aTokenIsRefusedEveryConsolePage() throws Exception {
		createAcme();
		String token = token("acme", "import-users");
		HttpResponse<String> page = get("/accounts/acme/users", token);
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.body()).contains("The console is for people");
	}

}
