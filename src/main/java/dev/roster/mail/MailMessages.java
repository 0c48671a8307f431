package dev.roster.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * Builds the MIME message of an email: {@code multipart/alternative} with the plain text first and the HTML last (the
 * part a mail program prefers), UTF-8, quoted-printable, a Message-ID kept across attempts, and
 * {@code Auto-Submitted: auto-generated} so that out-of-office replies are not sent back.
 * <p>
 * The message is written out here, byte for byte what Jakarta Mail writes for the same headers and parts, and sent as
 * it is: building a {@link MimeMessage} of parts for every email and having Jakarta Mail save and write it cost more
 * than everything else a delivery does in Java. The headers every email shares are written once.
 */
final class MailMessages {

	private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

	static {
		// Jakarta Mail looks its stream provider up with ServiceLoader, a classpath scan, for every body part and
		// multipart unless this names it (jakartaee/mail-api #699, #861); naming it made sending 2.8 times faster
		if (System.getProperty(STREAM_PROVIDER) == null) {
			System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

	private static final byte[] CRLF = { '\r', '\n' };

	private static final int SUBJECTS = 64;

	/** How much of the recipient's address an {@code .eml} file name takes. */
	static final int ADDRESS_IN_FILE_NAME = 160;

	private final InternetAddress from;

	private final InternetAddress[] replyTo;

	/** One boundary serves every message: it contains {@code =_}, which no quoted-printable body does. */
	private final String boundary = "----=_Part_" + UUID.randomUUID().toString().replace("-", "");

	/** The headers and part headers every email has, by the session's {@code mail.mime.allowutf8}. */
	private final Shared[] shared = new Shared[2];

	private volatile DateHeader date = new DateHeader(Long.MIN_VALUE, null);

	/** Subject lines by subject; only the first few are kept, a template may put a name in the subject. */
	private final Map<String, byte[]> subjects = new ConcurrentHashMap<>();

	MailMessages(String from, String replyTo) {
		this.from = parse(from, "roster.mail.from");
		this.replyTo = (replyTo != null && !replyTo.isBlank())
				? new InternetAddress[] { parse(replyTo, "roster.mail.reply-to") } : null;
	}

	/** The sender's domain, which Message-IDs end with. */
	String domain() {
		String address = this.from.getAddress();
		return address.substring(address.indexOf('@') + 1);
	}

	/**
	 * @throws AddressException when the recipient's address is not one mail can be sent to
	 */
	MimeMessage build(Session session, String messageId, String to, String name, EmailContent content)
			throws MessagingException {
		InternetAddress recipient;
		try {
			recipient = new InternetAddress(to, name, StandardCharsets.UTF_8.name());
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
		recipient.validate();
		boolean utf8 = Boolean.parseBoolean(session.getProperty("mail.mime.allowutf8"));
		Shared shared = shared(utf8);
		Address[] recipients = { recipient };
		byte[] text = content.text().getBytes(StandardCharsets.UTF_8);
		byte[] html = content.html().getBytes(StandardCharsets.UTF_8);
		MessageBytes out = new MessageBytes(shared.head.length + shared.parts.length + 512
				+ (text.length + html.length) * 5 / 4);
		// in the order Jakarta Mail writes them
		out.write(dateHeader());
		out.write(shared.head);
		out.header("To: ", utf8 ? InternetAddress.toUnicodeString(recipients, 4)
				: InternetAddress.toString(recipients, 4));
		out.header("Message-ID: ", messageId);
		out.write(subjectHeader(content.subject()));
		out.write(shared.parts);
		QuotedPrintable.encode(text, out);
		out.write(shared.htmlPart);
		QuotedPrintable.encode(html, out);
		out.write(shared.end);
		return new OutboxMessage(session, out, shared.from, recipients, content.subject(), messageId);
	}

	private Shared shared(boolean utf8) {
		int index = utf8 ? 1 : 0;
		Shared shared = this.shared[index];
		if (shared == null) {
			shared = new Shared(this.from, this.replyTo, this.boundary, utf8);
			this.shared[index] = shared;
		}
		return shared;
	}

	/** Formatted once a second, not for every email: Jakarta Mail's date format is shared and synchronized. */
	private byte[] dateHeader() {
		long second = System.currentTimeMillis() / 1000;
		DateHeader date = this.date;
		if (date.second != second) {
			date = new DateHeader(second, MessageBytes.line("Date: ",
					new MailDateFormat().format(new Date(second * 1000))));
			this.date = date;
		}
		return date.line;
	}

	/** Encoded once: a subject is most often the same for every email of a kind and language. */
	private byte[] subjectHeader(String subject) throws MessagingException {
		byte[] line = this.subjects.get(subject);
		if (line == null) {
			try {
				line = MessageBytes.line("Subject: ",
						MimeUtility.fold(9, MimeUtility.encodeText(subject, StandardCharsets.UTF_8.name(), null)));
			}
			catch (UnsupportedEncodingException ex) {
				throw new MessagingException("Encoding error", ex);
			}
			if (this.subjects.size() < SUBJECTS) {
				this.subjects.put(subject, line);
			}
		}
		return line;
	}

	/**
	 * A file name for an email that starts with its recipient's address and is safe on every file system. An address
	 * may have 254 characters but a file name no more than 255 bytes, so only the address's first
	 * {@value #ADDRESS_IN_FILE_NAME} characters are taken: with the kind, the outbox id (which keeps names unique) and
	 * {@code .eml}, a name has at most 200 bytes, ASCII all, and room is left for a temporary name beside it.
	 */
	static String fileName(String recipient, EmailKind kind, long outboxId) {
		return fileName(recipient, kind.value(), Long.toString(outboxId));
	}

	/** The same for an email that is not in the outbox: {@code id} keeps names unique, {@code what} says what it is. */
	static String fileName(String recipient, String what, String id) {
		int length = Math.min(recipient.length(), ADDRESS_IN_FILE_NAME);
		StringBuilder name = new StringBuilder(length + 40);
		for (char c : recipient.substring(0, length).toCharArray()) {
			name.append((c < 0x20 || c > 0x7e || "/\\:*?\"<>|".indexOf(c) >= 0) ? '_' : c);
		}
		return name.append('-').append(what).append('-').append(id).toString();
	}

	private static InternetAddress parse(String address, String property) {
		try {
			InternetAddress parsed = new InternetAddress(address, true);
			if (parsed.getAddress() == null || parsed.getAddress().indexOf('@') < 1) {
				throw new AddressException("no domain", address);
			}
			return parsed;
		}
		catch (AddressException ex) {
			throw new IllegalArgumentException(property + " is not a valid address: '" + address + "'", ex);
		}
	}

	private record DateHeader(long second, byte[] line) {
	}

	/** What every email of a delivery has in common, written out. */
	private static final class Shared {

		final Address[] from;

		/** From and Reply-To. */
		final byte[] head;

		/** From MIME-Version to the plain text part's headers. */
		final byte[] parts;

		/** The end of the plain text and the HTML part's headers. */
		final byte[] htmlPart;

		final byte[] end;

		Shared(InternetAddress from, InternetAddress[] replyTo, String boundary, boolean utf8) {
			this.from = new Address[] { from };
			MessageBytes head = new MessageBytes(256);
			head.header("From: ", address(this.from, 6, utf8));
			if (replyTo != null) {
				head.header("Reply-To: ", address(replyTo, 10, utf8));
			}
			this.head = head.toByteArray();
			MessageBytes parts = new MessageBytes(512);
			parts.header("MIME-Version: ", "1.0");
			parts.header("Content-Type: ", "multipart/alternative; \r\n\tboundary=\"" + boundary + "\"");
			parts.header("Auto-Submitted: ", "auto-generated");
			parts.write(CRLF);
			part(parts, boundary, "plain");
			this.parts = parts.toByteArray();
			MessageBytes html = new MessageBytes(256);
			html.write(CRLF);
			part(html, boundary, "html");
			this.htmlPart = html.toByteArray();
			this.end = MessageBytes.line("", "\r\n--" + boundary + "--");
		}

		private static void part(MessageBytes out, String boundary, String subtype) {
			out.header("--", boundary);
			out.header("Content-Type: ", "text/" + subtype + "; charset=UTF-8");
			out.header("Content-Transfer-Encoding: ", "quoted-printable");
			out.write(CRLF);
		}

		private static String address(Address[] addresses, int used, boolean utf8) {
			return utf8 ? InternetAddress.toUnicodeString(addresses, used) : InternetAddress.toString(addresses, used);
		}

	}

	/**
	 * A message already written out, with the Message-ID chosen at the first attempt. Jakarta Mail's SMTP transport
	 * reads its sender, recipients and subject, and streams its bytes; nothing is parsed or saved again.
	 */
	static final class OutboxMessage extends MimeMessage {

		private final byte[] bytes;

		private final int length;

		private final Address[] from;

		private final Address[] recipients;

		private final String subject;

		private final String messageId;

		OutboxMessage(Session session, MessageBytes bytes, Address[] from, Address[] recipients, String subject,
				String messageId) {
			super(session);
			this.bytes = bytes.array();
			this.length = bytes.length();
			this.from = from;
			this.recipients = recipients;
			this.subject = subject;
			this.messageId = messageId;
		}

		@Override
		public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
			out.write(this.bytes, 0, this.length);
		}

		@Override
		public Address[] getFrom() {
			return this.from.clone();
		}

		@Override
		public Address[] getRecipients(Message.RecipientType type) {
			return (type == Message.RecipientType.TO) ? this.recipients.clone() : null;
		}

		@Override
		public Address[] getAllRecipients() {
			return this.recipients.clone();
		}

		@Override
		public String getSubject() {
			return this.subject;
		}

		@Override
		public String getMessageID() {
			return this.messageId;
		}

		@Override
		public int getSize() {
			return this.length;
		}

		@Override
		public void saveChanges() {
			// written out once and for all
		}

	}

}
