package dev.roster.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailMessagesTests {

	private final Session session = Session.getInstance(new Properties());

	private final MailMessages messages = new MailMessages("Conferencing <no-reply@conferencing.example>",
			"Help Desk <help@conferencing.example>");

	@Test
	void writesWhatJakartaMailWritesForTheSameMessage() throws Exception {
		EmailContent content = new EmailContent(
				"Tu cuenta de Conferencing está lista, con un asunto tan largo que la cabecera se pliega en varias líneas",
				"Hola, María:\r\nA line that ends in a blank \n" + "x".repeat(200) + "\n",
				"<html><title>T</title><p>Código = ñ</p></html>");

		String written = write(this.messages.build(this.session, "<id-1@conferencing.example>", "maria@acme.example",
				"María Núñez-O'Brien \"Q\"", content));
		String reference = write(jakartaMail("<id-1@conferencing.example>", "maria@acme.example",
				"María Núñez-O'Brien \"Q\"", content));

		assertThat(normalized(written)).isEqualTo(normalized(reference));
	}

	@Test
	void aMailProgramReadsItsHeadersAndBothParts() throws Exception {
		MimeMessage built = this.messages.build(this.session, "<id-2@conferencing.example>", "john@acme.example",
				"John Smith", new EmailContent("Your account is ready", "Hello John,\n", "<p>Hello John</p>"));

		MimeMessage read = new MimeMessage(this.session,
				new ByteArrayInputStream(write(built).getBytes(StandardCharsets.ISO_8859_1)));

		assertThat(read.getMessageID()).isEqualTo("<id-2@conferencing.example>");
		assertThat(read.getSubject()).isEqualTo("Your account is ready");
		assertThat(((InternetAddress) read.getRecipients(Message.RecipientType.TO)[0]).getPersonal())
			.isEqualTo("John Smith");
		assertThat(((InternetAddress) read.getReplyTo()[0]).getAddress()).isEqualTo("help@conferencing.example");
		assertThat(read.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
		MimeMultipart parts = (MimeMultipart) read.getContent();
		assertThat(parts.getContentType()).startsWith("multipart/alternative");
		assertThat((String) parts.getBodyPart(0).getContent()).isEqualTo("Hello John,\r\n");
		assertThat((String) parts.getBodyPart(1).getContent()).isEqualTo("<p>Hello John</p>");
		// what the SMTP transport reads, without parsing the message again
		assertThat(built.getAllRecipients()).extracting((address) -> ((InternetAddress) address).getAddress())
			.containsExactly("john@acme.example");
		assertThat(((InternetAddress) built.getFrom()[0]).getAddress()).isEqualTo("no-reply@conferencing.example");
		assertThat(built.getSubject()).isEqualTo("Your account is ready");
	}

	/** The message as Jakarta Mail builds it from parts. */
	private MimeMessage jakartaMail(String messageId, String to, String name, EmailContent content) throws Exception {
		MimeMessage message = new MimeMessage(this.session) {

			@Override
			protected void updateMessageID() throws jakarta.mail.MessagingException {
				setHeader("Message-ID", messageId);
			}

		};
		message.setFrom(new InternetAddress("Conferencing <no-reply@conferencing.example>"));
		message.setReplyTo(new InternetAddress[] { new InternetAddress("Help Desk <help@conferencing.example>") });
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, name, "UTF-8"));
		message.setSubject(content.subject(), "UTF-8");
		message.setSentDate(new Date());
		message.setHeader("Auto-Submitted", "auto-generated");
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(part(content.text(), "plain"));
		alternative.addBodyPart(part(content.html(), "html"));
		message.setContent(alternative);
		message.saveChanges();
		return message;
	}

	private static MimeBodyPart part(String content, String subtype) throws Exception {
		InternetHeaders headers = new InternetHeaders();
		headers.setHeader("Content-Type", "text/" + subtype + "; charset=UTF-8");
		headers.setHeader("Content-Transfer-Encoding", "quoted-printable");
		ByteArrayOutputStream encoded = new ByteArrayOutputStream();
		try (var out = jakarta.mail.internet.MimeUtility.encode(encoded, "quoted-printable")) {
			out.write(content.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		return new MimeBodyPart(headers, encoded.toByteArray());
	}

	private static String write(MimeMessage message) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		message.writeTo(out);
		return out.toString(StandardCharsets.ISO_8859_1);
	}

	/** Without what differs from one message to the next: the date and the boundary. */
	private static String normalized(String message) {
		return message.replaceFirst("(?m)^Date: .*$", "Date: -").replaceAll("----=_Part_[0-9A-Za-z_.]+", "----=_Part_-");
	}

}
