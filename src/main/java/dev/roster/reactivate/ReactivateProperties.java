package dev.roster.reactivate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of reactivate, bound from {@code roster.reactivate.*}.
 *
 * @param chunkSize rows per transaction
 */
@ConfigurationProperties("roster.reactivate")
record ReactivateProperties(@DefaultValue("1000") int chunkSize) {
}
