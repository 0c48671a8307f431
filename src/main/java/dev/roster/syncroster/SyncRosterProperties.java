package dev.roster.syncroster;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of sync-roster, bound from {@code roster.sync.*}.
 *
 * @param chunkSize rows staged per transaction
 * @param maxTerminationPercent the guard stops a sync that would terminate more than this percentage of the
 * account's users (those not terminated)...
 * @param guardMinUsers ...and more than this many users
 */
@ConfigurationProperties("roster.sync")
record SyncRosterProperties(@DefaultValue("5000") int chunkSize, @DefaultValue("20") int maxTerminationPercent,
		@DefaultValue("5") int guardMinUsers) {

	SyncRosterProperties {
		if (maxTerminationPercent < 0 || maxTerminationPercent > 100) {
			throw new IllegalArgumentException(
					"roster.sync.max-termination-percent must be 0 to 100, got " + maxTerminationPercent);
		}
		if (guardMinUsers < 0) {
			throw new IllegalArgumentException("roster.sync.guard-min-users must be 0 or more, got " + guardMinUsers);
		}
	}

}
