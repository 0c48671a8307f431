package dev.roster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code $ROSTER_HOME} (bound from {@code roster.home}): the one folder that holds Roster's runtime data — the
 * embedded database, the outbox, reports, drop folders.
 */
@ConfigurationProperties("roster")
public record RosterHome(@DefaultValue("./roster-data") Path home) {

	/** A folder below the home, created when missing. */
	public Path folder(String first, String... more) {
		Path folder = this.home.resolve(Path.of(first, more));
		try {
			return Files.createDirectories(folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + folder, ex);
		}
	}

}
