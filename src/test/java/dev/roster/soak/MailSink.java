package dev.roster.soak;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.UserImpl;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;

/**
 * The SMTP server every job of the soak sends to, outliving the processes it kills: it keeps no message, only how many
 * times it accepted each Message-ID and for whom. A delivery killed with a message in flight sends it again with the
 * same Message-ID, so copies beyond the first are counted here exactly as a mailbox would see them.
 */
final class MailSink implements AutoCloseable {

	/** A Message-ID as the server saw it: its recipient and how many copies were accepted. */
	record Received(String recipient, int copies) {
	}

	private final GreenMail server;

	private final AtomicLong accepted = new AtomicLong();

	private final Map<String, Received> received = new ConcurrentHashMap<>();

	private final AtomicLong withoutId = new AtomicLong();

	private final Thread.UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();

	MailSink() {
		// a killed sender resets its connection, which GreenMail reports on stderr as an uncaught exception
		Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
			if (thread.getName().startsWith("smtp:") && causedByReset(failure)) {
				return;
			}
			if (this.previousHandler != null) {
				this.previousHandler.uncaughtException(thread, failure);
			}
			else {
				failure.printStackTrace();
			}
		});
		ServerSetup setup = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
		setup.setReadTimeout(60_000);
		this.server = new GreenMail(setup);
		this.server.start();
		this.server.getUserManager().setMessageDeliveryHandler((message, address) -> {
			String recipient = address.getEmail().toLowerCase(java.util.Locale.ROOT);
			String id = messageId(message);
			if (id == null) {
				this.withoutId.incrementAndGet();
			}
			else {
				this.received.merge(id, new Received(recipient, 1),
						(before, again) -> new Received(before.recipient(), before.copies() + 1));
			}
			this.accepted.incrementAndGet();
			return new UserImpl(recipient, recipient, "", this.server.getManagers().getImapHostManager()) {

				@Override
				public void deliver(MovingMessage msg) {
					// counted above; nothing is kept
				}

			};
		});
	}

	private static boolean causedByReset(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.net.SocketException) {
				return true;
			}
		}
		return false;
	}

	private static String messageId(MovingMessage message) {
		try {
			return message.getMessage().getMessageID();
		}
		catch (MessagingException ex) {
			return null;
		}
	}

	int port() {
		return this.server.getSmtp().getPort();
	}

	long accepted() {
		return this.accepted.get();
	}

	long withoutId() {
		return this.withoutId.get();
	}

	Map<String, Received> received() {
		return Map.copyOf(this.received);
	}

	@Override
	public void close() {
		this.server.stop();
		Thread.setDefaultUncaughtExceptionHandler(this.previousHandler);
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
