package dev.roster.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.roster.mail.MailTemplates.EmailTemplate;
import dev.roster.mail.OutboxClaims.Claim;
import dev.roster.mail.OutboxClaims.ClaimedEmail;
import dev.roster.mail.OutboxClaims.Outcomes;
import dev.roster.mail.OutboxClaims.PendingEmail;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One delivery: several workers, each with its own connection, claim chunks of due emails account by account in
 * turn, send them one by one over that connection, and record each chunk's outcomes in one transaction. A worker
 * claims its next chunk while it sends the current one, and records a chunk while it sends the next, so the database
 * round trips overlap the SMTP ones.
 * <p>
 * A worker connects before it claims, so an unreachable server never leaves emails claimed. Connection failures do
 * not count against emails: the worker retries with backoff, then gives up and the emails stay queued. Failures of
 * one email (a 4xx reply, a connection lost while sending it) are retried with backoff up to the attempt limit; a 5xx
 * reply or an address mail cannot go to ends the email as failed at once. The delivery waits for retries that fall
 * due within {@code max-wait}; later ones are left to the next delivery.
 */
final class DeliveryRun {

	private static final Log logger = LogFactory.getLog(DeliveryRun.class);

	private static final Duration IDLE = Duration.ofMillis(20);

	private final OutboxClaims claims;

	private final MailTransport transport;

	private final MailMessages messages;

	private final Map<String, EmailTemplate> templates;

	private final RosterMailProperties properties;

	private final RateLimiter rateLimiter;

	private final Long accountId;

	private final long runId;

	private final int claimer;

	private final Consumer<DeliveryResult> progress;

	private final Deque<Long> accounts = new ArrayDeque<>();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong cancelled = new AtomicLong();

	private final AtomicLong duplicates = new AtomicLong();

	private ExecutorService prefetch;

	private ExecutorService recorder;

	private volatile String lastError;

	private volatile boolean stopped;

	DeliveryRun(OutboxClaims claims, MailTransport transport, MailMessages messages, Map<String, EmailTemplate> templates,
			RosterMailProperties properties, RateLimiter rateLimiter, Long accountId, long runId, int claimer,
			Consumer<DeliveryResult> progress) {
		this.claims = claims;
		this.transport = transport;
		this.messages = messages;
		this.templates = templates;
		this.properties = properties;
		this.rateLimiter = rateLimiter;
		this.accountId = accountId;
		this.runId = runId;
		this.claimer = claimer;
		this.progress = progress;
	}

	/** Runs the workers until nothing is due within {@code max-wait}; returns the counts (remaining not set). */
	DeliveryResult run() {
		int workers = this.properties.connections();
		AtomicInteger number = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool(workers, (task) -> {
			Thread thread = new Thread(task, "roster-mail-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.prefetch = Executors.newFixedThreadPool(workers, (task) -> {
			Thread thread = new Thread(task, "roster-mail-claim-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.recorder = Executors.newFixedThreadPool(workers, (task) -> {
			Thread thread = new Thread(task, "roster-mail-record-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < workers; i++) {
				futures.add(executor.submit(() -> {
					work();
					return null;
				}));
			}
			RuntimeException failure = null;
			for (Future<?> future : futures) {
				try {
					future.get();
				}
				catch (ExecutionException ex) {
					this.stopped = true;
					if (failure == null) {
						failure = (ex.getCause() instanceof RuntimeException runtime) ? runtime
								: new IllegalStateException(ex.getCause());
					}
				}
				catch (InterruptedException ex) {
					this.stopped = true;
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Delivery interrupted", ex);
				}
			}
			if (failure != null) {
				throw failure;
			}
			return counts();
		}
		finally {
			executor.shutdownNow();
			this.prefetch.shutdownNow();
			this.recorder.shutdownNow();
		}
	}

	private DeliveryResult counts() {
		return new DeliveryResult(this.sent.get(), this.failed.get(), this.cancelled.get(), this.duplicates.get(), 0,
				null, this.lastError);
	}

	private void work() throws InterruptedException, ExecutionException {
		MailTransport.Connection connection = null;
		int onConnection = 0;
		Future<Chunk> prefetched = null;
		Future<?> recording = null;
		try {
			while (!this.stopped) {
				if (prefetched != null && connection == null) {
					// the connection broke: what was claimed ahead waits in the queue while it is opened again
					release(prefetched);
					prefetched = null;
				}
				Chunk chunk;
				if (prefetched != null) {
					chunk = prefetched.get();
					prefetched = null;
				}
				else if (connection == null && nextAccount() == null) {
					chunk = null;
				}
				else {
					// connected before claiming: an unreachable server never leaves emails claimed
					if (connection == null) {
						connection = connect(true);
						if (connection == null) {
							return;
						}
						onConnection = 0;
					}
					chunk = claimNext();
				}
				if (chunk == null) {
					// this worker's last outcomes may schedule a retry: they must be in the database to be seen
					await(recording);
					recording = null;
					Instant due = this.claims.nextDue(this.accountId);
					if (due == null) {
						return;
					}
					Duration wait = Duration.between(Instant.now(), due);
					if (wait.compareTo(this.properties.maxWait()) > 0) {
						return;
					}
					// due now yet not claimable: another worker is taking it
					sleep(wait.compareTo(IDLE) > 0 ? wait : IDLE);
					continue;
				}
				if (chunk.emails().isEmpty()) {
					drained(chunk.account());
					continue;
				}
				Outcomes outcomes = new Outcomes();
				List<PendingEmail> pending = chunk.emails();
				int next = 0;
				try {
					// the next chunk is claimed, its claim committed, while this one is sent
					prefetched = this.prefetch.submit(this::claimNext);
					while (connection != null && next < pending.size() && !this.stopped) {
						PendingEmail email = pending.get(next++);
						if (this.transport.rateLimited()) {
							this.rateLimiter.acquire(chunk.account());
						}
						Sent result = send(connection, email, outcomes);
						if (result == Sent.YES) {
							onConnection++;
						}
						else if (result == Sent.CONNECTION_LOST || (result == Sent.NO && !connection.isOpen())) {
							connection.close();
							connection = connect(false);
							onConnection = 0;
						}
						if (connection != null && onConnection >= this.properties.messagesPerConnection()) {
							connection.close();
							connection = connect(false);
							onConnection = 0;
						}
					}
				}
				finally {
					while (next < pending.size()) {
						outcomes.released(pending.get(next++));
					}
					await(recording);
					// recorded while the next chunk is sent; one chunk at a time, so a slow database holds sending back
					recording = this.recorder.submit(() -> {
						this.claims.record(outcomes);
						this.progress.accept(counts());
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
			if (connection != null) {
				connection.close();
			}
		}
	}

	private static void await(Future<?> recording) throws InterruptedException, ExecutionException {
		if (recording != null) {
			recording.get();
		}
	}

	/** Claims the next chunk: {@code null} when no account has emails due now. */
	private Chunk claimNext() {
		Long account = nextAccount();
		if (account == null) {
			return null;
		}
		Claim claim = this.claims.claim(account, this.claimer, this.runId, this.properties.chunkSize(),
				this.messages.domain(), this.properties::linkValidity);
		this.cancelled.addAndGet(claim.cancelled());
		return new Chunk(account, claim.pending());
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
	private Sent send(MailTransport.Connection connection, PendingEmail pending, Outcomes outcomes) {
		ClaimedEmail email = pending.email();
		MimeMessage message;
		try {
			EmailTemplate template = this.templates.getOrDefault(key(email.kind(), email.language()),
					this.templates.get(key(email.kind(), "en")));
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
			connection.send(message, MailMessages.fileName(email.email(), email.kind(), email.id()));
		}
		catch (MessagingException ex) {
			SendFailure failure = SendFailure.of(ex);
			fail(pending, failure, outcomes);
			return failure.connectionLost() ? Sent.CONNECTION_LOST : Sent.NO;
		}
		outcomes.sent(pending, Instant.now());
		this.sent.incrementAndGet();
		if (email.possibleDuplicate()) {
			this.duplicates.incrementAndGet();
		}
		return Sent.YES;
	}

	private void fail(PendingEmail pending, SendFailure failure, Outcomes outcomes) {
		ClaimedEmail email = pending.email();
		int attempts = email.attempts() + 1;
		this.lastError = email.email() + ": " + failure.message();
		if (failure.permanent()) {
			outcomes.failed(pending, null, failure.message(), false);
			this.failed.incrementAndGet();
		}
		else if (attempts >= this.properties.maxAttempts()) {
			outcomes.failed(pending, null, "gave up after " + attempts + " attempts: " + failure.message(),
					failure.maybeDelivered());
			this.failed.incrementAndGet();
		}
		else {
			outcomes.failed(pending, Instant.now().plus(this.properties.backoff(attempts)), failure.message(),
					failure.maybeDelivered());
		}
	}

	/**
	 * Opens a connection; with {@code retry}, tries again with backoff up to the attempt limit.
	 * @return the connection, or {@code null} when the server cannot be reached (the last error says why)
	 */
	private MailTransport.Connection connect(boolean retry) throws InterruptedException {
		for (int attempt = 1;; attempt++) {
			try {
				return this.transport.connect();
			}
			catch (AuthenticationFailedException ex) {
				// wrong credentials do not fix themselves: no retry
				this.lastError = "the mail server refused the login: " + SendFailure.describe(ex);
				this.stopped = true;
				return null;
			}
			catch (MessagingException ex) {
				this.lastError = "cannot connect to " + this.transport.describe() + ": " + SendFailure.describe(ex);
				if (!retry || attempt >= this.properties.maxAttempts() || this.stopped) {
					logger.warn(this.lastError);
					return null;
				}
				Duration backoff = this.properties.backoff(attempt);
				sleep((backoff.compareTo(this.properties.maxWait()) > 0) ? this.properties.maxWait() : backoff);
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

	static String key(EmailKind kind, String language) {
		return kind.value() + "/" + language;
	}

	/** The next account with due emails, in turn, so that a large account does not hold the others back. */
	private Long nextAccount() {
		synchronized (this.accounts) {
			if (this.accounts.isEmpty()) {
				this.accounts.addAll(this.claims.dueAccounts(this.accountId));
			}
			Long account = this.accounts.pollFirst();
			if (account != null) {
				this.accounts.addLast(account);
			}
			return account;
		}
	}

	private void drained(long account) {
		synchronized (this.accounts) {
			this.accounts.remove(account);
		}
	}

	private static void sleep(Duration duration) throws InterruptedException {
		Thread.sleep(Math.max(1, duration.toMillis()));
	}

	/** Emails claimed together, all of one account. */
	private record Chunk(long account, List<PendingEmail> emails) {
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
