package dev.roster.files;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Owner-only folders and files, whatever the umask (022 here: what the JVM creates is 0755 and 0644). */
class OwnerOnlyTests {

	@TempDir
	Path temp;

	private Path victim;

	@BeforeEach
	void posixAndAVictim() throws IOException {
		assertThat(this.temp.getFileSystem().supportedFileAttributeViews()).as("the file system's modes")
			.contains("posix");
		this.victim = Files.writeString(this.temp.resolve("victim.txt"), "untouched");
		Files.setPosixFilePermissions(this.victim, PosixFilePermissions.fromString("rw-r--r--"));
	}

	@Test
	void createsEveryMissingFolderOwnerOnlyAndLeavesExistingOnesAlone() throws IOException {
		Path existing = Files.createDirectory(this.temp.resolve("existing"));
		Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));

		Path folder = OwnerOnly.folder(existing.resolve("a/b/c"));

		assertThat(folder).isDirectory();
		assertThat(mode(existing.resolve("a"))).isEqualTo("rwx------");
		assertThat(mode(existing.resolve("a/b"))).isEqualTo("rwx------");
		assertThat(mode(folder)).isEqualTo("rwx------");
		assertThat(mode(existing)).isEqualTo("rwxr-xr-x");
		assertThat(OwnerOnly.folder(folder)).isEqualTo(folder);
	}

	@Test
	void refusesAFileWhereAFolderMustBe() throws IOException {
		Path file = Files.writeString(this.temp.resolve("file"), "x");

		assertThatThrownBy(() -> OwnerOnly.folder(file.resolve("below"))).isInstanceOf(UncheckedIOException.class);
	}

	@Test
	void aFileAppearsOwnerOnlyAndOnlyWhenCommitted() throws IOException {
		Path target = this.temp.resolve("out/report.csv");

		try (OwnerOnly.Pending file = OwnerOnly.write(target)) {
			try (OutputStream out = file.stream()) {
				out.write("complete".getBytes(StandardCharsets.UTF_8));
			}
			assertThat(target).doesNotExist();
			assertThat(file.path().getParent()).isEqualTo(target.getParent().toAbsolutePath());
			assertThat(mode(file.path())).isEqualTo("rw-------");
			assertThat(file.commit()).isEqualTo(target);
		}

		assertThat(target).isRegularFile().hasContent("complete");
		assertThat(mode(target)).isEqualTo("rw-------");
		assertThat(mode(target.getParent())).isEqualTo("rwx------");
		assertThat(names(target.getParent())).containsExactly("report.csv");
	}

	@Test
	void aFileNotCommittedLeavesNothingBehind() throws IOException {
		Path target = this.temp.resolve("report.csv");
		Files.writeString(target, "the earlier report");

		try (OwnerOnly.Pending file = OwnerOnly.write(target); OutputStream out = file.stream()) {
			out.write("half a report".getBytes(StandardCharsets.UTF_8));
		}

		assertThat(target).hasContent("the earlier report");
		assertThat(names(this.temp)).containsExactlyInAnyOrder("report.csv", "victim.txt");
	}

	@Test
	void eachFileGetsItsOwnTemporaryName() {
		Path target = this.temp.resolve("report.csv");

		try (OwnerOnly.Pending first = OwnerOnly.write(target); OwnerOnly.Pending second = OwnerOnly.write(target)) {
			assertThat(first.path()).isNotEqualTo(second.path());
			assertThat(first.path().getFileName().toString()).startsWith(".roster-").endsWith(".tmp");
		}
	}

	@Test
	void replacingAFileMakesItOwnerOnly() throws IOException {
		Path target = Files.writeString(this.temp.resolve("users.csv"), "old");
		Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));

		OwnerOnly.writeString(target, "new");

		assertThat(target).hasContent("new");
		assertThat(mode(target)).isEqualTo("rw-------");
	}

	@Test
	void aLinkPlantedAtAPredictableTemporaryNameIsNeverWrittenThrough() throws IOException {
		Path target = this.temp.resolve("out.csv");
		for (String name : List.of("out.csv.tmp", ".out.csv.tmp", "out.csv.part", ".out.csv.swp")) {
			Files.createSymbolicLink(this.temp.resolve(name), this.victim);
		}

		OwnerOnly.writeString(target, "the export");

		assertThat(this.victim).hasContent("untouched");
		assertThat(mode(this.victim)).isEqualTo("rw-r--r--");
		assertThat(target).isRegularFile().hasContent("the export");
		assertThat(Files.isSymbolicLink(this.temp.resolve("out.csv.tmp"))).isTrue();
	}

	@Test
	void aLinkAtTheTargetIsReplacedNotFollowed() throws IOException {
		Path target = Files.createSymbolicLink(this.temp.resolve("out.csv"), this.victim);

		OwnerOnly.writeString(target, "the export");

		assertThat(this.victim).hasContent("untouched");
		assertThat(Files.isSymbolicLink(target)).isFalse();
		assertThat(target).isRegularFile().hasContent("the export");
		assertThat(mode(target)).isEqualTo("rw-------");
	}

	@Test
	void aLinkPutInPlaceOfTheTemporaryFileIsRefused() throws IOException {
		try (OwnerOnly.Pending file = OwnerOnly.write(this.temp.resolve("out.csv"))) {
			file.stream().close();
			Files.delete(file.path());
			Files.createSymbolicLink(file.path(), this.victim);

			assertThatThrownBy(file::stream).isInstanceOf(IOException.class);
		}
		assertThat(this.victim).hasContent("untouched");
	}

	@Test
	void copyMakesAnOwnerOnlyCopyAndRefusesALinkAsItsSource() throws IOException {
		Path source = Files.writeString(this.temp.resolve("drop.csv"), "Email\nann@acme.example\n");
		Path link = Files.createSymbolicLink(this.temp.resolve("link.csv"), this.victim);

		Path copy = OwnerOnly.copy(source, this.temp.resolve("work/drop.csv"));

		assertThat(copy).hasSameTextualContentAs(source);
		assertThat(mode(copy)).isEqualTo("rw-------");
		assertThatThrownBy(() -> OwnerOnly.copy(link, this.temp.resolve("work/link.csv")))
			.isInstanceOf(UncheckedIOException.class);
		assertThat(this.temp.resolve("work/link.csv")).doesNotExist();
	}

	@Test
	void tightenMakesEveryFolderAndFileBelowOwnerOnlyWithoutFollowingLinks() throws IOException {
		Path home = Files.createDirectories(this.temp.resolve("home/outbox"));
		Path reports = Files.createDirectories(this.temp.resolve("home/reports/acme"));
		Path eml = Files.writeString(home.resolve("ann@acme.example-activation-1.eml"), "Subject: x");
		Path report = Files.writeString(reports.resolve("import-users-1-rejects.csv"), "Email");
		Path outside = Files.createDirectory(this.temp.resolve("outside"));
		Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.createSymbolicLink(reports.resolve("victim.txt"), this.victim);
		Files.createSymbolicLink(reports.resolve("outside"), outside);
		Path root = this.temp.resolve("home");
		Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
		assertThat(OwnerOnly.isOwnerOnly(root)).isFalse();

		OwnerOnly.tighten(root);

		assertThat(OwnerOnly.isOwnerOnly(root)).isTrue();
		for (Path folder : List.of(root, home, reports.getParent(), reports)) {
			assertThat(mode(folder)).as(folder.toString()).isEqualTo("rwx------");
		}
		assertThat(mode(eml)).isEqualTo("rw-------");
		assertThat(mode(report)).isEqualTo("rw-------");
		assertThat(mode(this.victim)).isEqualTo("rw-r--r--");
		assertThat(mode(outside)).isEqualTo("rwxr-xr-x");
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
	}

	private static List<String> names(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

}
