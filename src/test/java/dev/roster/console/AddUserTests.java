package dev.roster.console;

import java.util.Map;

import dev.roster.user.UserStatus;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/** Adding one user by form, created or invited, as one row of import-users would add them. */
class AddUserTests extends UserPageTests {

	@Test
	void createsAnActiveUserWithCodesAndAnActivationEmail() {
		// given
		signedInToAcme();
		open("/accounts/acme/users/new");
		assertThat(find("#from-file").getAttribute("href")).endsWith("/accounts/acme/jobs/new?job=import-users");
		// when
		fill("Hugo@Acme.example", "Hugo", "Sanz");
		new Select(find("#profileType")).selectByVisibleText("Premium");
		new Select(find("#group")).selectByVisibleText("Support");
		find("#billingCode").sendKeys("0077");
		new Select(find("#language")).selectByValue("es");
		find("#mode-create").click();
		find("#add").click();
		waitFor().until((driver) -> path().matches("/accounts/acme/users/\\d+"));
		// then: the new user's page
		assertThat(text(".notice")).startsWith("Hugo@Acme.example is created");
		long hugo = Long.parseLong(path().substring(path().lastIndexOf('/') + 1));
		Map<String, Object> user = this.jdbc.queryForMap("""
				select u.email, u.status, u.host_code, u.guest_code, u.billing_code, u.language, p.name as profile,
					g.name as group_name, u.office_id
				from app_user u join account_profile_type p on p.id = u.profile_type_id
				left join account_group g on g.id = u.group_id where u.id = ?""", hugo);
		assertThat(user).containsEntry("email", "Hugo@Acme.example").containsEntry("status", "ACTIVE")
			.containsEntry("billing_code", "0077").containsEntry("language", "es").containsEntry("profile", "Premium")
			.containsEntry("group_name", "Support").containsEntry("office_id", null);
		assertThat(user.get("host_code")).isNotNull().isNotEqualTo(user.get("guest_code"));
		assertThat(count("select count(*) from access_code where user_id = ?", hugo)).isEqualTo(2);
		assertThat(emails(hugo, "activation")).isEqualTo(1);
		assertThat(audits("user.add")).isEqualTo(1);
		assertThat(text("#fact-status")).isEqualTo("Active");
	}

	@Test
	void invitesAUserWithAWelcomeEmailAndNoCodes() {
		// given
		signedInToAcme();
		open("/accounts/acme/users/new");
		// when
		fill("ines@acme.example", "Inés", "Vidal");
		find("#mode-invite").click();
		find("#add").click();
		waitFor().until((driver) -> path().matches("/accounts/acme/users/\\d+"));
		// then
		long ines = Long.parseLong(path().substring(path().lastIndexOf('/') + 1));
		assertThat(text(".notice")).isEqualTo("ines@acme.example is invited: the welcome email is on its way.");
		assertThat(row(ines)).containsEntry("status", "INVITED").containsEntry("host_code", null);
		assertThat(this.jdbc.queryForObject("select billing_code from app_user where id = ?", String.class, ines))
			.as("the account's default").isEqualTo("00420");
		assertThat(count("select count(*) from access_code where user_id = ?", ines)).isZero();
		assertThat(emails(ines, "welcome")).isEqualTo(1);
		assertThat(emails(ines, "activation")).isZero();
	}

	@Test
	void anEmailTakenHereOrElsewhereIsRefusedWithoutSayingWhere() {
		// given
		signedInToAcme();
		long bea = user("bea@acme.example");
		user("globex", "gus@globex.example", UserStatus.ACTIVE);
		open("/accounts/acme/users/new");
		// when: an email of this account
		add("BEA@acme.example", "Bea", "Ortiz");
		// then
		assertThat(text("#email + .field-problem"))
			.startsWith("A user with this email already exists in this account.");
		assertThat(find("#existing").getAttribute("href")).endsWith("/accounts/acme/users/" + bea);
		// when: an email of Globex
		find("#email").clear();
		add("gus@globex.example", null, null);
		// then: taken, and nothing about who has it
		assertThat(text("#email + .field-problem")).isEqualTo("This email belongs to a user outside this account.");
		assertThat(findAll("#existing")).isEmpty();
		assertThat(this.browser.getPageSource()).doesNotContain("Globex").doesNotContain("/accounts/globex");
		// when: not an address, and a last name left out (the browser's own checks off)
		find("#email").clear();
		find("#lastName").clear();
		add("not an email", null, null);
		assertThat(text("#email + .field-problem")).isEqualTo("Not a valid email address.");
		find("#email").clear();
		add("jon@acme.example", null, null);
		assertThat(text("#lastName + .field-problem")).isEqualTo("Required.");
		// then: nothing was added
		assertThat(count("select count(*) from app_user")).isEqualTo(2);
		assertThat(count("select count(*) from email_outbox")).isZero();
		assertThat(audits("user.add")).isZero();
	}

	@Test
	void theAddPageSpeaksSpanish() {
		signedInToAcme();
		this.browser.get(uri("/accounts/acme/users/new?lang=es").toString());
		assertThat(text("h1")).isEqualTo("Añadir usuarios");
		assertThat(text("#from-file")).isEqualTo("Añadir muchos desde un archivo");
		fill("bea@acme.example", "Bea", "Ortiz");
		find("#add").click();
		waitFor().until((driver) -> path().matches("/accounts/acme/users/\\d+"));
		assertThat(text(".notice")).isEqualTo(
				"bea@acme.example se ha creado: activo, con códigos; el correo de activación está en camino.");
		this.browser.get(uri("/accounts/acme/users/new?lang=en").toString());
	}

	private void fill(String email, String first, String last) {
		find("#email").sendKeys(email);
		find("#firstName").sendKeys(first);
		find("#lastName").sendKeys(last);
	}

	/** Submits the form with the browser's own checks off, so the server's are what answers. */
	private void add(String email, String first, String last) {
		((org.openqa.selenium.JavascriptExecutor) this.browser)
			.executeScript("document.getElementById('add-user').noValidate = true");
		find("#email").sendKeys(email);
		if (first != null) {
			find("#firstName").clear();
			find("#firstName").sendKeys(first);
			find("#lastName").clear();
			find("#lastName").sendKeys(last);
		}
		WebElement button = find("#add");
		button.click();
		waitFor().until(ExpectedConditions.stalenessOf(button));
	}

}
