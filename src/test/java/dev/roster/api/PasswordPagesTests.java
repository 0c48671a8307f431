package dev.roster.api;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.roster.MailServer;
import dev.roster.access.People;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Choosing a password through an emailed link, and asking for a new link, as a browser does. */
class PasswordPagesTests extends HttpTest {

	private static final String PASSWORD = "correct horse battery";

	private Browser browser;

	@BeforeEach
	void anInvitedAdmin() {
		createAcme();
		this.browser = new Browser(this::uri);
	}

	@Test
	void theLinkOpensAFormAndAPasswordChosenThereSignsIn() throws Exception {
		String token = invite("ana@acme.example");
		// when
		HttpResponse<String> form = this.browser.get("/set-password?token=" + token);
		// then
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.body()).contains("ana@acme.example").contains("name=\"password\"")
			.contains("name=\"confirmation\"").contains("name=\"_csrf\"");
		HttpResponse<String> set = setPassword(token, PASSWORD, PASSWORD);
		assertThat(set.statusCode()).isEqualTo(302);
		assertThat(set.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).contains("/login"));
		assertThat(count("select count(*) from audit_event e join account a on a.id = e.account_id "
				+ "where a.slug = 'acme' and e.action = 'password.set' and e.actor = 'person:ana@acme.example'"))
			.isEqualTo(1);
		assertThat(new Browser(this::uri).signIn("ana@acme.example", PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
	}

	@Test
	void aUsedUnknownOrExpiredLinkSaysSoAndHowToGetANewOne() throws Exception {
		String token = invite("ana@acme.example");
		assertThat(setPassword(token, PASSWORD, PASSWORD).statusCode()).isEqualTo(302);
		// used
		HttpResponse<String> used = this.browser.get("/set-password?token=" + token);
		assertThat(used.statusCode()).isEqualTo(400);
		assertThat(used.body()).contains("no longer works").contains("/forgot-password");
		assertThat(setPassword(token, "another long password", "another long password").body())
			.contains("no longer works");
		// unknown
		assertThat(this.browser.get("/set-password?token=nonsense").body()).contains("no longer works");
		assertThat(this.browser.get("/set-password").statusCode()).isEqualTo(400);
		// expired
		String expired = invite("bea@acme.example");
		this.jdbc.update("update person_token set expires_at = now() - interval '1 second'");
		assertThat(this.browser.get("/set-password?token=" + expired).body()).contains("no longer works");
		assertThat(this.people.find("bea@acme.example").orElseThrow().passwordHash()).isNull();
	}

	@Test
	void twoDifferentOrShortPasswordsShowTheFormAgainAndUseNothingUp() throws Exception {
		String token = invite("ana@acme.example");
		HttpResponse<String> differ = setPassword(token, PASSWORD, PASSWORD + "!");
		assertThat(differ.statusCode()).isEqualTo(400);
		assertThat(differ.body()).contains("differ").contains("name=\"password\"");
		HttpResponse<String> tooShort = setPassword(token, "short", "short");
		assertThat(tooShort.statusCode()).isEqualTo(400);
		assertThat(tooShort.body()).contains("at least " + People.MIN_PASSWORD_LENGTH);
		assertThat(this.people.find("ana@acme.example").orElseThrow().passwordHash()).isNull();
		assertThat(setPassword(token, PASSWORD, PASSWORD).statusCode()).isEqualTo(302);
	}

	@Test
	void aPostWithoutTheFormsCsrfTokenIsRefused() throws Exception {
		String token = invite("ana@acme.example");
		this.browser.get("/set-password?token=" + token);
		HttpResponse<String> forged = this.browser.post("/set-password",
				Map.of("token", token, "password", PASSWORD, "confirmation", PASSWORD));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(this.people.find("ana@acme.example").orElseThrow().passwordHash()).isNull();
	}

	@Test
	void forgotPasswordAnswersAlikeAndEmailsOnlyAPerson() throws Exception {
		invite("ana@acme.example");
		MailServer.reset();
		// when
		HttpResponse<String> person = this.browser.submit("/forgot-password", "/forgot-password",
				Map.of("email", "ANA@acme.example"));
		HttpResponse<String> stranger = this.browser.submit("/forgot-password", "/forgot-password",
				Map.of("email", "nobody@acme.example"));
		// then
		assertThat(person.statusCode()).isEqualTo(200);
		assertThat(stranger.statusCode()).isEqualTo(200);
		assertThat(person.body()).isEqualTo(stranger.body()).contains("If the address is a person");
		List<MailServer.Received> received = MailServer.received();
		assertThat(received).singleElement().satisfies((email) -> {
			assertThat(email.to()).isEqualTo("ana@acme.example");
			assertThat(email.text()).contains("forgot your password").contains("/set-password?token=");
		});
		String token = AdminLinks.token(received.get(0).text());
		assertThat(setPassword(token, PASSWORD, PASSWORD).statusCode()).isEqualTo(302);
	}

	private String invite(String email) {
		MailServer.reset();
		assertThat(roster("admin", "invite", "--email", email, "--account", "acme").exitCode()).isZero();
		List<MailServer.Received> received = MailServer.received();
		assertThat(received).hasSize(1);
		return AdminLinks.token(received.get(0).text());
	}

	private HttpResponse<String> setPassword(String token, String password, String confirmation) throws Exception {
		return this.browser.submit("/forgot-password", "/set-password",
				Map.of("token", token, "password", password, "confirmation", confirmation));
	}

}
