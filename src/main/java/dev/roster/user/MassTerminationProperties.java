package dev.roster.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The thresholds of the {@link MassTerminationGuard}, bound from {@code roster.sync.*} (the names they had when only
 * sync-roster had a guard; terminate uses the same two).
 *
 * @param maxTerminationPercent the guard stops a run that would terminate more than this percentage of the
 * account's users (those not terminated)...
 * @param guardMinUsers ...and more than this many users
 */
@ConfigurationProperties("roster.sync")
public record MassTerminationProperties(@DefaultValue("20") int maxTerminationPercent,
		@DefaultValue("5") int guardMinUsers) {

	public MassTerminationProperties {
		if (maxTerminationPercent < 0 || maxTerminationPercent > 100) {
			throw new IllegalArgumentException(
					"roster.sync.max-termination-percent must be 0 to 100, got " + maxTerminationPercent);
		}
		if (guardMinUsers < 0) {
			throw new IllegalArgumentException("roster.sync.guard-min-users must be 0 or more, got " + guardMinUsers);
		}
	}

}
