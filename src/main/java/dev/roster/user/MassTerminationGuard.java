package dev.roster.user;

import java.util.Locale;

/**
 * The rule of the mass-termination guard, shared by every job that terminates users from a file (sync-roster,
 * terminate): terminations cannot be undone, so a run that would terminate more than {@code maxTerminationPercent}
 * of the account's users (those not terminated) and more than {@code guardMinUsers} stops before changing anything,
 * until a person approves it. Each job says how it is approved and what else it refuses.
 *
 * @param maxTerminationPercent the percentage of the account's users a run may terminate unapproved...
 * @param guardMinUsers ...or this many, whichever is more
 */
public record MassTerminationGuard(int maxTerminationPercent, int guardMinUsers) {

	public MassTerminationGuard(MassTerminationProperties properties) {
		this(properties.maxTerminationPercent(), properties.guardMinUsers());
	}

	/** The most terminations that go ahead without approval: the percentage of the users, or the minimum. */
	public long allowed(long users) {
		return Math.max(users * this.maxTerminationPercent / 100, this.guardMinUsers);
	}

	/**
	 * Why terminating {@code terminations} of {@code users} needs approval, or {@code null} when it does not:
	 * {@code it would terminate 6 of 10 users (60%), more than 20% and more than 5}.
	 */
	public String exceeded(long users, long terminations) {
		if (terminations <= allowed(users)) {
			return null;
		}
		return String.format(Locale.ROOT, "it would terminate %d of %d users (%s), more than %d%% and more than %d",
				terminations, users, percent(terminations, users), this.maxTerminationPercent, this.guardMinUsers);
	}

	private static String percent(long part, long whole) {
		return (whole == 0) ? "all" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
	}

}
