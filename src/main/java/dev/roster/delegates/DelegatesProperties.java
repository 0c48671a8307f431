package dev.roster.delegates;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of import-delegates, bound from {@code roster.delegates.*}.
 *
 * @param chunkSize rows per transaction
 */
@ConfigurationProperties("roster.delegates")
record DelegatesProperties(@DefaultValue("1000") int chunkSize) {
}
