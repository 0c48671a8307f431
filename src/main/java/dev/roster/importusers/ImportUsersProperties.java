package dev.roster.importusers;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of import-users, bound from {@code roster.import-users.*}.
 *
 * @param chunkSize rows per transaction: a failure rolls back at most this many rows, which a rerun applies again
 */
@ConfigurationProperties("roster.import-users")
record ImportUsersProperties(@DefaultValue("1000") int chunkSize) {
}
