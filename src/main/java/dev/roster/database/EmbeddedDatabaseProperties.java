package dev.roster.database;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the embedded PostgreSQL, bound from {@code roster.embedded-database.*}.
 *
 * @param fsync keep {@code true} for real data; tests turn it off for speed
 * @param port the port to listen on, {@code 0} for any free port
 * @param startupTimeout how long to wait for the server to accept connections
 */
@ConfigurationProperties("roster.embedded-database")
record EmbeddedDatabaseProperties(@DefaultValue("true") boolean fsync, @DefaultValue("0") int port,
		@DefaultValue("60s") Duration startupTimeout) {
}
