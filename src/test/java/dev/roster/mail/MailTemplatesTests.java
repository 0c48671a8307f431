package dev.roster.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.roster.mail.MailTemplates.EmailTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MailTemplatesTests {

	@TempDir
	Path operatorFolder;

	@Test
	void activationCarriesTheCodesTheLinkAndTheDialInNumbersInBothParts() {
		EmailTemplate template = templates().compile(EmailKind.ACTIVATION, "en", constants(EmailKind.ACTIVATION, "en"));

		EmailContent email = template.render(values("John"));

		assertThat(template.precompiled()).isTrue();
		assertThat(email.subject()).isEqualTo("Your Conferencing account is ready");
		assertThat(email.text()).startsWith("Hello John,")
			.contains("Your Conferencing account with Acme Corporation is ready")
			.contains("https://portal.example/activate?token=abc")
			.contains("Host code, to start your meetings:       12345678")
			.contains("Guest code, for the people you invite:   87654321")
			.contains("  +1 555 010 0199 (United States)\n  +44 20 7946 0199 (United Kingdom)\n")
			.contains("within 14 days")
			.doesNotContain("<");
		assertThat(email.html()).contains("<html lang=\"en\">")
			.contains("<title>Your Conferencing account is ready</title>")
			.contains("<a href=\"https://portal.example/activate?token=abc\"")
			.contains("<strong>12345678</strong>")
			.contains("<li>+44 20 7946 0199 (United Kingdom)</li>")
			.doesNotContain("th:");
	}

	@Test
	void everyKindHasItsSubjectInEnglishAndSpanish() {
		MailTemplates templates = templates();
		Map<String, String> subjects = new HashMap<>();
		for (EmailKind kind : EmailKind.values()) {
			for (String language : MailTemplates.LANGUAGES) {
				EmailTemplate template = templates.compile(kind, language, constants(kind, language));
				assertThat(template.precompiled()).as(kind + "/" + language).isTrue();
				EmailContent email = template.render(values("María"));
				subjects.put(kind.value() + "/" + language, email.subject());
				assertThat(email.text()).as(kind + "/" + language).contains("María").contains("token=abc");
				assertThat(email.html()).as(kind + "/" + language).contains("María").contains("token=abc");
			}
		}
		assertThat(subjects).containsEntry("activation/es", "Tu cuenta de Conferencing está lista")
			.containsEntry("welcome/en", "Acme Corporation invites you to Conferencing")
			.containsEntry("welcome/es", "Acme Corporation te invita a Conferencing")
			.containsEntry("password-reset/en", "Reset your Conferencing password")
			.containsEntry("password-reset/es", "Restablece tu contraseña de Conferencing");
	}

	@Test
	void markupInANameIsEscapedInHtmlAndKeptAsWrittenInText() {
		EmailTemplate template = templates().compile(EmailKind.WELCOME, "en", constants(EmailKind.WELCOME, "en"));
		Map<String, String> values = values("<b>Tom & \"Jerry\"</b>");
		values.put("accountName", "O'Neil & Sons");

		EmailContent email = template.render(values);

		assertThat(email.html()).contains("Hello <span>&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</span>,")
			.doesNotContain("<b>Tom");
		assertThat(email.text()).startsWith("Hello <b>Tom & \"Jerry\"</b>,");
		assertThat(email.subject()).isEqualTo("O'Neil & Sons invites you to Conferencing");
	}

	@Test
	void anOperatorsTemplateReplacesTheBuiltInOneOfTheSameName() throws IOException {
		write("welcome/es.html", """
				<html xmlns:th="http://www.thymeleaf.org"><head><title th:text="|Bienvenida, ${firstName}|">x</title></head>
				<body><p th:text="${link}">link</p></body></html>""");

		MailTemplates templates = templates();
		EmailContent spanish = templates.compile(EmailKind.WELCOME, "es", constants(EmailKind.WELCOME, "es"))
			.render(values("Ana"));
		EmailContent english = templates.compile(EmailKind.WELCOME, "en", constants(EmailKind.WELCOME, "en"))
			.render(values("Ana"));

		assertThat(spanish.subject()).isEqualTo("Bienvenida, Ana");
		assertThat(spanish.html()).contains("<p>https://portal.example/activate?token=abc</p>");
		// the text part of the same email and the other language stay built in
		assertThat(spanish.text()).startsWith("Hola, Ana:");
		assertThat(english.subject()).isEqualTo("Acme Corporation invites you to Conferencing");
	}

	@Test
	void aTemplateThatWorksOnAValueIsRenderedForEveryEmail() throws IOException {
		write("welcome/en.txt", "Dear [(${#strings.toUpperCase(firstName)})], [(${link})]");

		EmailTemplate template = templates().compile(EmailKind.WELCOME, "en", constants(EmailKind.WELCOME, "en"));

		assertThat(template.precompiled()).isFalse();
		assertThat(template.render(values("Zoë")).text()).isEqualTo("Dear ZOË, https://portal.example/activate?token=abc");
		assertThat(template.render(values("Ann")).text()).isEqualTo("Dear ANN, https://portal.example/activate?token=abc");
	}

	@Test
	void aTemplateWithoutTitleOrThatDoesNotParseIsRefusedNamingIt() throws IOException {
		write("welcome/en.html", "<html><body><p th:text=\"${firstName}\">x</p></body></html>");
		write("activation/es.txt", "Hola [(${firstName)]");

		MailTemplates templates = templates();

		assertThatIllegalStateException()
			.isThrownBy(() -> templates.compile(EmailKind.WELCOME, "en", constants(EmailKind.WELCOME, "en")))
			.withMessageContaining("welcome/en.html")
			.withMessageContaining("<title>");
		assertThatIllegalStateException()
			.isThrownBy(() -> templates.compile(EmailKind.ACTIVATION, "es", constants(EmailKind.ACTIVATION, "es")))
			.withMessageContaining(this.operatorFolder.resolve("activation/es.txt").toString());
	}

	@Test
	void linkValidityIsWrittenInTheEmailsLanguage() {
		assertThat(MailTemplates.validity(Duration.ofDays(14), "en")).isEqualTo("14 days");
		assertThat(MailTemplates.validity(Duration.ofDays(14), "es")).isEqualTo("14 días");
		assertThat(MailTemplates.validity(Duration.ofHours(24), "en")).isEqualTo("24 hours");
		assertThat(MailTemplates.validity(Duration.ofHours(1), "es")).isEqualTo("1 hora");
		assertThat(MailTemplates.validity(Duration.ofMinutes(90), "en")).isEqualTo("90 minutes");
	}

	private MailTemplates templates() {
		return new MailTemplates(this.operatorFolder);
	}

	private void write(String name, String content) throws IOException {
		Path file = this.operatorFolder.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content, StandardCharsets.UTF_8);
	}

	private static Map<String, Object> constants(EmailKind kind, String language) {
		Duration validity = (kind == EmailKind.PASSWORD_RESET) ? Duration.ofHours(24) : Duration.ofDays(14);
		return Map.of("serviceName", "Conferencing", "portalUrl", "https://portal.example", "dialIn",
				List.of("+1 555 010 0199 (United States)", "+44 20 7946 0199 (United Kingdom)"), "language", language,
				"linkValidFor", MailTemplates.validity(validity, language));
	}

	private static Map<String, String> values(String firstName) {
		Map<String, String> values = new HashMap<>();
		values.put("firstName", firstName);
		values.put("lastName", "Smith");
		values.put("email", "someone@acme.example");
		values.put("accountName", "Acme Corporation");
		values.put("hostCode", "12345678");
		values.put("guestCode", "87654321");
		values.put("link", "https://portal.example/activate?token=abc");
		return values;
	}

}
