package dev.roster.console;

import java.util.List;

import dev.roster.MailServer;
import dev.roster.access.People;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages of a person's password in the console's frame, in the browser's language. */
class PasswordPagesConsoleTests extends ConsoleTest {

	@BeforeEach
	void aSpanishBrowser() {
		createAcme();
		this.browser = browser("es");
		this.browser.manage().deleteAllCookies();
	}

	@Test
	void theSetPasswordPageSpeaksSpanishAndSetsThePassword() {
		// given
		People.Invitation invitation = this.people.invite("lucia@acme.example", "Lucía", false, List.of("acme"));
		// when
		open("/set-password?token=" + invitation.token());
		// then
		assertThat(text("h1")).isEqualTo("Elija su contraseña");
		assertThat(find("html").getAttribute("lang")).isEqualTo("es");
		assertThat(text("main")).contains("Para lucia@acme.example: al menos " + People.MIN_PASSWORD_LENGTH
				+ " caracteres");
		assertThat(find("label[for=confirmation]").getText()).isEqualTo("La misma contraseña otra vez");
		assertThat(findAll("header .brand")).hasSize(1);
		// when: two passwords that differ
		find("#password").sendKeys(PASSWORD);
		find("#confirmation").sendKeys(PASSWORD + "!");
		submit("main form button[type=submit]");
		// then
		assertThat(text(".problem")).isEqualTo("Las dos contraseñas no coinciden: escriba la misma dos veces.");
		assertThat(this.people.find("lucia@acme.example").orElseThrow().passwordHash()).isNull();
		// when: the same twice
		find("#password").sendKeys(PASSWORD);
		find("#confirmation").sendKeys(PASSWORD);
		submit("main form button[type=submit]");
		// then
		assertThat(path()).isEqualTo("/login");
		assertThat(text(".notice")).isEqualTo("Su contraseña está lista: inicie sesión con ella.");
		// and the link, used, no longer works
		open("/set-password?token=" + invitation.token());
		assertThat(text("h1")).isEqualTo("Este enlace ya no funciona");
		assertThat(find("main a[href$='/forgot-password']").getText()).isEqualTo("Pida un enlace nuevo");
	}

	@Test
	void askingForANewLinkSpeaksSpanishAndEmailsItInSpanish() {
		this.people.invite("lucia@acme.example", "Lucía", false, List.of("acme"));
		MailServer.reset();
		open("/login");
		find("main a[href$='/forgot-password']").click();
		waitFor().until((driver) -> path().equals("/forgot-password"));
		assertThat(text("h1")).isEqualTo("¿Olvidó su contraseña?");
		find("#email").sendKeys("lucia@acme.example");
		submit("main form button[type=submit]");
		assertThat(text("h1")).isEqualTo("Revise su correo");
		assertThat(text("main")).contains("Funciona una vez, durante " + People.LINK_HOURS + " horas");
		assertThat(MailServer.received()).singleElement()
			.satisfies((email) -> assertThat(email.to()).isEqualTo("lucia@acme.example"))
			.satisfies((email) -> assertThat(email.text()).contains("olvidaste tu contraseña").contains("/set-password?token="));
	}

	@Test
	void switchingLanguageKeepsTheLinksForm() {
		// given: an English browser
		People.Invitation invitation = this.people.invite("lucia@acme.example", "Lucía", false, List.of("acme"));
		this.browser = browser("en");
		this.browser.manage().deleteAllCookies();
		open("/set-password?token=" + invitation.token());
		assertThat(text("h1")).isEqualTo("Choose your password");
		// when
		find(".lang a[lang=es]").click();
		waitFor().until((driver) -> text("h1").equals("Elija su contraseña"));
		// then: the same link's form, which still sets the password
		assertThat(text("main")).contains("lucia@acme.example");
		find("#password").sendKeys(PASSWORD);
		find("#confirmation").sendKeys(PASSWORD);
		submit("main form button[type=submit]");
		assertThat(path()).isEqualTo("/login");
		assertThat(this.people.find("lucia@acme.example").orElseThrow().passwordHash()).isNotNull();
		open("/set-password");
		assertThat(text("h1")).isEqualTo("Este enlace ya no funciona");
	}

	private void submit(String css) {
		WebElement page = find("html");
		find(css).click();
		waitFor().until(ExpectedConditions.stalenessOf(page));
	}

}
