package dev.roster.terminate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of terminate and terminate-due, bound from {@code roster.terminate.*}.
 *
 * @param chunkSize rows (terminate) or due users (terminate-due) per transaction
 */
@ConfigurationProperties("roster.terminate")
record TerminateProperties(@DefaultValue("1000") int chunkSize) {
}
