package dev.roster.syncroster;

import java.util.Locale;

/**
 * Decides whether a sync may terminate the users it found absent. Terminations cannot be undone, so a sync that
 * would terminate more than {@code maxTerminationPercent} of the account's users and more than {@code guardMinUsers}
 * stops before changing anything, unless the command approves it: {@code --allow-mass-termination} approves any
 * number, {@code --max-terminations N} exactly up to N (more stops it, even under the percentage).
 * <p>
 * A damaged file never terminates anyone, whatever the options: one with no valid rows, or with more rejected rows
 * than the guard allows terminations. Rows rejected for a bad value still name their users, so those are not
 * terminated, but so many rejections mean the file is not a roster to trust.
 */
record SyncRosterGuard(int maxTerminationPercent, int guardMinUsers, boolean allowMassTermination,
		Integer maxTerminations) {

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
		long allowed = allowed(users);
		if (appliedRows == 0) {
			return String.format(Locale.ROOT, "the file has no valid rows, and a file with no valid rows never "
					+ "terminates anyone (it would terminate %d of %d users); nothing was changed", terminations, users);
		}
		if (rejectedRows > allowed) {
			return String.format(Locale.ROOT, "%d rows were rejected, more than the %d terminations the guard allows "
					+ "(%d%% of %d users, at least %d): a file that damaged never terminates anyone, whatever the "
					+ "options; nothing was changed. Fix the rejected rows (see the report) and run it again",
					rejectedRows, allowed, this.maxTerminationPercent, users, this.guardMinUsers);
		}
		if (this.maxTerminations != null) {
			return (terminations > this.maxTerminations) ? String.format(Locale.ROOT,
					"it would terminate %d users, more than --max-terminations %d allows; nothing was changed. "
							+ "The plan is in the report; to approve, run it again with --max-terminations %d",
					terminations, this.maxTerminations, terminations) : null;
		}
		if (this.allowMassTermination || terminations <= allowed) {
			return null;
		}
		return String.format(Locale.ROOT, "mass-termination guard: it would terminate %d of %d users (%s), more than "
				+ "%d%% and more than %d; nothing was changed. The plan is in the report; to approve, run it again "
				+ "with --max-terminations %d (or --allow-mass-termination)", terminations, users,
				percent(terminations, users), this.maxTerminationPercent, this.guardMinUsers, terminations);
	}

	/** The most terminations that go ahead without approval: the percentage of the users, or the minimum. */
	long allowed(long users) {
		return Math.max(users * this.maxTerminationPercent / 100, this.guardMinUsers);
	}

	private static String percent(long part, long whole) {
		return (whole == 0) ? "all" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
	}

}
