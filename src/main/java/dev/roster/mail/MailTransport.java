package dev.roster.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** Where delivered emails go: an SMTP server, or a folder of {@code .eml} files. */
interface MailTransport {

	/** The session messages are built in. */
	Session session();

	/** Opens a connection that sends many messages, one after the other. */
	Connection connect() throws MessagingException;

	/** Whether the per-account rate limit applies (it protects mail servers, not a folder). */
	boolean rateLimited();

	/** Where emails go, as a person reads it in a log. */
	String describe();

	/** One connection: used by one thread at a time. */
	interface Connection extends AutoCloseable {

		/**
		 * Sends one message; returning normally means the server accepted it.
		 * @param fileName a name for the message, starting with the recipient's address
		 */
		void send(MimeMessage message, String fileName) throws MessagingException;

		/** Whether the connection can still send, after a failure. */
		boolean isOpen();

		@Override
		void close();

	}

}
