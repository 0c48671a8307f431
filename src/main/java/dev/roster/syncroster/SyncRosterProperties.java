package dev.roster.syncroster;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of sync-roster, bound from {@code roster.sync.*}. The guard's two settings under the same prefix belong to
 * {@link dev.roster.user.MassTerminationProperties}, which terminate shares.
 *
 * @param chunkSize rows staged per transaction
 */
@ConfigurationProperties("roster.sync")
record SyncRosterProperties(@DefaultValue("5000") int chunkSize) {
}
