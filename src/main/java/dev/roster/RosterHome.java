package dev.roster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.roster.files.OwnerOnly;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code $ROSTER_HOME} (bound from {@code roster.home}): the one folder that holds Roster's runtime data — the
 * embedded database, the outbox, reports, drop folders. It and every folder below it are readable by Roster's own
 * user only ({@code 0700}); a home written before Roster kept it so is tightened, files and all, the first time it is
 * used.
 */
@ConfigurationProperties("roster")
public record RosterHome(@DefaultValue("./roster-data") Path home) {

	/** A folder below the home, created owner-only when missing. */
	public Path folder(String first, String... more) {
		ownHome();
		return OwnerOnly.folder(this.home.resolve(Path.of(first, more)));
	}

	private void ownHome() {
		try {
			if (!Files.isDirectory(this.home)) {
				OwnerOnly.folder(this.home);
				return;
			}
			// the home may be a link to where the operator keeps data: its target is what must be owner-only
			Path real = this.home.toRealPath();
			if (!OwnerOnly.isOwnerOnly(real)) {
				OwnerOnly.tighten(real);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot use " + this.home + ": " + ex.getMessage(), ex);
		}
	}

}
