package dev.roster.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * SMTP through the {@link JavaMailSenderImpl} Spring Boot configures from {@code spring.mail.*} (host, port, user,
 * password, STARTTLS or SSL, timeouts in {@code spring.mail.properties.*}). Its {@code send} opens a connection per
 * call; deliveries instead keep a connection open for many messages, so they connect the way it does — its session,
 * protocol, host, port and credentials — and learn each message's fate as soon as the server answers.
 */
final class SmtpTransport implements MailTransport {

	private final JavaMailSenderImpl sender;

	SmtpTransport(JavaMailSenderImpl sender) {
		this.sender = sender;
	}

	@Override
	public Session session() {
		return this.sender.getSession();
	}

	@Override
	public Connection connect() throws MessagingException {
		Session session = this.sender.getSession();
		String protocol = this.sender.getProtocol();
		if (protocol == null) {
			protocol = session.getProperty("mail.transport.protocol");
		}
		Transport transport = session.getTransport((protocol != null) ? protocol : JavaMailSenderImpl.DEFAULT_PROTOCOL);
		String username = this.sender.getUsername();
		String password = this.sender.getPassword();
		if ("".equals(username)) {
			username = null;
			password = "".equals(password) ? null : password;
		}
		transport.connect(this.sender.getHost(), this.sender.getPort(), username, password);
		return new SmtpConnection(transport);
	}

	@Override
	public boolean rateLimited() {
		return true;
	}

	@Override
	public String describe() {
		return "SMTP " + this.sender.getHost() + ((this.sender.getPort() > 0) ? ":" + this.sender.getPort() : "");
	}

	private record SmtpConnection(Transport transport) implements Connection {

		@Override
		public void send(MimeMessage message, String fileName) throws MessagingException {
			this.transport.sendMessage(message, message.getAllRecipients());
		}

		@Override
		public boolean isOpen() {
			// asks the server (NOOP): called only after a failure
			return this.transport.isConnected();
		}

		@Override
		public void close() {
			try {
				this.transport.close();
			}
			catch (MessagingException ex) {
				// QUIT not answered: the connection is gone either way
			}
		}

	}

}
