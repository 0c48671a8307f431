package dev.roster.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.roster.IntegrationTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/** Any address Roster accepts, up to 254 characters, gets its {@code .eml} file: the name is capped, not the address. */
class EmlFileNameTests extends IntegrationTest {

	@TempDir
	Path outbox;

	@Test
	void anAddressOf254CharactersIsDeliveredToAFileWhoseNameFits() throws Exception {
		// given: a 64-character local part and a 189-character domain, as long as an address may be
		createAcme();
		String address = Files.readAllLines(fixture("mail/long-address.csv")).get(1).split(",")[0];
		assertThat(address).hasSize(254);
		Result imported = roster("import-users", "--account", "acme", "--no-deliver", "--file",
				fixture("mail/long-address.csv").toString());
		assertThat(imported.out()).contains("created=1");

		// when
		DeliveryResult result = delivery().deliver("acme", 1, (progress) -> {
		});

		// then
		assertThat(result.sent()).isEqualTo(1);
		assertThat(result.failed()).isZero();
		assertThat(count("select count(*) from email_outbox where status = 'SENT'")).isEqualTo(1);
		List<Path> files = files();
		assertThat(files).hasSize(1);
		String name = files.get(0).getFileName().toString();
		assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
		assertThat(name).startsWith(address.substring(0, MailMessages.ADDRESS_IN_FILE_NAME))
			.endsWith("-activation-" + this.jdbc.queryForObject("select id from email_outbox", Long.class) + ".eml");
		try (InputStream in = Files.newInputStream(files.get(0))) {
			MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
			assertThat(((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress())
				.isEqualTo(address);
		}
	}

	@Test
	void namesStayUniquePerMessageAndReadable() {
		String address = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(53) + ".example";

		String first = MailMessages.fileName(address, EmailKind.PASSWORD_RESET, Long.MAX_VALUE);
		String second = MailMessages.fileName(address, EmailKind.PASSWORD_RESET, Long.MAX_VALUE - 1);

		assertThat(first).isNotEqualTo(second);
		assertThat((first + ".eml").length()).isLessThanOrEqualTo(200);
		assertThat(first).startsWith("a".repeat(64) + "@bbb").endsWith("-password-reset-" + Long.MAX_VALUE);
		assertThat(MailMessages.fileName("Ana/López@acme.example", EmailKind.WELCOME, 7))
			.isEqualTo("Ana_L_pez@acme.example-welcome-7");
	}

	private OutboxDelivery delivery() {
		return new OutboxDelivery(this.jdbc, this.context.getBean(PlatformTransactionManager.class),
				this.context.getBean(DataSource.class), new EmlFolderTransport(this.outbox),
				this.context.getBean(RosterMailProperties.class), this.accounts);
	}

	private List<Path> files() throws IOException {
		try (Stream<Path> files = Files.list(this.outbox)) {
			return files.toList();
		}
	}

}
