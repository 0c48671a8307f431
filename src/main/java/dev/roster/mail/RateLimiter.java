package dev.roster.mail;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spaces the messages of each account evenly in time, over all the connections of this process: at most
 * {@code perSecond} a second, with no burst, so a large account never floods its own mail domain nor starves the
 * others. Each process limits itself; two processes delivering one account at once each keep the rate.
 */
final class RateLimiter {

	private final long intervalNanos;

	private final Map<Long, AtomicLong> nextSlot = new ConcurrentHashMap<>();

	RateLimiter(double perSecond) {
		this.intervalNanos = (perSecond > 0) ? (long) (1_000_000_000L / perSecond) : 0;
	}

	/**
	 * Takes the next free slot of an account.
	 * @param now the current {@link System#nanoTime()}
	 * @return how many nanoseconds to wait before sending
	 */
	long reserve(long accountId, long now) {
		if (this.intervalNanos == 0) {
			return 0;
		}
		AtomicLong next = this.nextSlot.computeIfAbsent(accountId, (id) -> new AtomicLong(now));
		long previous = next.getAndAccumulate(now, (slot, time) -> Math.max(slot, time) + this.intervalNanos);
		return Math.max(0, previous - now);
	}

	/** Waits for the account's next slot. */
	void acquire(long accountId) throws InterruptedException {
		long wait = reserve(accountId, System.nanoTime());
		if (wait > 0) {
			Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
		}
	}

}
