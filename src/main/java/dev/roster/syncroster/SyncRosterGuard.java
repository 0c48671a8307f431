package dev.roster.syncroster;

import java.util.Locale;

import dev.roster.user.MassTerminationGuard;

/**
 * Decides whether a sync may terminate the users it would terminate: the shared {@link MassTerminationGuard}, which
 * the command approves with {@code --allow-mass-termination} (any number) or {@code --max-terminations N} (exactly
 * up to N; more stops it, even under the percentage).
 * <p>
 * A damaged file never terminates anyone, whatever the options: one with no valid rows, or with more rejected rows
 * than the guard allows terminations. Rows rejected for a bad value still name their users, so those are not
 * terminated, but so many rejections mean the file is not a roster to trust. (A row rejected for its email names no
 * one, so no absent user is terminated at all; the apply step sees to that before asking the guard.)
 */
record SyncRosterGuard(MassTerminationGuard guard, boolean allowMassTermination, Integer maxTerminations) {

	/**
	 * @param users the account's users not terminated
	 * @param terminations the users the sync would terminate
	 * @param appliedRows the rows the sync would apply (not rejected)
	 * @param rejectedRows the rows rejected
	 * @return why the sync must stop, or {@code null} when it may go ahead
	 */
	String refusal(long users, long terminations, long appliedRows, long rejectedRows) {
		if (terminations == 0) {
			return null;
		}
		long allowed = this.guard.allowed(users);
		if (appliedRows == 0) {
			return String.format(Locale.ROOT, "the file has no valid rows, and a file with no valid rows never "
					+ "terminates anyone (it would terminate %d of %d users); nothing was changed", terminations, users);
		}
		if (rejectedRows > allowed) {
			return String.format(Locale.ROOT, "%d rows were rejected, more than the %d terminations the guard allows "
					+ "(%d%% of %d users, at least %d): a file that damaged never terminates anyone, whatever the "
					+ "options; nothing was changed. Fix the rejected rows (see the report) and run it again",
					rejectedRows, allowed, this.guard.maxTerminationPercent(), users, this.guard.guardMinUsers());
		}
		if (this.maxTerminations != null) {
			return (terminations > this.maxTerminations) ? String.format(Locale.ROOT,
					"it would terminate %d users, more than --max-terminations %d allows; nothing was changed. "
							+ "The plan is in the report; to approve, run it again with --max-terminations %d",
					terminations, this.maxTerminations, terminations) : null;
		}
		String exceeded = this.allowMassTermination ? null : this.guard.exceeded(users, terminations);
		if (exceeded == null) {
			return null;
		}
		return String.format(Locale.ROOT, "mass-termination guard: %s; nothing was changed. The plan is in the report; "
				+ "to approve, run it again with --max-terminations %d (or --allow-mass-termination)", exceeded,
				terminations);
	}

}
