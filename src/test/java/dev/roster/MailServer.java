package dev.roster;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.smtp.SmtpConnection;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.RcptCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * The SMTP server of the integration tests: a real GreenMail server on a fixed local port for the whole run, so that
 * it can be stopped and started again where Roster expects it. It can refuse recipients for good (550 to RCPT) or
 * once (451 after DATA), as real servers do.
 */
public final class MailServer {

	public static final GreenMail GREEN_MAIL;

	private static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();

	private static final Set<String> DEFERRED_ONCE = ConcurrentHashMap.newKeySet();

	static {
		installRefusingRcpt();
		GREEN_MAIL = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		GREEN_MAIL.start();
	}

	private MailServer() {
	}

	public static int port() {
		return GREEN_MAIL.getSmtp().getPort();
	}

	/** Running, empty, accepting everyone. */
	public static void reset() {
		REFUSED.clear();
		DEFERRED_ONCE.clear();
		if (!GREEN_MAIL.isRunning()) {
			GREEN_MAIL.start();
		}
		try {
			GREEN_MAIL.purgeEmailFromAllMailboxes();
		}
		catch (FolderException ex) {
			throw new IllegalStateException(ex);
		}
		deferOnceHandler();
	}

	/** RCPT TO these addresses is answered {@code 550 5.1.1}. */
	public static void refuse(String... emails) {
		for (String email : emails) {
			REFUSED.add(email.toLowerCase());
		}
	}

	/** The first message to each of these addresses is answered {@code 451} after its data; later ones pass. */
	public static void deferOnce(String... emails) {
		for (String email : emails) {
			DEFERRED_ONCE.add(email.toLowerCase());
		}
	}

	/** Every message received since the last reset, in arrival order. */
	public static List<Received> received() {
		List<Received> received = new ArrayList<>();
		for (MimeMessage message : GREEN_MAIL.getReceivedMessages()) {
			received.add(Received.of(message));
		}
		return received;
	}

	/** Waits until at least {@code count} messages arrived, at most a minute. */
	public static boolean awaitReceived(int count) {
		return GREEN_MAIL.waitForIncomingEmail(60_000, count);
	}

	public static void stop() {
		GREEN_MAIL.stop();
	}

	public static void start() {
		GREEN_MAIL.start();
		deferOnceHandler();
	}

	private static void deferOnceHandler() {
		GREEN_MAIL.getUserManager().setMessageDeliveryHandler((message, address) -> {
			if (DEFERRED_ONCE.remove(address.getEmail().toLowerCase())) {
				throw new UserException("mailbox busy, try again later (simulated)");
			}
			return user(address);
		});
	}

	private static GreenMailUser user(MailAddress address) throws UserException {
		GreenMailUser user = GREEN_MAIL.getUserManager().getUserByEmail(address.getEmail());
		return (user != null) ? user
				: GREEN_MAIL.getUserManager().createUser(address.getEmail(), address.getEmail(), address.getEmail());
	}

	/** GreenMail accepts every recipient; its command table is static, so a stricter RCPT replaces the default. */
	@SuppressWarnings("unchecked")
	private static void installRefusingRcpt() {
		try {
			Field commands = SmtpCommandRegistry.class.getDeclaredField("commands");
			commands.setAccessible(true);
			((Map<String, SmtpCommand>) commands.get(null)).put("RCPT", new RcptCommand() {

				@Override
				public void execute(SmtpConnection conn, SmtpState state, SmtpManager manager, String commandLine) {
					String line = commandLine.toLowerCase();
					if (REFUSED.stream().anyMatch((email) -> line.contains("<" + email + ">"))) {
						conn.send("550 5.1.1 mailbox unavailable (simulated)");
						return;
					}
					super.execute(conn, state, manager, commandLine);
				}

			});
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("GreenMail's command table moved: " + ex.getMessage(), ex);
		}
	}

	/** A received message, parsed as a mail program would show it. */
	public record Received(String to, String subject, String text, String html, String messageId,
			String contentType) {

		static Received of(MimeMessage message) {
			try {
				String text = null;
				String html = null;
				if (message.getContent() instanceof MimeMultipart parts) {
					for (int i = 0; i < parts.getCount(); i++) {
						BodyPart part = parts.getBodyPart(i);
						if (part.isMimeType("text/plain")) {
							text = (String) part.getContent();
						}
						else if (part.isMimeType("text/html")) {
							html = (String) part.getContent();
						}
					}
				}
				Address[] to = message.getRecipients(Message.RecipientType.TO);
				return new Received(((InternetAddress) to[0]).getAddress().toLowerCase(), message.getSubject(), text,
						html, message.getMessageID(), message.getContentType());
			}
			catch (MessagingException | IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
