package dev.roster.mail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
import dev.roster.mail.OutboxClaims.PendingEmail;

/**
 * One delivery: {@code connections} {@link DeliveryWorker}s, each with its own connection, claim chunks of due emails
 * account by account in turn, send them one by one over that connection, and record each chunk's outcomes in one
 * transaction. This class holds what they share: the accounts in turn, the counts, the last error, the threads that
 * claim ahead and record behind, and whether to stop.
 * <p>
 * Connection failures do not count against emails: a worker retries with backoff, then gives up and the emails stay
 * queued. Failures of one email (a 4xx reply, a connection lost while sending it) are retried with backoff up to the
 * attempt limit; a 5xx reply or an address mail cannot go to ends the email as failed at once ({@link RetryPolicy}).
 * The delivery waits for retries that fall due within {@code max-wait}; later ones are left to the next delivery.
 */
final class DeliveryRun {

	private final OutboxClaims claims;

	private final MailTransport transport;

	private final MailMessages messages;

	private final Map<String, EmailTemplate> templates;

	private final RosterMailProperties properties;

	private final RetryPolicy policy;

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
		this.policy = RetryPolicy.of(properties);
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
				DeliveryWorker worker = new DeliveryWorker(this, this.claims, this.transport, this.messages,
						this.templates, this.properties, this.policy, this.rateLimiter);
				futures.add(executor.submit(() -> {
					worker.work();
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

	// what the workers share: the accounts in turn, the counts, the last error, whether to stop

	ExecutorService prefetch() {
		return this.prefetch;
	}

	ExecutorService recorder() {
		return this.recorder;
	}

	Long accountId() {
		return this.accountId;
	}

	boolean stopped() {
		return this.stopped;
	}

	void stop() {
		this.stopped = true;
	}

	void error(String error) {
		this.lastError = error;
	}

	void sentOne(boolean possibleDuplicate) {
		this.sent.incrementAndGet();
		if (possibleDuplicate) {
			this.duplicates.incrementAndGet();
		}
	}

	void failedOne() {
		this.failed.incrementAndGet();
	}

	/** A chunk's outcomes are in the database: the counts so far are reported. */
	void recorded() {
		this.progress.accept(counts());
	}

	/** Claims the next chunk: {@code null} when no account has emails due now. */
	Chunk claimNext() {
		Long account = nextAccount();
		if (account == null) {
			return null;
		}
		Claim claim = this.claims.claim(account, this.claimer, this.runId, this.properties.chunkSize(),
				this.messages.domain(), this.properties::linkValidity);
		this.cancelled.addAndGet(claim.cancelled());
		return new Chunk(account, claim.pending());
	}

	static String key(EmailKind kind, String language) {
		return kind.value() + "/" + language;
	}

	/** The next account with due emails, in turn, so that a large account does not hold the others back. */
	Long nextAccount() {
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

	void drained(long account) {
		synchronized (this.accounts) {
			this.accounts.remove(account);
		}
	}

	/** Emails claimed together, all of one account. */
	record Chunk(long account, List<PendingEmail> emails) {
	}

}
