package dev.roster.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.roster.IntegrationTest;
import dev.roster.RosterHome;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** The default transport, where no mail server is configured: the same delivery, writing files. */
class EmlFolderTransportTests extends IntegrationTest {

	@TempDir
	Path outbox;

	@Test
	void eachEmailBecomesAnEmlFileNamedAfterItsRecipientThatAMailProgramReads() throws Exception {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("importusers/invites.csv").toString());

		DeliveryResult result = delivery().deliver("acme", 1, (progress) -> {
		});

		assertThat(result.sent()).isEqualTo(6);
		assertThat(result.complete()).isTrue();
		List<Path> files = files();
		assertThat(files).extracting((file) -> file.getFileName().toString().replaceAll("-\\d+\\.eml$", ""))
			.containsExactlyInAnyOrder("maria.garcia@acme.example-activation", "john.smith@acme.example-activation",
					"jose.nunez@acme.example-activation", "li.wei@acme.example-activation",
					"amelie.dubois@acme.example-activation", "Peter.Mueller@Acme.Example-activation");
		Path johnFile = files.stream()
			.filter((file) -> file.getFileName().toString().startsWith("john.smith@acme.example"))
			.findFirst()
			.orElseThrow();
		MimeMessage john = parse(johnFile);
		assertThat(((InternetAddress) john.getRecipients(Message.RecipientType.TO)[0]).getAddress())
			.isEqualTo("john.smith@acme.example");
		assertThat(((InternetAddress) john.getRecipients(Message.RecipientType.TO)[0]).getPersonal()).isEqualTo("John Smith");
		assertThat(((InternetAddress) john.getFrom()[0]).getAddress()).isEqualTo("no-reply@conferencing.example");
		assertThat(john.getSubject()).isEqualTo("Your Conferencing account is ready");
		assertThat(john.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
		assertThat(john.getMessageID()).isEqualTo(this.jdbc.queryForObject("""
				select o.message_id from email_outbox o join app_user u on u.id = o.user_id
				where u.email = 'john.smith@acme.example'""", String.class));
		MimeMultipart parts = (MimeMultipart) john.getContent();
		assertThat(parts.getContentType()).startsWith("multipart/alternative");
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
		assertThat((String) parts.getBodyPart(0).getContent()).startsWith("Hello John,")
			.contains(this.jdbc.queryForObject("select host_code from app_user where email = 'john.smith@acme.example'",
					String.class));
		assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
		assertThat((String) parts.getBodyPart(1).getContent()).contains("<title>Your Conferencing account is ready</title>");
		MimeMessage maria = parse(files.stream()
			.filter((file) -> file.getFileName().toString().startsWith("maria"))
			.findFirst()
			.orElseThrow());
		assertThat(maria.getSubject()).isEqualTo("Tu cuenta de Conferencing está lista");
		assertThat((String) ((MimeMultipart) maria.getContent()).getBodyPart(0).getContent()).startsWith("Hola, María:");
		assertThat(count("select count(*) from app_user where activation_email_sent_at is not null")).isEqualTo(6);
	}

	@Test
	void anEmailSentAgainAfterACrashReplacesItsFileInsteadOfAddingOne() throws Exception {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("importusers/invites.csv").toString());
		delivery().deliver("acme", 1, (progress) -> {
		});
		// what a crash right after writing a file leaves: the email still marked as being sent, by no live delivery
		this.jdbc.update("update email_outbox set status = 'SENDING', claimed_by = -1 where id = (select min(id) from email_outbox)");

		DeliveryResult again = delivery().deliver("acme", 2, (progress) -> {
		});

		assertThat(again.sent()).isEqualTo(1);
		assertThat(again.possibleDuplicates()).isEqualTo(1);
		assertThat(files()).hasSize(6);
	}

	@Test
	void everyFileAnImportWritesIsReadableByItsOwnerOnly() throws Exception {
		createAcme();
		RosterHome home = this.context.getBean(RosterHome.class);
		Path outbox = home.folder("outbox");
		FileSystemUtils.deleteRecursively(outbox);
		outbox = home.folder("outbox");

		Result imported = roster("import-users", "--account", "acme", "--no-deliver", "--file",
				fixture("importusers/invites-bad-rows.csv").toString());
		DeliveryResult result = delivery(outbox).deliver("acme", 1, (progress) -> {
		});
		Path csv = this.outbox.resolve("users.csv");
		Path xlsx = this.outbox.resolve("users.xlsx");
		roster("export-users", "--account", "acme", "--out", csv.toString());
		roster("export-users", "--account", "acme", "--out", xlsx.toString());

		assertThat(result.sent()).isPositive();
		Path report = Path.of(imported.field("report"));
		assertThat(mode(home.home())).isEqualTo("rwx------");
		assertThat(mode(outbox)).isEqualTo("rwx------");
		assertThat(mode(report.getParent())).isEqualTo("rwx------");
		assertThat(mode(report.getParent().getParent())).isEqualTo("rwx------");
		assertThat(files(outbox)).hasSize((int) result.sent())
			.allSatisfy((eml) -> assertThat(mode(eml)).isEqualTo("rw-------"));
		assertThat(mode(report)).isEqualTo("rw-------");
		assertThat(mode(csv)).isEqualTo("rw-------");
		assertThat(mode(xlsx)).isEqualTo("rw-------");
	}

	@Test
	void aLinkPlantedAtTheTemporaryNameOfAnEmailIsNeverWrittenThrough() throws Exception {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("importusers/invites.csv").toString());
		Path victim = Files.writeString(Files.createTempDirectory("victim").resolve("victim.txt"), "untouched");
		Map<String, String> names = new TreeMap<>();
		this.jdbc.query("select o.id, u.email from email_outbox o join app_user u on u.id = o.user_id", (rs) -> {
			names.put(MailMessages.fileName(rs.getString(2), EmailKind.ACTIVATION, rs.getLong(1)), rs.getString(2));
		});
		for (String name : names.keySet()) {
			Files.createSymbolicLink(this.outbox.resolve("." + name + ".eml.tmp"), victim);
			Files.createSymbolicLink(this.outbox.resolve(name + ".eml.tmp"), victim);
		}

		DeliveryResult result = delivery().deliver("acme", 1, (progress) -> {
		});

		assertThat(result.sent()).isEqualTo(6);
		assertThat(victim).hasContent("untouched");
		for (Map.Entry<String, String> name : names.entrySet()) {
			Path eml = this.outbox.resolve(name.getKey() + ".eml");
			assertThat(Files.isRegularFile(eml, LinkOption.NOFOLLOW_LINKS)).as(eml.toString()).isTrue();
			assertThat(((InternetAddress) parse(eml).getRecipients(Message.RecipientType.TO)[0]).getAddress())
				.isEqualTo(name.getValue());
			assertThat(mode(eml)).isEqualTo("rw-------");
		}
	}

	private OutboxDelivery delivery() {
		return delivery(this.outbox);
	}

	private OutboxDelivery delivery(Path folder) {
		return new OutboxDelivery(this.jdbc, this.context.getBean(PlatformTransactionManager.class),
				this.context.getBean(DataSource.class), new EmlFolderTransport(folder),
				this.context.getBean(RosterMailProperties.class), this.accounts);
	}

	private List<Path> files() throws IOException {
		return files(this.outbox);
	}

	private static List<Path> files(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.toList();
		}
	}

	private static String mode(Path path) {
		try {
			return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static MimeMessage parse(Path file) throws Exception {
		try (InputStream in = Files.newInputStream(file)) {
			return new MimeMessage(Session.getInstance(new Properties()), in);
		}
	}

}
