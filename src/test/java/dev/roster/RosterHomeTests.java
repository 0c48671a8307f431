package dev.roster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code $ROSTER_HOME} and its folders are owner-only, and a home from before is made so the first time it is used. */
class RosterHomeTests {

	@TempDir
	Path temp;

	@Test
	void aNewHomeAndItsFoldersAreOwnerOnly() throws IOException {
		RosterHome home = new RosterHome(this.temp.resolve("roster-data"));

		Path reports = home.folder("reports", "acme");

		assertThat(reports).isDirectory();
		assertThat(mode(home.home())).isEqualTo("rwx------");
		assertThat(mode(reports.getParent())).isEqualTo("rwx------");
		assertThat(mode(reports)).isEqualTo("rwx------");
	}

	@Test
	void aHomeFromBeforeIsTightenedFilesAndAll() throws IOException {
		Path data = Files.createDirectories(this.temp.resolve("roster-data/outbox"));
		Path eml = Files.writeString(data.resolve("ann@acme.example-activation-1.eml"), "Subject: x");
		Path reports = Files.createDirectories(this.temp.resolve("roster-data/reports/acme"));
		Path report = Files.writeString(reports.resolve("import-users-1-rejects.csv"), "Email");
		Files.setPosixFilePermissions(this.temp.resolve("roster-data"), PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(eml, PosixFilePermissions.fromString("rw-r--r--"));
		Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-rw-rw-"));
		// the operator keeps the data elsewhere and points the home at it
		Path link = Files.createSymbolicLink(this.temp.resolve("home-link"), this.temp.resolve("roster-data"));

		new RosterHome(link).folder("inbox");

		for (Path folder : new Path[] { this.temp.resolve("roster-data"), data, reports.getParent(), reports,
				this.temp.resolve("roster-data/inbox") }) {
			assertThat(mode(folder)).as(folder.toString()).isEqualTo("rwx------");
		}
		assertThat(mode(eml)).isEqualTo("rw-------");
		assertThat(mode(report)).isEqualTo("rw-------");
		assertThat(Files.isSymbolicLink(link)).isTrue();
	}

	@Test
	void anOwnerOnlyHomeIsLeftAsItIs() throws IOException {
		Path data = Files.createDirectories(this.temp.resolve("roster-data/archive"));
		Files.setPosixFilePermissions(this.temp.resolve("roster-data"), PosixFilePermissions.fromString("rwx------"));
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---"));

		new RosterHome(this.temp.resolve("roster-data")).folder("reports");

		// an operator's own choice below an owner-only home is theirs: nobody else can reach it anyway
		assertThat(mode(data)).isEqualTo("rwxr-x---");
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
	}

}
