package dev.roster.mail;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed email or connection is tried again, in one place: a permanent failure (a 5xx reply, an address mail
 * cannot go to) ends the email at once; a passing one is retried after {@code initial-backoff} ×
 * {@code backoff-multiplier}ⁿ until {@code max-attempts}; a delivery waits only for retries due within
 * {@code max-wait}. Connection attempts use the same backoff, capped at {@code max-wait}.
 */
record RetryPolicy(int maxAttempts, Duration maxWait, RosterMailProperties properties) {

	static RetryPolicy of(RosterMailProperties properties) {
		return new RetryPolicy(properties.maxAttempts(), properties.maxWait(), properties);
	}

	/** What becomes of an email whose attempt number {@code attempts} failed with {@code failure}. */
	Verdict afterFailure(SendFailure failure, int attempts, Instant now) {
		if (failure.permanent()) {
			return new Verdict(null, failure.message(), false);
		}
		if (attempts >= this.maxAttempts) {
			return new Verdict(null, "gave up after " + attempts + " attempts: " + failure.message(),
					failure.maybeDelivered());
		}
		return new Verdict(now.plus(this.properties.backoff(attempts)), failure.message(), failure.maybeDelivered());
	}

	/** Whether the connection attempt numbered {@code attempt}, which failed, is tried again. */
	boolean connectAgain(int attempt) {
		return attempt < this.maxAttempts;
	}

	/** How long to wait before the next connection attempt after {@code attempt} failed. */
	Duration connectBackoff(int attempt) {
		Duration backoff = this.properties.backoff(attempt);
		return (backoff.compareTo(this.maxWait) > 0) ? this.maxWait : backoff;
	}

	/** Whether a delivery waits for an email due in {@code wait}, or leaves it to the next delivery. */
	boolean waitsFor(Duration wait) {
		return wait.compareTo(this.maxWait) <= 0;
	}

	/**
	 * The outcome of a failed attempt.
	 * @param retryAt when to try again, or {@code null} when the failure is final
	 * @param error what the report says
	 * @param maybeDelivered whether the server may have taken it anyway (a connection lost after the data was sent)
	 */
	record Verdict(Instant retryAt, String error, boolean maybeDelivered) {

		boolean isFinal() {
			return this.retryAt == null;
		}

	}

}
