package dev.roster.console;

import java.util.Map;

import dev.roster.user.UserStatus;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's page: what it shows, editing, the emails it sends, and another account's user, which it never reaches. */
class UserPageEditTests extends UserPageTests {

	@Test
	void editsNamesAndOfficeAndRecordsWhatChanged() {
		// given
		signedInToAcme();
		long bea = user("bea@acme.example");
		open("/accounts/acme/users/" + bea);
		assertThat(text("#fact-email")).isEqualTo("bea@acme.example");
		assertThat(find("#email").getAttribute("readonly")).isNotNull();
		assertThat(text("#email-why")).contains("terminate this user and add a new one");
		assertThat(new Select(find("#office")).getOptions()).extracting((option) -> option.getText())
			.containsExactly("None", "Madrid", "London", "New York");
		// when: a decomposed accent, as some keyboards type it, and another office
		find("#firstName").clear();
		find("#firstName").sendKeys("  Beatrize\u0301  ");
		new Select(find("#office")).selectByVisibleText("London");
		find("#edit button[type=submit]").click();
		waitFor().until((driver) -> !findAll(".notice").isEmpty());
		// then
		assertThat(text(".notice")).isEqualTo("The user's details are saved.");
		Map<String, Object> row = row(bea);
		assertThat(row).containsEntry("first_name", "Beatrizé").containsEntry("last_name", "Ortiz")
			.containsEntry("office_name", "London");
		assertThat(text("#fact-office")).isEqualTo("London");
		String detail = this.jdbc.queryForObject("select detail::text from audit_event where action = 'user.edit'",
				String.class);
		assertThat(detail).contains("\"first_name\": {\"to\": \"Beatrizé\", \"from\": \"Bea\"}")
			.contains("\"office\": {\"to\": \"London\", \"from\": \"Madrid\"}")
			.doesNotContain("last_name");
		// when: saved again as it is
		find("#edit button[type=submit]").click();
		waitFor().until((driver) -> text(".notice").startsWith("Nothing to save"));
		assertThat(audits("user.edit")).isEqualTo(1);
	}

	@Test
	void aGroupNotOfTheAccountPostedByHandIsRefusedNextToTheField() {
		// given: the group select given a value the account does not have, and the first name emptied
		signedInToAcme();
		long bea = user("bea@acme.example");
		open("/accounts/acme/users/" + bea);
		((JavascriptExecutor) this.browser).executeScript("""
				const option = document.createElement('option');
				option.value = 'Springfield'; option.text = 'Springfield'; option.selected = true;
				document.getElementById('group').appendChild(option);""");
		find("#lastName").clear();
		find("#lastName").sendKeys("Ortega");
		// when
		find("#edit button[type=submit]").click();
		waitFor().until((driver) -> !findAll(".field-problem").isEmpty());
		// then: the form again, the message by the group, what was typed kept, nothing changed
		assertThat(text("#group + .field-problem"))
			.isEqualTo("'Springfield' is not one of this account's choices; ask support to add it.");
		assertThat(find("#lastName").getAttribute("value")).isEqualTo("Ortega");
		assertThat(row(bea)).containsEntry("group_name", "Sales").containsEntry("last_name", "Ortiz");
		assertThat(audits("user.edit")).isZero();
		// when: a name left empty (the browser's own check removed)
		((JavascriptExecutor) this.browser).executeScript("document.getElementById('firstName').required = false");
		find("#firstName").clear();
		find("#edit button[type=submit]").click();
		waitFor().until((driver) -> !findAll("#firstName + .field-problem").isEmpty());
		assertThat(text("#firstName + .field-problem")).isEqualTo("Required.");
		assertThat(row(bea)).containsEntry("first_name", "Bea");
	}

	@Test
	void sendsAPasswordResetAndTheFirstEmailThatFitsTheStatus() {
		// given
		signedInToAcme();
		long bea = user("bea@acme.example");
		long eva = user("acme", "eva@acme.example", UserStatus.INVITED);
		// when
		open("/accounts/acme/users/" + bea);
		find("#send-password-reset").click();
		waitFor().until((driver) -> !findAll(".notice").isEmpty());
		// then
		assertThat(text(".notice")).isEqualTo("A password reset link is on its way.");
		assertThat(emails(bea, "password-reset")).isEqualTo(1);
		find("#send-activation").click();
		waitFor().until((driver) -> text(".notice").startsWith("The activation email"));
		assertThat(emails(bea, "activation")).isEqualTo(1);
		// an invited user is sent the welcome email, and no reset link
		open("/accounts/acme/users/" + eva);
		assertThat(findAll("#send-password-reset")).isEmpty();
		find("#send-welcome").click();
		waitFor().until((driver) -> !findAll(".notice").isEmpty());
		assertThat(emails(eva, "welcome")).isEqualTo(1);
		assertThat(post("/accounts/acme/users/" + eva + "/email", "kind=password-reset")).isZero();
		assertThat(emails(eva, "password-reset")).isZero();
		assertThat(audits("user.email")).isEqualTo(3);
	}

	@Test
	void anotherAccountsUserIsNotFoundAndItsFormsChangeNothing() {
		// given: a user of Globex, and Acme's admin
		signedInToAcme();
		long gus = user("globex", "gus@globex.example", UserStatus.ACTIVE);
		long bea = user("bea@acme.example");
		// when: its id under Acme, typed into the address bar
		for (String page : new String[] { "/accounts/acme/users/" + gus, "/accounts/acme/users/" + gus + "/terminate",
				"/accounts/globex/users/" + gus, "/accounts/acme/users/999999" }) {
			open(page);
			// then
			assertThat(this.browser.findElement(By.tagName("h1")).getText()).as(page).isEqualTo("Not found");
			assertThat(this.browser.getPageSource()).as(page).doesNotContain("gus@globex.example");
		}
		// when: forms posted with Acme's session to Globex's user
		open("/accounts/acme/users/" + bea);
		String at = "/accounts/acme/users/" + gus;
		assertThat(post(at + "/edit", "firstName=X&lastName=Y&profileType=Standard")).isEqualTo(404);
		assertThat(post(at + "/terminate", "confirm=gus%40globex.example")).isEqualTo(404);
		assertThat(post(at + "/email", "kind=password-reset")).isEqualTo(404);
		assertThat(post(at + "/delegates", "email=bea%40acme.example")).isEqualTo(404);
		assertThat(post("/accounts/globex/users/" + gus + "/terminate", "confirm=gus%40globex.example"))
			.isEqualTo(404);
		// then
		assertThat(row(gus)).containsEntry("status", "ACTIVE").containsEntry("first_name", "Bea");
		assertThat(count("select count(*) from email_outbox")).isZero();
		assertThat(delegations()).isZero();
		assertThat(count("select count(*) from audit_event where action like 'user.%'")).isZero();
	}

	@Test
	void aTokenIsRefusedAUsersPage() throws Exception {
		createAcme();
		long bea = user("bea@acme.example");
		java.net.http.HttpResponse<String> page = get("/accounts/acme/users/" + bea, token("acme", "import-users"));
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.body()).doesNotContain("bea@acme.example");
	}

	@Test
	void aTerminatedUserIsShownButNotEditable() {
		signedInToAcme();
		long bea = user("bea@acme.example");
		open("/accounts/acme/users/" + bea + "/terminate");
		find("#confirm").sendKeys("bea@acme.example");
		find("#terminate-now").click();
		waitFor().until((driver) -> path().equals("/accounts/acme/users/" + bea));
		assertThat(findAll("#edit")).isEmpty();
		assertThat(findAll("#send-activation")).isEmpty();
		assertThat(post("/accounts/acme/users/" + bea + "/edit", "firstName=Zoe&lastName=Ortiz&profileType=Standard"))
			.isZero();
		assertThat(row(bea)).containsEntry("first_name", "Bea");
	}

	@Test
	void theUsersPageSpeaksSpanish() throws Exception {
		signedInToAcme();
		long bea = user("bea@acme.example");
		this.browser.get(uri("/accounts/acme/users/" + bea + "?lang=es").toString());
		assertThat(text("#edit-title")).isEqualTo("Editar");
		assertThat(text("#fact-status")).isEqualTo("Activo");
		assertThat(text("#email-why")).contains("dé de baja a este usuario");
		find("#terminate").click();
		waitFor().until((driver) -> path().endsWith("/terminate"));
		assertThat(text("h1")).isEqualTo("¿Dar de baja a bea@acme.example?");
		assertThat(text("#removal-codes")).startsWith("Sus 2 códigos");
		screenshot("UserPageEditTests-terminate-es");
		this.browser.get(uri("/accounts/acme/users/" + bea + "?lang=en").toString());
	}

}
