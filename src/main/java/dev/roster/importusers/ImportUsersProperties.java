package dev.roster.importusers;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of import-users, bound from {@code roster.import-users.*}.
 *
 * @param chunkSize rows per transaction: a failure rolls back at most this many rows, which a rerun applies again.
 * Each chunk costs a dozen round trips and statements whatever its size (the lookup, the id and code blocks, three
 * COPYs, Spring Batch's bookkeeping, the commit): at 5000 rows they weigh a fifth of what they did at 1000.
 */
@ConfigurationProperties("roster.import-users")
record ImportUsersProperties(@DefaultValue("5000") int chunkSize) {
}
