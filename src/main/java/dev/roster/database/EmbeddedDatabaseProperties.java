package dev.roster.database;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the embedded PostgreSQL, bound from {@code roster.embedded-database.*}.
 *
 * @param fsync keep {@code true} for real data; tests turn it off for speed
 * @param port the port to listen on, {@code 0} for any free port
 * @param startupTimeout how long to wait for the server to accept connections
 * @param sharedBuffers PostgreSQL's page cache; a bulk import keeps every index of users, codes and emails busy at
 * once, and PostgreSQL's default (128MB) holds too little of them
 * @param maxWalSize the WAL written between checkpoints; after a checkpoint the first change of every page writes the
 * whole page again, which a bulk load's checkpoints every few seconds at PostgreSQL's default (1GB) multiply
 * @param server any other server settings, by PostgreSQL's names
 * @param keepRunning leave the server running when the process ends, for the next command to connect to at once
 * ({@code roster db stop} stops it); commands run with {@code java -jar} are given {@code true}, and its settings
 * above take effect when it starts again
 */
@ConfigurationProperties("roster.embedded-database")
record EmbeddedDatabaseProperties(@DefaultValue("true") boolean fsync, @DefaultValue("0") int port,
		@DefaultValue("60s") Duration startupTimeout, @DefaultValue("256MB") String sharedBuffers,
		@DefaultValue("4GB") String maxWalSize, Map<String, String> server, @DefaultValue("false") boolean keepRunning) {

	EmbeddedDatabaseProperties {
		server = (server != null) ? Map.copyOf(server) : Map.of();
	}

}
