package dev.roster.console;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.roster.MailServer;
import dev.roster.account.Account;
import dev.roster.account.AccountDefinition;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/** Support staff's pages: accounts, their reference data, admins and API tokens; nobody else reaches them. */
class OperatorConsoleTests extends ConsoleTest {

	private static final Pattern LINK = Pattern.compile("/set-password\\?token=([A-Za-z0-9_-]+)");

	@Test
	void anOperatorSetsUpAnAccountWhoseInvitedAdminSetsAPasswordAndSeesOnlyIt() {
		// given
		createGlobex();
		person("sam@support.example", true);
		signIn("sam@support.example");
		// when: a new account
		open("/operator/accounts");
		find("#slug").sendKeys("initech");
		find("#name").sendKeys("Initech");
		find("#billingCode").sendKeys("0042");
		submit("form[action$='/operator/accounts'] button[type=submit]");
		waitFor().until((driver) -> path().equals("/operator/accounts/initech"));
		assertThat(text(".notice")).contains("Account initech created");
		// its reference data
		addReference("group", "Research");
		waitFor().until((driver) -> texts(".groups li").equals(List.of("Research")));
		addReference("office", "Lisbon");
		waitFor().until((driver) -> texts(".offices li").equals(List.of("Lisbon")));
		assertThat(text("main")).contains("not removed");
		// and its admin
		find("#admin-email").sendKeys("nina@initech.example");
		find("#admin-name").sendKeys("Nina");
		submit(".invite button[type=submit]");
		waitFor().until((driver) -> text(".notice").contains("Invitation sent to nina@initech.example"));
		assertThat(text("table.admins tbody")).contains("nina@initech.example").contains("invited (no password yet)");
		// then
		Account initech = this.accounts.get("initech");
		assertThat(initech.name()).isEqualTo("Initech");
		assertThat(initech.defaultBillingCode()).isEqualTo("0042");
		assertThat(initech.group("Research")).isPresent();
		assertThat(initech.office("Lisbon")).isPresent();
		assertThat(audited("initech", "account.create")).isEqualTo(1);
		assertThat(audited("initech", "account.change")).isEqualTo(2);
		assertThat(audited("initech", "admin.invite")).isEqualTo(1);
		List<MailServer.Received> received = MailServer.received();
		assertThat(received).singleElement().extracting(MailServer.Received::to).isEqualTo("nina@initech.example");
		// when: she follows the link, signed out
		find("header form[action$='/logout'] button").click();
		waitFor().until((driver) -> path().equals("/login"));
		open("/set-password?token=" + token(received.get(0).text()));
		assertThat(text("main")).contains("nina@initech.example");
		find("#password").sendKeys(PASSWORD);
		find("#confirmation").sendKeys(PASSWORD);
		submit("main form button[type=submit]");
		waitFor().until((driver) -> path().equals("/login"));
		assertThat(text(".notice")).contains("password is set");
		signIn("nina@initech.example");
		// then: her one account, and no other, nor the operators' pages
		assertThat(path()).isEqualTo("/accounts/initech/users");
		open("/accounts/globex/users");
		assertThat(text("h1")).isEqualTo("Not found");
		open("/operator/accounts/initech");
		assertThat(text("h1")).isEqualTo("Not allowed");
	}

	@Test
	void aTokenIsShownOnceWorksOnTheApiAndRevokingItRefusesIt() throws Exception {
		// given
		createAcme();
		person("sam@support.example", true);
		signIn("sam@support.example");
		open("/operator/accounts/acme");
		// when
		find("#token-name").sendKeys("workday");
		find(".new-token input[value='sync-roster']").click();
		find(".new-token input[value='terminate']").click();
		submit(".new-token button[type=submit]");
		waitFor().until((driver) -> !findAll("#token").isEmpty());
		// then: the token, this once, with the note that it will not be shown again
		String token = find("#token").getAttribute("value");
		assertThat(token).startsWith("rst_");
		assertThat(text("main")).contains("only time the token is shown").contains("terminate, sync-roster");
		assertThat(this.browser.getCurrentUrl()).doesNotContain(token);
		assertThat(count("select count(*) from api_token t where t::text like ?", "%" + token + "%")).isZero();
		assertThat(count("select count(*) from audit_event where detail::text || coalesce(target, '') like ?",
				"%" + token + "%")).isZero();
		assertThat(get("/api/v1/accounts/acme", token).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/accounts/globex", token).statusCode()).isEqualTo(404);
		// the account's page lists it, never its text
		open("/operator/accounts/acme");
		assertThat(text("tr[data-token=workday] .jobs")).isEqualTo("terminate, sync-roster");
		assertThat(this.browser.getPageSource()).doesNotContain(token);
		// when: revoked, after its confirmation
		find("tr[data-token=workday] a.revoke").click();
		waitFor().until((driver) -> path().endsWith("/tokens/workday/revoke"));
		assertThat(text("h1")).isEqualTo("Revoke the token workday?");
		submit("main form button.danger");
		waitFor().until((driver) -> text(".notice").contains("Token workday revoked"));
		// then
		HttpResponse<String> refused = get("/api/v1/accounts/acme", token);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(text("tr[data-token=workday]")).contains("revoked");
		assertThat(audited("acme", "token.create")).isEqualTo(1);
		assertThat(audited("acme", "token.revoke")).isEqualTo(1);
	}

	@Test
	void anAdminGetsTheForbiddenPageAndATokenTheForbiddenAnswer() throws Exception {
		// given
		createAcme();
		person("ana@acme.example", false, "acme");
		signIn("ana@acme.example");
		// when / then
		for (String page : new String[] { "/operator/accounts", "/operator/accounts/acme", "/operator/people",
				"/operator/accounts/acme/tokens/workday/revoke" }) {
			open(page);
			assertThat(text("h1")).as(page).isEqualTo("Not allowed");
			assertThat(text(".problem")).as(page).contains("support staff");
		}
		// a token, even an operator's, is no person
		String operatorToken = operatorToken();
		assertThat(get("/operator/accounts", operatorToken).statusCode()).isEqualTo(403);
		assertThat(get("/operator/accounts/acme", token("acme", "import-users")).statusCode()).isEqualTo(403);
		assertThat(count("select count(*) from api_token")).isEqualTo(2);
	}

	@Test
	void refusalsAreSentencesInTheOperatorsLanguageAndChangeNothing() {
		// given: an operator whose browser speaks Spanish
		createAcme();
		createGlobex();
		this.accounts.define(new AccountDefinition("globex", null, null, null, null, null, null,
				List.of("globex.example")));
		person("sam@support.example", true);
		this.browser = browser("es");
		this.browser.manage().deleteAllCookies();
		signIn("sam@support.example");
		open("/operator/accounts");
		assertThat(text("h1")).isEqualTo("Cuentas");
		assertThat(texts("table.accounts tbody tr td:first-child")).containsExactly("acme", "globex");
		assertThat(text("tr[data-slug=globex] .domains")).isEqualTo("globex.example");
		// when: a reserved slug
		find("#slug").sendKeys("admin");
		find("#name").sendKeys("Admin S.A.");
		submit("form[action$='/operator/accounts'] button[type=submit]");
		// then
		waitFor().until((driver) -> !findAll(".problem").isEmpty());
		assertThat(text(".problem")).contains("El nombre «admin» está reservado");
		assertThat(this.accounts.find("admin")).isEmpty();
		// when: a domain another account owns
		open("/operator/accounts/acme");
		find("#domain").sendKeys("mail.globex.example");
		submit("form[action$='/domains'] button");
		waitFor().until((driver) -> !findAll(".problem").isEmpty());
		assertThat(text(".problem")).contains("se solapa con «globex.example»");
		assertThat(this.accounts.get("acme").emailDomains()).isEmpty();
		// and a domain of its own is added, and removed
		find("#domain").sendKeys("acme.example");
		submit("form[action$='/domains'] button");
		waitFor().until((driver) -> texts("ul.domains li span").equals(List.of("acme.example")));
		assertThat(this.accounts.get("acme").emailDomains()).containsExactly("acme.example");
		submit("ul.domains form button");
		waitFor().until((driver) -> findAll("ul.domains li").isEmpty());
		assertThat(this.accounts.get("acme").emailDomains()).isEmpty();
		// and the policy and the default profile type
		find("input[name=jitProvisioning]").click();
		submit("form[action$='/policy'] button");
		assertThat(this.accounts.get("acme").policy().jitProvisioning()).isTrue();
		submit(".profile-types form button");
		waitFor().until((driver) -> text(".profile-types").contains("Premium (por defecto)"));
		assertThat(this.accounts.get("acme").defaultProfileType().name()).isEqualTo("Premium");
		assertThat(audited("acme", "account.policy")).isEqualTo(1);
	}

	@Test
	void anOperatorInvitesSupportStaffInSpanish() {
		// given
		createAcme();
		person("sam@support.example", true);
		signIn("sam@support.example");
		open("/operator/accounts");
		find("a[href$='/operator/people']").click();
		waitFor().until((driver) -> path().equals("/operator/people"));
		assertThat(texts("table.staff td.email")).containsExactly("sam@support.example");
		// when
		find("#staff-email").sendKeys("rosa@support.example");
		new Select(find("#staff-language")).selectByValue("es");
		submit(".invite button[type=submit]");
		// then
		assertThat(text(".notice")).contains("Invitation sent to rosa@support.example");
		assertThat(texts("table.staff td.email")).containsExactly("rosa@support.example", "sam@support.example");
		assertThat(this.people.find("rosa@support.example").orElseThrow().operator()).isTrue();
		assertThat(MailServer.received()).singleElement().satisfies((email) -> {
			assertThat(email.to()).isEqualTo("rosa@support.example");
			assertThat(email.text()).contains("Hola").contains("/set-password?token=");
		});
		assertThat(count("select count(*) from audit_event where account_id is null and action = 'admin.invite' "
				+ "and actor = 'person:sam@support.example'")).isEqualTo(1);
		// and an address that is none is refused, an account that does not exist is not found
		// past the browser's own check, as a script could post it
		((JavascriptExecutor) this.browser).executeScript("document.getElementById('staff-email').type = 'text'");
		find("#staff-email").sendKeys("rosa");
		submit(".invite button[type=submit]");
		assertThat(text(".problem")).isEqualTo("“rosa” is not an email address.");
		open("/operator/accounts/nosuch");
		assertThat(text("h1")).isEqualTo("Not found");
	}

	/** Clicks a form's button and waits for the page it answers with. */
	private void submit(String css) {
		WebElement page = find("html");
		find(css).click();
		waitFor().until(ExpectedConditions.stalenessOf(page));
	}

	private void addReference(String kind, String name) {
		new Select(find("#kind")).selectByValue(kind);
		find("#reference-name").sendKeys(name);
		submit(".add-reference button[type=submit]");
	}

	private List<String> texts(String css) {
		return this.browser.findElements(By.cssSelector(css)).stream().map((element) -> element.getText()).toList();
	}

	private long audited(String account, String action) {
		return count("select count(*) from audit_event e join account a on a.id = e.account_id "
				+ "where a.slug = ? and e.action = ? and e.actor = 'person:sam@support.example'", account, action);
	}

	private static String token(String email) {
		Matcher link = LINK.matcher(email);
		assertThat(link.find()).as("a set-password link in: %s", email).isTrue();
		return link.group(1);
	}

}
