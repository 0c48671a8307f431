package dev.roster.mail;

import java.time.Instant;

/**
 * What one delivery of the outbox did.
 *
 * @param sent emails the server accepted (or written as files)
 * @param failed emails that ended as failed: refused by the server, or still failing after the last attempt
 * @param cancelled emails no longer sent because their user changed (terminated, or active before the welcome left)
 * @param possibleDuplicates emails sent that an earlier delivery may have sent already: it stopped with them in
 * flight, or lost the connection while sending them
 * @param remaining emails this delivery leaves queued: waiting for a retry, or never tried (server unreachable)
 * @param nextAttempt when the first of the remaining emails is due, or {@code null}
 * @param lastError the last error met, or {@code null}
 */
public record DeliveryResult(long sent, long failed, long cancelled, long possibleDuplicates, long remaining,
		Instant nextAttempt, String lastError) {

	/** Whether every email of the scope was sent, failed or cancelled: nothing is left to retry. */
	public boolean complete() {
		return this.remaining == 0;
	}

}
