package dev.roster.inbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs each account's work one task at a time, in the order it was submitted, and different accounts' work in
 * parallel on a fixed number of threads. An account whose task ends goes to the back of the line, so one account
 * with a long backlog never starves the others.
 */
final class AccountLanes {

	private static final Log logger = LogFactory.getLog(AccountLanes.class);

	private final ExecutorService workers;

	private final Map<String, Deque<Runnable>> waiting = new HashMap<>();

	private final Set<String> busy = new HashSet<>();

	private boolean closed;

	AccountLanes(int threads) {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory factory = (runnable) -> {
			Thread thread = new Thread(runnable, "inbox-" + count.incrementAndGet());
			thread.setDaemon(false);
			return thread;
		};
		this.workers = Executors.newFixedThreadPool(threads, factory);
	}

	/** Queues a task in the account's lane; returns {@code false} when closed, having queued nothing. */
	synchronized boolean submit(String account, Runnable task) {
		if (this.closed) {
			return false;
		}
		this.waiting.computeIfAbsent(account, (key) -> new ArrayDeque<>()).add(task);
		if (this.busy.add(account)) {
			this.workers.execute(() -> runNext(account));
		}
		return true;
	}

	/** Tasks submitted and not started yet. */
	synchronized int waiting() {
		return this.waiting.values().stream().mapToInt(Deque::size).sum();
	}

	/** Accounts with a task running or about to. */
	synchronized int running() {
		return this.busy.size();
	}

	/**
	 * Takes no more tasks and drops those not started (their files are still in the inbox or the work folder), then
	 * waits for the running ones. Returns whether they ended in time.
	 */
	boolean close(Duration timeout) {
		synchronized (this) {
			this.closed = true;
			this.waiting.clear();
		}
		this.workers.shutdown();
		try {
			return this.workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void runNext(String account) {
		Runnable task;
		synchronized (this) {
			Deque<Runnable> queue = this.waiting.get(account);
			task = (queue != null) ? queue.poll() : null;
			if (task == null) {
				this.busy.remove(account);
				this.waiting.remove(account);
				return;
			}
		}
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			logger.error("inbox: work for account " + account + " failed: " + ex.getMessage(), ex);
		}
		finally {
			synchronized (this) {
				Deque<Runnable> queue = this.waiting.get(account);
				if (queue == null || queue.isEmpty() || this.closed) {
					this.busy.remove(account);
					this.waiting.remove(account);
				}
				else {
					this.workers.execute(() -> runNext(account));
				}
			}
		}
	}

}
