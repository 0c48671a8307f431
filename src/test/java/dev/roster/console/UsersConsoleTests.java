package dev.roster.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/** The users page in a browser: tabs and counts, search as you type, pages, emails to the users picked, export. */
class UsersConsoleTests extends ConsoleTest {

	@Test
	void tabsCountEachStatusAndShowItsUsers() {
		// given: six imported, one of them terminated, two invited
		acmeWithUsers();
		person("ana@acme.example", false, "acme");
		signIn("ana@acme.example");
		// when
		open("/accounts/acme/users");
		// then
		assertThat(findAll(".tabs a")).extracting(WebElement::getText)
			.containsExactly("Active 5", "Terminated 1", "Invited 2");
		assertThat(find(".tabs a[aria-current=page]").getText()).isEqualTo("Active 5");
		assertThat(emails()).containsExactly("amelie.dubois@acme.example", "jose.nunez@acme.example",
				"li.wei@acme.example", "maria.garcia@acme.example", "Peter.Mueller@Acme.Example");
		List<String> maria = cells("maria.garcia@acme.example");
		assertThat(maria.subList(1, 4)).containsExactly("maria.garcia@acme.example", "María", "García López");
		assertThat(maria.subList(4, 6)).allMatch((code) -> code.matches("[0-9]{8}")).doesNotHaveDuplicates();
		assertThat(maria.subList(6, 12)).containsExactly("00420", "Premium", "Sales", "Madrid",
				sentOn("maria.garcia@acme.example", "activation_email_sent_at", Locale.ENGLISH), "");
		assertThat(find("#users td.email a").getAttribute("href"))
			.endsWith("/accounts/acme/users/" + id("amelie.dubois@acme.example"));
		// the terminated tab adds the date of the termination; it sends nothing
		find(".tabs a[data-tab=terminated]").click();
		waitFor().until((driver) -> emails().equals(List.of("john.smith@acme.example")));
		assertThat(findAll("#users th")).extracting(WebElement::getText).last().isEqualTo("Terminated");
		assertThat(cells("john.smith@acme.example")).last().asString().isNotBlank();
		assertThat(findAll("#users button[name=kind]")).isEmpty();
		find(".tabs a[data-tab=invited]").click();
		waitFor().until((driver) -> emails().equals(List.of("lucia.fernandez@acme.example", "tom.baker@acme.example")));
		assertThat(text("#users button[name=kind]")).isEqualTo("Send welcome email");
	}

	@Test
	void searchNarrowsTheTableAsThePersonTypesAndAsAPlainForm() {
		acmeWithUsers();
		person("ana@acme.example", false, "acme");
		signIn("ana@acme.example");
		open("/accounts/acme/users");
		// when: typed, without pressing Enter: the table alone is fetched again
		WebElement marker = find("h1");
		find("#users-q").sendKeys("gar");
		// then: the prefix of a last name, accents aside
		waitFor().until((driver) -> emails().equals(List.of("maria.garcia@acme.example")));
		assertThat(marker.isDisplayed()).as("the page was not loaded again").isTrue();
		assertThat(this.browser.getCurrentUrl()).contains("q=gar");
		// an email's prefix, in another case; the counts stay those of the account
		find("#users-q").clear();
		find("#users-q").sendKeys("PETER.m");
		waitFor().until((driver) -> emails().equals(List.of("Peter.Mueller@Acme.Example")));
		assertThat(text(".tabs a[data-tab=active]")).isEqualTo("Active 5");
		// as a plain form, in another tab: the search applies to the tab's users
		open("/accounts/acme/users?tab=invited&q=luc%C3%ADa");
		assertThat(emails()).containsExactly("lucia.fernandez@acme.example");
		open("/accounts/acme/users?tab=invited&q=zz");
		assertThat(emails()).isEmpty();
		assertThat(text("#users .none")).isEqualTo("No email or name starts with \"zz\".");
	}

	@Test
	void pagesWalkEveryUserOnceForwardAndBack() throws IOException {
		// given: 120 active users, a page holding 50
		createAcme();
		List<String> expected = new ArrayList<>();
		StringBuilder csv = new StringBuilder("Email,First Name,Last Name\n");
		for (int i = 120; i >= 1; i--) {
			String email = String.format(Locale.ROOT, "user%03d@acme.example", i);
			csv.append(email).append(",User,Number ").append(i).append('\n');
			expected.add(0, email);
		}
		Path file = Files.createTempFile("users-", ".csv");
		Files.writeString(file, csv, StandardCharsets.UTF_8);
		assertThat(roster("import-users", "--account", "acme", "--no-deliver", "--file", file.toString()).exitCode())
			.isZero();
		person("ana@acme.example", false, "acme");
		signIn("ana@acme.example");
		// when: Next until there is none
		open("/accounts/acme/users");
		assertThat(findAll(".pager a")).extracting(WebElement::getText).containsExactly("Next");
		List<String> walked = new ArrayList<>(emails());
		List<Integer> sizes = new ArrayList<>(List.of(walked.size()));
		while (!findAll(".pager a[rel=next]").isEmpty()) {
			find(".pager a[rel=next]").click();
			waitFor().until((driver) -> !findAll(".pager a[rel=first]").isEmpty());
			walked.addAll(emails());
			sizes.add(emails().size());
		}
		// then: each once, in order
		assertThat(walked).isEqualTo(expected);
		assertThat(sizes).containsExactly(50, 50, 20);
		// and back: Previous gives the pages before, the first one last
		find(".pager a[rel=prev]").click();
		waitFor().until((driver) -> emails().equals(expected.subList(50, 100)));
		find(".pager a[rel=prev]").click();
		waitFor().until((driver) -> emails().equals(expected.subList(0, 50)));
		assertThat(findAll(".pager a[rel=prev]")).isEmpty();
		assertThat(findAll(".pager a[rel=next]")).hasSize(1);
		Files.delete(file);
	}

	@Test
	void twoPickedUsersAreSentAnActivationEmailAndNoOneElse() {
		// given: every imported user's activation email was delivered
		acmeWithUsers();
		person("ana@acme.example", false, "acme");
		signIn("ana@acme.example");
		long before = count("select coalesce(max(id), 0) from email_outbox");
		open("/accounts/acme/users");
		// when
		pick("jose.nunez@acme.example");
		pick("li.wei@acme.example");
		find("#users button[name=kind][value=activation]").click();
		// then
		waitFor().until((driver) -> !findAll(".notice").isEmpty());
		assertThat(text(".notice")).isEqualTo("2 activation emails queued. They will go out with the next delivery.");
		assertThat(this.jdbc.queryForList("""
				select u.email from email_outbox o join app_user u on u.id = o.user_id
				where o.id > ? and o.kind = 'activation' order by u.email""", String.class, before))
			.containsExactly("jose.nunez@acme.example", "li.wei@acme.example");
		assertThat(count("select count(*) from email_outbox where id > ?", before)).isEqualTo(2);
		assertThat(count("select count(*) from audit_event where action = 'users.send-emails' and actor = ?",
				"person:ana@acme.example")).isEqualTo(1);
		assertThat(path()).isEqualTo("/accounts/acme/users");
	}

	@Test
	void selectAllOnThisPageSendsTheInvitedTheirWelcomeAndSaysWhoWasSkipped() {
		// given: the invited users' welcome emails still waiting, but Lucía's
		createAcme();
		roster("import-users", "--account", "acme", "--mode", "invite", "--no-deliver", "--file",
				fixture("console/users-invited.csv").toString());
		this.jdbc.update("""
				update email_outbox set status = 'SENT', sent_at = now()
				where user_id = (select id from app_user where email = 'lucia.fernandez@acme.example')""");
		person("ana@acme.example", false, "acme");
		signIn("ana@acme.example");
		open("/accounts/acme/users?tab=invited");
		// when
		find("#users-all").click();
		assertThat(findAll("#users input[name=id]")).allMatch(WebElement::isSelected);
		find("#users button[name=kind][value=welcome]").click();
		// then: Tom has one waiting already
		waitFor().until((driver) -> !findAll(".notice").isEmpty());
		assertThat(text(".notice"))
			.isEqualTo("1 welcome email queued. They will go out with the next delivery. 1 skipped: 1 already has one "
					+ "waiting to be sent.");
		assertThat(count("""
				select count(*) from email_outbox o join app_user u on u.id = o.user_id
				where u.email = 'lucia.fernandez@acme.example' and o.kind = 'welcome'""")).isEqualTo(2);
		assertThat(count("""
				select count(*) from email_outbox o join app_user u on u.id = o.user_id
				where u.email = 'tom.baker@acme.example'""")).isEqualTo(1);
		assertThat(path()).isEqualTo("/accounts/acme/users");
		assertThat(find(".tabs a[aria-current=page]").getText()).startsWith("Invited");
	}

	@Test
	void sendingWithNoUserPickedSaysSo() {
		acmeWithUsers();
		person("ana@acme.example", false, "acme");
		signIn("ana@acme.example");
		long before = count("select count(*) from email_outbox");
		open("/accounts/acme/users");
		find("#users button[name=kind]").click();
		waitFor().until((driver) -> !findAll(".problem").isEmpty());
		assertThat(text(".problem")).isEqualTo("Select the users to email first.");
		assertThat(count("select count(*) from email_outbox")).isEqualTo(before);
	}

	@Test
	void exportCsvDownloadsTheTabsUsers() throws Exception {
		acmeWithUsers();
		person("ana@acme.example", false, "acme");
		signIn("ana@acme.example");
		Path download = downloads("en").resolve("acme-users-invited.csv");
		Files.deleteIfExists(download);
		open("/accounts/acme/users?tab=invited");
		// when
		find(".exports a[href*='format=csv']").click();
		// then
		waitFor().until((driver) -> Files.exists(download));
		List<String> lines = Files.readAllLines(download, StandardCharsets.UTF_8);
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).contains("Email");
		assertThat(lines.subList(1, 3)).anyMatch((line) -> line.startsWith("lucia.fernandez@acme.example,Lucía"))
			.anyMatch((line) -> line.startsWith("tom.baker@acme.example,Tom"));
		assertThat(count("select count(*) from audit_event where action = 'users.export' and detail->>'status' = ?",
				"invited")).isEqualTo(1);
	}

	@Test
	void theSpanishPageSpeaksSpanish() {
		// given
		acmeWithUsers();
		person("ana@acme.example", false, "acme");
		this.browser = browser("es");
		this.browser.manage().deleteAllCookies();
		signIn("ana@acme.example");
		// when
		open("/accounts/acme/users");
		// then: tabs, columns, buttons and dates in Spanish
		assertThat(findAll(".tabs a")).extracting(WebElement::getText)
			.containsExactly("Activos 5", "Dados de baja 1", "Invitados 2");
		assertThat(text("#users button[name=kind]")).isEqualTo("Enviar correo de activación");
		assertThat(findAll("#users th")).extracting(WebElement::getText)
			.contains("Correo electrónico", "Nombre", "Apellidos", "Código de anfitrión", "Correo de activación enviado");
		assertThat(text(".exports a[href*='format=xlsx']")).isEqualTo("Exportar XLSX");
		assertThat(cells("maria.garcia@acme.example").get(10))
			.isEqualTo(sentOn("maria.garcia@acme.example", "activation_email_sent_at", Locale.forLanguageTag("es")));
		find("#users button[name=kind]").click();
		waitFor().until((driver) -> !findAll(".problem").isEmpty());
		assertThat(text(".problem")).isEqualTo("Seleccione primero los usuarios a los que enviar el correo.");
	}

	/** acme with the six users of the import fixture, John Smith terminated, and two invited users. */
	private void acmeWithUsers() {
		createAcme();
		UsersFixtures.make((command) -> roster(command).exitCode(), UsersFixtures.ACME);
	}

	/** The emails of the table's users, in its order. */
	private List<String> emails() {
		return findAll("#users td.email a").stream().map(WebElement::getText).toList();
	}

	/** The cells of a user's row, the checkbox's first when it has one. */
	private List<String> cells(String email) {
		for (WebElement row : findAll("#users tbody tr")) {
			List<String> cells = row.findElements(org.openqa.selenium.By.tagName("td"))
				.stream()
				.map(WebElement::getText)
				.toList();
			if (cells.contains(email)) {
				return cells;
			}
		}
		throw new AssertionError("no row of " + email + " in " + emails());
	}

	private void pick(String email) {
		find("#users input[name=id][value='" + id(email) + "']").click();
	}

	private long id(String email) {
		return count("select id from app_user where email = ?", email);
	}

	/** A user's sent date, as the person reads it: in their language, in the service's zone. */
	private String sentOn(String email, String column, Locale locale) {
		Instant sent = this.jdbc.queryForObject("select " + column + " from app_user where email = ?",
				java.sql.Timestamp.class, email).toInstant();
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(locale)
			.withZone(ZoneId.systemDefault())
			.format(sent);
	}

}
