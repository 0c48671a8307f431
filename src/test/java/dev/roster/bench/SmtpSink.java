package dev.roster.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.UserImpl;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * A local SMTP server that accepts every message and keeps none — GreenMail with a delivery that only counts — so a
 * benchmark of tens of thousands of emails measures the senders, not a growing mailbox. It keeps the messages of a few
 * chosen recipients, for a baseline to copy.
 */
final class SmtpSink implements AutoCloseable {

	private final GreenMail server;

	private final AtomicLong accepted = new AtomicLong();

	private final Set<String> keep = ConcurrentHashMap.newKeySet();

	private final Map<String, MimeMessage> kept = new ConcurrentHashMap<>();

	SmtpSink() {
		ServerSetup setup = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
		setup.setReadTimeout(60_000);
		this.server = new GreenMail(setup);
		this.server.start();
		this.server.getUserManager().setMessageDeliveryHandler((message, address) -> {
			this.accepted.incrementAndGet();
			String email = address.getEmail().toLowerCase();
			if (this.keep.contains(email)) {
				this.kept.put(email, message.getMessage());
			}
			return new UserImpl(email, email, "", this.server.getManagers().getImapHostManager()) {

				@Override
				public void deliver(MovingMessage msg) {
					// accepted, counted, dropped
				}

			};
		});
	}

	int port() {
		return this.server.getSmtp().getPort();
	}

	long accepted() {
		return this.accepted.get();
	}

	/** Keeps the next message to this address. */
	void keep(String email) {
		this.keep.add(email.toLowerCase());
	}

	MimeMessage kept(String email) {
		return this.kept.get(email.toLowerCase());
	}

	@Override
	public void close() {
		this.server.stop();
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
