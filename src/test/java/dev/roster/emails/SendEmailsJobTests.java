package dev.roster.emails;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.roster.IntegrationTest;
import dev.roster.MailServer;
import dev.roster.MailServer.Received;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.roster.emails.DeliverEmailsJobTests.readCsv;
import static org.assertj.core.api.Assertions.assertThat;

class SendEmailsJobTests extends IntegrationTest {

	@TempDir
	Path temp;

	@Test
	void resendsTheActivationEmailToTheUsersOfTheFileAndUpdatesTheirSentDate() throws IOException {
		createAcme();
		roster("import-users", "--account", "acme", "--file", fixture("importusers/invites.csv").toString());
		this.jdbc.update("update app_user set activation_email_sent_at = '2020-01-01T00:00:00Z'");
		MailServer.reset();

		Result result = roster("send-emails", "--account", "acme", "--file",
				csv("resend.csv", "E-mail", "john.smith@acme.example", " MARIA.GARCIA@acme.example "));

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("send-emails acme: COMPLETED read=2 rejected=0 queued=2 sent=2 failed=0 report=");
		assertThat(MailServer.received()).extracting(Received::to)
			.containsExactlyInAnyOrder("john.smith@acme.example", "maria.garcia@acme.example");
		assertThat(MailServer.received()).extracting(Received::subject)
			.containsExactlyInAnyOrder("Your Conferencing account is ready", "Tu cuenta de Conferencing está lista");
		assertThat(this.jdbc.queryForList("select email from app_user where activation_email_sent_at > '2020-01-01T00:00:00Z'",
				String.class)).containsExactlyInAnyOrder("john.smith@acme.example", "maria.garcia@acme.example");
		// the new link replaces the first one: only the newest still works
		assertThat(count("""
				select count(*) from user_token t join app_user u on u.id = t.user_id
				where u.email = 'john.smith@acme.example' and t.expires_at > now()""")).isEqualTo(1);
		assertThat(count("select count(*) from user_token t join app_user u on u.id = t.user_id where u.email = 'john.smith@acme.example'"))
			.isEqualTo(2);
	}

	@Test
	void usersTheEmailDoesNotFitAreReportedNotEmailed() throws IOException {
		createAcme();
		createGlobex();
		roster("import-users", "--account", "acme", "--file", fixture("importusers/invites.csv").toString());
		roster("import-users", "--account", "acme", "--mode", "invite", "--file",
				csv("invite.csv", "Email,First Name,Last Name", "new.hire@acme.example,New,Hire"));
		roster("import-users", "--account", "globex", "--file",
				csv("globex.csv", "Email,First Name,Last Name", "homer@globex.example,Homer,Simpson"));
		this.jdbc.update("""
				update app_user set status = 'TERMINATED', terminated_at = now(), host_code = null, guest_code = null
				where email = 'li.wei@acme.example'""");
		MailServer.reset();

		Result result = roster("send-emails", "--account", "acme", "--kind", "activation", "--file",
				csv("mixed.csv", "Email,Note", "john.smith@acme.example,ok", "new.hire@acme.example,invited",
						"li.wei@acme.example,terminated", "nobody@acme.example,unknown", "homer@globex.example,other account",
						"JOHN.SMITH@acme.example,twice", ",blank"));

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("send-emails acme: COMPLETED read=7 rejected=6 queued=1 sent=1 failed=0");
		assertThat(MailServer.received()).extracting(Received::to).containsExactly("john.smith@acme.example");
		List<CSVRecord> report = readCsv(Path.of(result.field("report")));
		assertThat(report.get(0).values()).containsExactly("Email", "Note", "Row", "Error");
		Map<String, String> errors = new LinkedHashMap<>();
		report.stream().skip(1).forEach((row) -> errors.put(row.get(2), row.get(3)));
		assertThat(errors).containsExactly(
				Map.entry("3", "user 'new.hire@acme.example' is invited, not active: send a welcome email (--kind welcome)"),
				Map.entry("4", "user 'li.wei@acme.example' is terminated; terminated users get no email"),
				Map.entry("5", "no user with email 'nobody@acme.example' in this account"),
				Map.entry("6", "no user with email 'homer@globex.example' in this account"),
				Map.entry("7", "email 'JOHN.SMITH@acme.example' already appears in row 2 of this file"),
				Map.entry("8", "missing email in column 'Email' (A)"));
	}

	@Test
	void withoutKindEachUserGetsTheEmailTheirStatusCallsFor() throws IOException {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file",
				csv("active.csv", "Email,First Name,Last Name", "active@acme.example,Ann,Active"));
		roster("import-users", "--account", "acme", "--no-deliver", "--mode", "invite", "--file",
				csv("invited.csv", "Email,First Name,Last Name,Language", "invited@acme.example,Ines,Invitada,es"));
		this.jdbc.update("update email_outbox set status = 'CANCELLED'");

		Result result = roster("send-emails", "--account", "acme", "--file",
				csv("both.csv", "Email", "active@acme.example", "invited@acme.example"));

		assertThat(result.out()).contains("queued=2 sent=2 failed=0");
		assertThat(this.jdbc.queryForList("""
				select u.email || ' ' || o.kind from email_outbox o join app_user u on u.id = o.user_id
				where o.status = 'SENT' order by u.email""", String.class))
			.containsExactly("active@acme.example activation", "invited@acme.example welcome");
		assertThat(MailServer.received()).extracting(Received::subject)
			.containsExactlyInAnyOrder("Your Conferencing account is ready", "Acme Corporation te invita a Conferencing");
	}

	@Test
	void neverSentEmailsOnlyTheUsersNoEmailReachedAndNotOnesAlreadyWaiting() {
		createAcme();
		roster("import-users", "--account", "acme", "--file", fixture("importusers/invites.csv").toString());
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("importusers/invites-updated.csv").toString());
		this.jdbc.update("update app_user set activation_email_sent_at = null where email in ('john.smith@acme.example', 'li.wei@acme.example')");
		MailServer.reset();

		Result result = roster("send-emails", "--account", "acme", "--never-sent", "--no-deliver");

		// new.person@acme.example was never sent one either, but theirs is already queued
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("send-emails acme: COMPLETED queued=2 report=");
		assertThat(count("select count(*) from email_outbox where status = 'QUEUED'")).isEqualTo(3);
		assertThat(MailServer.received()).isEmpty();

		Result delivered = roster("deliver-emails", "--account", "acme");

		assertThat(delivered.out()).contains("sent=3");
		assertThat(MailServer.received()).extracting(Received::to)
			.containsExactlyInAnyOrder("john.smith@acme.example", "li.wei@acme.example", "new.person@acme.example");
	}

	@Test
	void passwordResetSendsAResetLinkValidForADay() throws IOException {
		createAcme();
		roster("import-users", "--account", "acme", "--file", fixture("importusers/invites.csv").toString());
		MailServer.reset();

		Result result = roster("send-emails", "--account", "acme", "--kind", "password-reset", "--file",
				csv("reset.csv", "Correo electrónico", "jose.nunez@acme.example"));

		assertThat(result.out()).contains("queued=1 sent=1 failed=0");
		Received jose = MailServer.received().get(0);
		assertThat(jose.subject()).isEqualTo("Restablece tu contraseña de Conferencing");
		assertThat(jose.text()).contains("https://portal.conferencing.example/reset-password?token=")
			.contains("caduca en 24 horas");
		Timestamp expires = this.jdbc.queryForObject(
				"select expires_at from user_token where purpose = 'reset-password'", Timestamp.class);
		assertThat(Duration.between(Instant.now(), expires.toInstant())).isBetween(Duration.ofHours(23), Duration.ofHours(24));
	}

	@Test
	void aDryRunWritesThePlanAndQueuesNothing() throws IOException {
		createAcme();
		roster("import-users", "--account", "acme", "--file", fixture("importusers/invites.csv").toString());
		MailServer.reset();

		Result result = roster("send-emails", "--account", "acme", "--dry-run", "--file",
				csv("plan.csv", "Email", "john.smith@acme.example", "nobody@acme.example"));

		assertThat(result.out()).contains("read=2 rejected=1 queued=1 report=").doesNotContain("sent=");
		List<CSVRecord> plan = readCsv(Path.of(result.field("report")));
		assertThat(plan).extracting((row) -> row.get(2)).containsExactly("Action", "queue", "rejected");
		assertThat(plan.get(1).get(3)).isEqualTo("activation");
		assertThat(count("select count(*) from email_outbox")).isEqualTo(6);
		assertThat(MailServer.received()).isEmpty();
	}

	@Test
	void theSameFileAgainSendsNothing() throws IOException {
		createAcme();
		roster("import-users", "--account", "acme", "--file", fixture("importusers/invites.csv").toString());
		String file = csv("once.csv", "Email", "john.smith@acme.example");
		roster("send-emails", "--account", "acme", "--file", file);
		MailServer.reset();

		Result again = roster("send-emails", "--account", "acme", "--file", file);

		assertThat(again.out()).startsWith("send-emails acme: ALREADY_COMPLETED");
		assertThat(MailServer.received()).isEmpty();
	}

	@Test
	void badCombinationsAreUsageErrors() throws IOException {
		createAcme();
		String file = csv("x.csv", "Email", "john.smith@acme.example");

		assertThat(roster("send-emails", "--account", "acme").exitCode()).isEqualTo(2);
		assertThat(roster("send-emails", "--account", "acme", "--never-sent", "--file", file).exitCode()).isEqualTo(2);
		Result kind = roster("send-emails", "--account", "acme", "--file", file, "--kind", "reminder");
		assertThat(kind.exitCode()).isEqualTo(2);
		assertThat(kind.err()).contains("unknown --kind 'reminder'");
		Result reset = roster("send-emails", "--account", "acme", "--never-sent", "--kind", "password-reset");
		assertThat(reset.exitCode()).isEqualTo(2);
		assertThat(reset.err()).contains("send reset links with --file");
		assertThat(count("select count(*) from batch_job_instance")).isZero();
	}

	private String csv(String name, String... lines) throws IOException {
		Path file = this.temp.resolve(name);
		Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
		return file.toString();
	}

}
