package dev.roster.emails;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.roster.IntegrationTest;
import dev.roster.MailServer;
import dev.roster.MailServer.Received;
import dev.roster.mail.LinkTokens;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DeliverEmailsJobTests extends IntegrationTest {

	private static final Pattern LINK = Pattern
		.compile("https://portal\\.conferencing\\.example/(activate|register|reset-password)\\?token=([A-Za-z0-9_-]{43})");

	@TempDir
	Path temp;

	@Test
	void importSendsEachActiveUserTheActivationEmailInTheirLanguageWithTheirCodesAndALink() {
		createAcme();

		Result result = roster("import-users", "--account", "acme", "--file", fixture("importusers/invites.csv").toString());

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("import-users acme: COMPLETED read=6 created=6 updated=0 unchanged=0 rejected=0 sent=6 failed=0 report=");
		List<Received> received = MailServer.received();
		assertThat(received).extracting(Received::to)
			.containsExactlyInAnyOrder("maria.garcia@acme.example", "john.smith@acme.example", "jose.nunez@acme.example",
					"li.wei@acme.example", "amelie.dubois@acme.example", "peter.mueller@acme.example");
		assertThat(received).allSatisfy((email) -> {
			assertThat(email.contentType()).startsWith("multipart/alternative");
			assertThat(email.text()).isNotBlank();
			assertThat(email.html()).startsWith("<!DOCTYPE html>");
		});

		Received maria = to(received, "maria.garcia@acme.example");
		Map<String, Object> mariaCodes = user("maria.garcia@acme.example");
		assertThat(maria.subject()).isEqualTo("Tu cuenta de Conferencing está lista");
		assertThat(maria.text()).startsWith("Hola, María:")
			.contains("Código de anfitrión, para iniciar tus reuniones:       " + mariaCodes.get("host_code"))
			.contains("Código de invitado, para las personas que invites:     " + mariaCodes.get("guest_code"))
			.contains("+1 555 010 0199 (United States)")
			.contains("caduca en 14 días");
		assertThat(maria.html()).contains("<strong>" + mariaCodes.get("host_code") + "</strong>")
			.contains("<strong>" + mariaCodes.get("guest_code") + "</strong>")
			.contains("Hola, <span>María</span>:");

		Received john = to(received, "john.smith@acme.example");
		Map<String, Object> johnCodes = user("john.smith@acme.example");
		assertThat(john.subject()).isEqualTo("Your Conferencing account is ready");
		assertThat(john.text()).startsWith("Hello John,")
			.contains("Host code, to start your meetings:       " + johnCodes.get("host_code"))
			.contains("Guest code, for the people you invite:   " + johnCodes.get("guest_code"));

		// the link's token is stored only as its hash, for this user, to set a password, for 14 days
		String token = token(john.text(), "activate");
		assertThat(john.html()).contains("href=\"https://portal.conferencing.example/activate?token=" + token + "\"");
		Map<String, Object> stored = this.jdbc.queryForMap("""
				select t.purpose, u.email, t.expires_at, t.used_at from user_token t join app_user u on u.id = t.user_id
				where t.token_hash = ?""", (Object) LinkTokens.hash(token));
		assertThat(stored).containsEntry("purpose", "set-password").containsEntry("email", "john.smith@acme.example");
		assertThat(stored.get("used_at")).isNull();
		assertThat(Duration.between(Instant.now(), ((Timestamp) stored.get("expires_at")).toInstant()))
			.isBetween(Duration.ofDays(14).minusMinutes(5), Duration.ofDays(14));
		assertThat(count("select count(*) from user_token")).isEqualTo(6);
		assertThat(count("select count(*) from user_token where token_hash = convert_to(?, 'UTF8')", token)).isZero();

		// sent, and the user's sent date is the moment the server took it
		assertThat(count("select count(*) from email_outbox where status = 'SENT' and attempts = 1")).isEqualTo(6);
		assertThat(count("""
				select count(*) from app_user u join email_outbox o on o.user_id = u.id
				where u.activation_email_sent_at = o.sent_at""")).isEqualTo(6);
		assertThat(received).extracting(Received::messageId)
			.containsExactlyInAnyOrderElementsOf(this.jdbc.queryForList("select message_id from email_outbox", String.class));
	}

	@Test
	void inviteModeSendsWelcomeEmailsWithARegisterLinkAndNoCodes() {
		createAcme();

		Result result = roster("import-users", "--account", "acme", "--mode", "invite", "--file",
				fixture("importusers/invites.csv").toString());

		assertThat(result.out()).contains("created=6").contains("sent=6 failed=0");
		List<Received> received = MailServer.received();
		assertThat(received).hasSize(6);
		Received john = to(received, "john.smith@acme.example");
		assertThat(john.subject()).isEqualTo("Acme Corporation invites you to Conferencing");
		assertThat(john.text()).doesNotContain("code:");
		assertThat(to(received, "maria.garcia@acme.example").subject()).isEqualTo("Acme Corporation te invita a Conferencing");
		assertThat(this.jdbc.queryForObject("select purpose from user_token where token_hash = ?", String.class,
				(Object) LinkTokens.hash(token(john.text(), "register")))).isEqualTo("register");
		assertThat(count("select count(*) from app_user where welcome_email_sent_at is not null and activation_email_sent_at is null"))
			.isEqualTo(6);
	}

	@Test
	void deliverEmailsSendsWhatAnotherJobQueuedAndNeverSendsASentEmailAgain() throws IOException {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("importusers/invites.csv").toString());
		assertThat(MailServer.received()).isEmpty();
		assertThat(count("select count(*) from email_outbox where status = 'QUEUED'")).isEqualTo(6);

		Result first = roster("deliver-emails", "--account", "acme");
		Result again = roster("deliver-emails");

		assertThat(first.exitCode()).isZero();
		assertThat(first.out()).startsWith("deliver-emails acme: COMPLETED sent=6 failed=0 queued=0 report=");
		assertThat(readCsv(Path.of(first.field("report")))).hasSize(1);
		assertThat(again.out()).startsWith("deliver-emails: COMPLETED sent=0 failed=0 queued=0 report=");
		assertThat(MailServer.received()).hasSize(6);
		assertThat(count("select count(*) from email_outbox where status = 'SENT'")).isEqualTo(6);
	}

	@Test
	void aPassingRefusalIsRetriedAndTheEmailDeliveredOnce() {
		createAcme();
		MailServer.deferOnce("john.smith@acme.example");

		Result result = roster("import-users", "--account", "acme", "--file", fixture("importusers/invites.csv").toString());

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("sent=6 failed=0");
		assertThat(MailServer.received()).hasSize(6)
			.filteredOn((email) -> email.to().equals("john.smith@acme.example"))
			.hasSize(1);
		assertThat(this.jdbc.queryForMap("""
				select o.status, o.attempts, o.possible_duplicate from email_outbox o join app_user u on u.id = o.user_id
				where u.email = 'john.smith@acme.example'"""))
			.containsEntry("status", "SENT").containsEntry("attempts", 2).containsEntry("possible_duplicate", false);
		// the refused attempt's link was withdrawn; the one that arrived works
		assertThat(count("select count(*) from user_token t join app_user u on u.id = t.user_id where u.email = 'john.smith@acme.example'"))
			.isEqualTo(1);
	}

	@Test
	void anUnreachableServerLeavesTheEmailsQueuedAndTheSameCommandLaterSendsEachOnce() {
		createAcme();
		MailServer.stop();
		Result down;
		try {
			down = roster("import-users", "--account", "acme", "--file", fixture("importusers/invites.csv").toString());
		}
		finally {
			MailServer.start();
		}

		assertThat(down.exitCode()).isEqualTo(1);
		assertThat(down.out()).startsWith("import-users acme: FAILED read=6 created=6 updated=0 unchanged=0 rejected=0 sent=0 failed=0");
		assertThat(down.err()).contains("6 emails stay queued").contains("cannot connect to SMTP 127.0.0.1:")
			.contains("run the same command again to resume");
		// a dead server is not the emails' fault: none used an attempt, none was claimed or given a link
		assertThat(count("select count(*) from email_outbox where status = 'QUEUED' and attempts = 0")).isEqualTo(6);
		assertThat(count("select count(*) from user_token")).isZero();
		assertThat(count("select count(*) from app_user")).isEqualTo(6);

		Result resumed = roster("import-users", "--account", "acme", "--file", fixture("importusers/invites.csv").toString());

		assertThat(resumed.exitCode()).isZero();
		assertThat(resumed.out()).startsWith("import-users acme: COMPLETED read=6 created=6 updated=0 unchanged=0 rejected=0 sent=6 failed=0");
		assertThat(MailServer.received()).hasSize(6).extracting(Received::to).doesNotHaveDuplicates();
		assertThat(count("select count(*) from app_user")).isEqualTo(6);
		assertThat(count("select count(*) from app_user where activation_email_sent_at is not null")).isEqualTo(6);
	}

	@Test
	void aRefusedRecipientIsReportedAndNeverTriedAgain() throws IOException {
		createAcme();
		MailServer.refuse("john.smith@acme.example");

		Result result = roster("import-users", "--account", "acme", "--file", fixture("importusers/invites.csv").toString());

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("sent=5 failed=1");
		Matcher note = Pattern.compile("1 email was not simply delivered .*; see (\\S+import-users-\\d+-delivery\\.csv)")
			.matcher(result.err());
		assertThat(note.find()).as(result.err()).isTrue();
		List<CSVRecord> report = readCsv(Path.of(note.group(1)));
		assertThat(report.get(0).values()).containsExactly("Account", "Email", "Kind", "Status", "Attempts",
				"Possible Duplicate", "Error", "Sent At", "Next Attempt");
		assertThat(report).hasSize(2);
		assertThat(report.get(1).values()).startsWith("acme", "john.smith@acme.example", "activation", "FAILED", "1", "no",
				"550 5.1.1 mailbox unavailable (simulated)");
		assertThat(MailServer.received()).hasSize(5).extracting(Received::to).doesNotContain("john.smith@acme.example");
		assertThat(this.jdbc.queryForObject("select activation_email_sent_at from app_user where email = 'john.smith@acme.example'",
				OffsetDateTime.class)).isNull();
		// a link that never left must not work
		assertThat(count("select count(*) from user_token t join app_user u on u.id = t.user_id where u.email = 'john.smith@acme.example'"))
			.isZero();

		Result later = roster("deliver-emails", "--account", "acme");

		assertThat(later.out()).contains("sent=0 failed=0 queued=0");
		assertThat(MailServer.received()).hasSize(5);
		assertThat(count("select attempts from email_outbox where status = 'FAILED'")).isEqualTo(1);
	}

	@Test
	void anAddressMailCannotGoToFailsWithoutTroublingTheServer() {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("importusers/invites.csv").toString());
		this.jdbc.update("update app_user set email = 'john smith@acme.example' where email = 'john.smith@acme.example'");

		Result result = roster("deliver-emails", "--account", "acme");

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("sent=5 failed=1 queued=0");
		assertThat(this.jdbc.queryForObject("select last_error from email_outbox where status = 'FAILED'", String.class))
			.startsWith("invalid address");
		assertThat(MailServer.received()).hasSize(5);
	}

	@Test
	void anEmailWhoseUserChangedIsCancelledAndReported() throws IOException {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("importusers/invites.csv").toString());
		this.jdbc.update("""
				update app_user set status = 'TERMINATED', terminated_at = now(), host_code = null, guest_code = null
				where email = 'john.smith@acme.example'""");

		Result result = roster("deliver-emails", "--account", "acme");

		assertThat(result.out()).contains("sent=5 failed=0 queued=0 cancelled=1");
		assertThat(readCsv(Path.of(result.field("report")))).hasSize(2)
			.last()
			.satisfies((row) -> assertThat(row.values()).startsWith("acme", "john.smith@acme.example", "activation", "CANCELLED"));
		assertThat(MailServer.received()).extracting(Received::to).doesNotContain("john.smith@acme.example");
	}

	@Test
	void twoDeliveriesAtOnceNeverSendTheSameEmailTwice() throws Exception {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", generate(200).toString());

		ExecutorService threads = Executors.newFixedThreadPool(2);
		List<Future<Result>> runs = new ArrayList<>();
		try {
			Callable<Result> deliver = () -> roster("deliver-emails", "--account", "acme");
			runs.add(threads.submit(deliver));
			runs.add(threads.submit(deliver));
			long sent = 0;
			for (Future<Result> run : runs) {
				Result result = run.get(2, TimeUnit.MINUTES);
				assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
				sent += result.count("sent");
			}
			assertThat(sent).isEqualTo(200);
		}
		finally {
			threads.shutdownNow();
		}
		List<Received> received = MailServer.received();
		assertThat(received).hasSize(200).extracting(Received::to).doesNotHaveDuplicates();
		assertThat(count("select count(*) from email_outbox where status = 'SENT' and attempts = 1")).isEqualTo(200);
	}

	@Test
	void aDeliveryKilledMidwayIsResumedSendingEachEmailOnceAndTheInFlightOnesAtMostTwice() throws Exception {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", generate(300).toString());

		// a second Roster process delivers slowly, and is killed (SIGKILL) after 60 emails
		Process process = deliveryProcess();
		try {
			assertThat(MailServer.awaitReceived(60)).as("the other process sent 60 emails").isTrue();
		}
		finally {
			process.destroyForcibly();
			assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
		}
		awaitSessionsOfTheKilledProcessGone();
		long inFlight = count("select count(*) from email_outbox where status = 'SENDING'");
		long sentBefore = count("select count(*) from email_outbox where status = 'SENT'");
		assertThat(inFlight).as("emails claimed by the killed process").isPositive();

		Result resumed = roster("deliver-emails", "--account", "acme");

		assertThat(resumed.exitCode()).isZero();
		assertThat(resumed.count("sent")).isEqualTo(300 - sentBefore);
		assertThat(resumed.count("possible_duplicates")).isEqualTo(inFlight);
		assertThat(count("select count(*) from email_outbox where status = 'SENT'")).isEqualTo(300);
		Map<String, Long> copies = MailServer.received()
			.stream()
			.collect(Collectors.groupingBy(Received::to, Collectors.counting()));
		assertThat(copies).hasSize(300);
		assertThat(copies.values()).allMatch((n) -> n <= 2);
		List<String> flagged = this.jdbc.queryForList("""
				select u.email from email_outbox o join app_user u on u.id = o.user_id where o.possible_duplicate""",
				String.class);
		assertThat(flagged).hasSize((int) inFlight);
		assertThat(copies).allSatisfy((email, n) -> {
			if (n == 2) {
				assertThat(flagged).as("a second copy is always reported").contains(email);
			}
		});
		List<CSVRecord> report = readCsv(Path.of(resumed.field("report")));
		assertThat(report).hasSize((int) inFlight + 1);
		assertThat(report.subList(1, report.size())).allSatisfy((row) -> {
			assertThat(row.get(3)).as("status").isEqualTo("SENT");
			assertThat(row.get(5)).as("possible duplicate").isEqualTo("yes");
		});
	}

	private Process deliveryProcess() throws IOException {
		HikariDataSource database = (HikariDataSource) this.context.getBean(DataSource.class);
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), "dev.roster.RosterApplication", "deliver-emails", "--account",
				"acme");
		Map<String, String> environment = builder.environment();
		String url = database.getJdbcUrl();
		environment.put("SPRING_DATASOURCE_URL", url + (url.contains("?") ? "&" : "?") + "ApplicationName=killed-delivery");
		environment.put("SPRING_DATASOURCE_USERNAME", database.getUsername());
		environment.put("SPRING_DATASOURCE_PASSWORD", database.getPassword());
		environment.put("ROSTER_HOME", this.temp.resolve("other-roster").toString());
		environment.put("SPRING_MAIL_HOST", "127.0.0.1");
		environment.put("SPRING_MAIL_PORT", Integer.toString(MailServer.port()));
		environment.put("ROSTER_MAIL_RATEPERACCOUNT", "40");
		environment.put("ROSTER_MAIL_CONNECTIONS", "2");
		environment.put("ROSTER_MAIL_CHUNKSIZE", "10");
		builder.redirectErrorStream(true);
		builder.redirectOutput(this.temp.resolve("other-roster.out").toFile());
		return builder.start();
	}

	/**
	 * The database sessions of a killed process end a moment after it: a transaction it had sent is still committed
	 * or rolled back. Wait until they are gone, as a real restart comes later.
	 */
	private void awaitSessionsOfTheKilledProcessGone() {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		while (count("select count(*) from pg_stat_activity where application_name = 'killed-delivery'") > 0) {
			assertThat(System.nanoTime()).as("the killed process's sessions ended").isLessThan(deadline);
			Thread.onSpinWait();
		}
	}

	private Map<String, Object> user(String email) {
		return this.jdbc.queryForMap("select host_code, guest_code from app_user where email = ?", email);
	}

	private static Received to(List<Received> received, String email) {
		return received.stream().filter((r) -> r.to().equals(email)).findFirst().orElseThrow();
	}

	private static String token(String text, String page) {
		Matcher matcher = LINK.matcher(text);
		assertThat(matcher.find()).as("a link in: " + text).isTrue();
		assertThat(matcher.group(1)).isEqualTo(page);
		return matcher.group(2);
	}

	private Path generate(int rows) throws IOException {
		StringBuilder csv = new StringBuilder("Email,First Name,Last Name,Language\n");
		for (int i = 1; i <= rows; i++) {
			csv.append("user").append(i).append("@acme.example,Zoë").append(i).append(",Ibáñez,")
				.append((i % 2 == 0) ? "es" : "en").append('\n');
		}
		Path file = this.temp.resolve("generated-" + rows + ".csv");
		Files.writeString(file, csv, StandardCharsets.UTF_8);
		return file;
	}

	static List<CSVRecord> readCsv(Path file) throws IOException {
		String content = Files.readString(file, StandardCharsets.UTF_8);
		assertThat(content).startsWith("\uFEFF");
		return CSVFormat.RFC4180.builder().get().parse(new StringReader(content.substring(1))).getRecords();
	}

}
