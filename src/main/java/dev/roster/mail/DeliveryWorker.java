package dev.roster.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import dev.roster.mail.DeliveryRun.Chunk;
import dev.roster.mail.MailTemplates.EmailTemplate;
import dev.roster.mail.OutboxClaims.ClaimedEmail;
import dev.roster.mail.OutboxClaims.Outcomes;
import dev.roster.mail.OutboxClaims.PendingEmail;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One worker of a {@link DeliveryRun}: one connection at a time, reused for {@code messages-per-connection} emails.
 * It connects before it claims, so an unreachable server never leaves emails claimed; it claims its next chunk while
 * it sends the current one, and records a chunk while it sends the next, so the database round trips overlap the
 * SMTP ones. What is retried, and when, is the {@link RetryPolicy}'s.
 */
final class DeliveryWorker {

	private static final Log logger = LogFactory.getLog(DeliveryWorker.class);

	private static final Duration IDLE = Duration.ofMillis(20);

	private final DeliveryRun run;

	private final OutboxClaims claims;

	private final MailTransport transport;

	private final MailMessages messages;

	private final Map<String, EmailTemplate> templates;

	private final RosterMailProperties properties;

	private final RetryPolicy policy;

	private final RateLimiter rateLimiter;

	private MailTransport.Connection connection;

	private int onConnection;

	DeliveryWorker(DeliveryRun run, OutboxClaims claims, MailTransport transport, MailMessages messages,
			Map<String, EmailTemplate> templates, RosterMailProperties properties, RetryPolicy policy,
			RateLimiter rateLimiter) {
		this.run = run;
		this.claims = claims;
		this.transport = transport;
		this.messages = messages;
		this.templates = templates;
		this.properties = properties;
		this.policy = policy;
		this.rateLimiter = rateLimiter;
	}

	/** Delivers until nothing this worker can take is due within {@code max-wait}, or the run stops. */
	void work() throws InterruptedException, ExecutionException {
		Future<Chunk> prefetched = null;
		Future<?> recording = null;
		try {
			while (!this.run.stopped()) {
				if (prefetched != null && this.connection == null) {
					// the connection broke: what was claimed ahead waits in the queue while it is opened again
					release(prefetched);
					prefetched = null;
				}
				Chunk chunk;
				if (prefetched != null) {
					chunk = prefetched.get();
					prefetched = null;
				}
				else if (this.connection == null && this.run.nextAccount() == null) {
					chunk = null;
				}
				else {
					// connected before claiming: an unreachable server never leaves emails claimed
					if (this.connection == null && !reconnect(true)) {
						return;
					}
					chunk = this.run.claimNext();
				}
				if (chunk == null) {
					// this worker's last outcomes may schedule a retry: they must be in the database to be seen
					await(recording);
					recording = null;
					Duration wait = untilNextDue();
					if (wait == null) {
						return;
					}
					// due now yet not claimable: another worker is taking it
					sleep(wait.compareTo(IDLE) > 0 ? wait : IDLE);
					continue;
				}
				if (chunk.emails().isEmpty()) {
					this.run.drained(chunk.account());
					continue;
				}
				// the next chunk is claimed, its claim committed, while this one is sent
				prefetched = this.run.prefetch().submit(this.run::claimNext);
				Outcomes outcomes = new Outcomes();
				try {
					sendChunk(chunk, outcomes);
				}
				finally {
					await(recording);
					// recorded while the next chunk is sent; one chunk at a time, so a slow database holds sending
					// back
					recording = this.run.recorder().submit(() -> {
						this.claims.record(outcomes);
						this.run.recorded();
						return null;
					});
				}
			}
		}
		finally {
			await(recording);
			if (prefetched != null) {
				release(prefetched);
			}
			if (this.connection != null) {
				this.connection.close();
			}
		}
	}

	/** How long until the next email is due, or {@code null} when none is due within {@code max-wait}. */
	private Duration untilNextDue() {
		Instant due = this.claims.nextDue(this.run.accountId());
		if (due == null) {
			return null;
		}
		Duration wait = Duration.between(Instant.now(), due);
		return this.policy.waitsFor(wait) ? wait : null;
	}

	/** Sends a chunk's emails in turn; what the connection could not take is released, untried. */
	private void sendChunk(Chunk chunk, Outcomes outcomes) throws InterruptedException {
		List<PendingEmail> pending = chunk.emails();
		int next = 0;
		try {
			while (this.connection != null && next < pending.size() && !this.run.stopped()) {
				PendingEmail email = pending.get(next++);
				if (this.transport.rateLimited()) {
					this.rateLimiter.acquire(chunk.account());
				}
				Sent result = send(email, outcomes);
				if (result == Sent.YES) {
					this.onConnection++;
				}
				else if (result == Sent.CONNECTION_LOST || (result == Sent.NO && !this.connection.isOpen())) {
					this.connection.close();
					reconnect(false);
				}
				if (this.connection != null && this.onConnection >= this.properties.messagesPerConnection()) {
					this.connection.close();
					reconnect(false);
				}
			}
		}
		finally {
			while (next < pending.size()) {
				outcomes.released(pending.get(next++));
			}
		}
	}

	private static void await(Future<?> recording) throws InterruptedException, ExecutionException {
		if (recording != null) {
			recording.get();
		}
	}

	/** Puts a chunk claimed ahead back in the queue, untried. */
	private void release(Future<Chunk> prefetched) throws InterruptedException, ExecutionException {
		Chunk chunk = prefetched.get();
		if (chunk != null && !chunk.emails().isEmpty()) {
			Outcomes outcomes = new Outcomes();
			chunk.emails().forEach(outcomes::released);
			this.claims.record(outcomes);
		}
	}

	/** Sends one email and notes its outcome. */
	private Sent send(PendingEmail pending, Outcomes outcomes) {
		ClaimedEmail email = pending.email();
		MimeMessage message;
		try {
			EmailTemplate template = this.templates.getOrDefault(DeliveryRun.key(email.kind(), email.language()),
					this.templates.get(DeliveryRun.key(email.kind(), "en")));
			EmailContent content = template.render(values(pending));
			message = this.messages.build(this.transport.session(), email.messageId(), email.email(),
					email.firstName() + " " + email.lastName(), content);
		}
		catch (MessagingException | RuntimeException ex) {
			fail(pending, SendFailure.of(ex instanceof MessagingException ? ex
					: new MessagingException("cannot render the email: " + SendFailure.describe(ex), ex)), outcomes);
			return Sent.NOT_TRIED;
		}
		try {
			this.connection.send(message, MailMessages.fileName(email.email(), email.kind(), email.id()));
		}
		catch (MessagingException ex) {
			SendFailure failure = SendFailure.of(ex);
			fail(pending, failure, outcomes);
			return failure.connectionLost() ? Sent.CONNECTION_LOST : Sent.NO;
		}
		outcomes.sent(pending, Instant.now());
		this.run.sentOne(email.possibleDuplicate());
		return Sent.YES;
	}

	private void fail(PendingEmail pending, SendFailure failure, Outcomes outcomes) {
		ClaimedEmail email = pending.email();
		this.run.error(email.email() + ": " + failure.message());
		RetryPolicy.Verdict verdict = this.policy.afterFailure(failure, email.attempts() + 1, Instant.now());
		outcomes.failed(pending, verdict.retryAt(), verdict.error(), verdict.maybeDelivered());
		if (verdict.isFinal()) {
			this.run.failedOne();
		}
	}

	/**
	 * Opens a new connection; with {@code retry}, tries again with backoff up to the attempt limit.
	 * @return whether it is open (else the run's last error says why)
	 */
	private boolean reconnect(boolean retry) throws InterruptedException {
		this.connection = connect(retry);
		this.onConnection = 0;
		return this.connection != null;
	}

	private MailTransport.Connection connect(boolean retry) throws InterruptedException {
		for (int attempt = 1;; attempt++) {
			try {
				return this.transport.connect();
			}
			catch (AuthenticationFailedException ex) {
				// wrong credentials do not fix themselves: no retry
				this.run.error("the mail server refused the login: " + SendFailure.describe(ex));
				this.run.stop();
				return null;
			}
			catch (MessagingException ex) {
				String error = "cannot connect to " + this.transport.describe() + ": " + SendFailure.describe(ex);
				this.run.error(error);
				if (!retry || !this.policy.connectAgain(attempt) || this.run.stopped()) {
					logger.warn(error);
					return null;
				}
				sleep(this.policy.connectBackoff(attempt));
			}
		}
	}

	private Map<String, String> values(PendingEmail pending) {
		ClaimedEmail email = pending.email();
		Map<String, String> values = new HashMap<>(16);
		values.put("firstName", email.firstName());
		values.put("lastName", email.lastName());
		values.put("email", email.email());
		values.put("accountName", email.accountName());
		values.put("hostCode", (email.hostCode() != null) ? email.hostCode() : "");
		values.put("guestCode", (email.guestCode() != null) ? email.guestCode() : "");
		values.put("link", this.properties.portalUrl() + "/" + email.kind().portalPath() + "?token="
				+ pending.token());
		return values;
	}

	private static void sleep(Duration duration) throws InterruptedException {
		Thread.sleep(Math.max(1, duration.toMillis()));
	}

	/** What became of one email on its connection. */
	private enum Sent {

		/** The server accepted it. */
		YES,

		/** The server refused it; the connection may still be usable. */
		NO,

		/** The connection broke while sending it. */
		CONNECTION_LOST,

		/** It could not be built, so the connection was not used. */
		NOT_TRIED

	}

}
