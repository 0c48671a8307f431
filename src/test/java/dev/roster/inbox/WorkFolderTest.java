package dev.roster.inbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;

import dev.roster.inbox.WorkFolder.WorkFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class WorkFolderTest {

	private static final String CONTENT = "Email,First Name,Last Name\nana@acme.example,Ana,Lopez\n";

	@TempDir
	Path home;

	@Test
	void aWriteToTheDroppedFileAfterTheTakeDoesNotReachWhatRuns() throws IOException {
		WorkFolder work = new WorkFolder(this.home.resolve("work"), Clock.systemUTC());
		Path dropped = drop("roster.csv", CONTENT);
		try (FileChannel producer = FileChannel.open(dropped, StandardOpenOption.WRITE)) {
			WorkFile taken = work.take(dropped, "acme", "import-users").orElseThrow();
			String sha256 = work.copy(taken);

			// the producer still holds the file it dropped, and rewrites it in place
			producer.write(ByteBuffer.wrap("Email,First Name,Last Name\nevil@globex.example,Eve,Il\n"
				.getBytes(StandardCharsets.UTF_8)), 0);
			producer.force(true);

			assertThat(dropped).doesNotExist();
			assertThat(taken.copy()).hasContent(CONTENT);
			assertThat(sha256).isEqualTo(WorkFolder.sha256(taken.copy()))
				.isEqualTo(sha256Of(CONTENT));
			assertThat(taken.dropped()).doesNotExist();
			assertThat(Files.getPosixFilePermissions(taken.copy())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
			assertThat(Files.getPosixFilePermissions(taken.folder())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
			assertThat(this.home.relativize(taken.copy()).toString()).startsWith("work/acme/import-users/");
		}
	}

	@Test
	void aLinkIsNeitherMovedNorRead() throws IOException {
		WorkFolder work = new WorkFolder(this.home.resolve("work"), Clock.systemUTC());
		Path secret = Files.writeString(this.home.resolve("secret.txt"), "secret");
		Path link = Files.createSymbolicLink(folder().resolve("roster.csv"), secret);

		assertThat(work.take(link, "acme", "import-users")).isEmpty();

		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(secret).hasContent("secret");
		assertThat(work.left(List.of("import-users"))).isEmpty();
	}

	@Test
	void whatACrashLeftIsFoundInTheOrderItWasTakenAndCopiedOnce() throws IOException {
		WorkFolder work = new WorkFolder(this.home.resolve("work"), Clock.systemUTC());
		// taken, not copied yet
		Path early = Files.createDirectories(this.home.resolve("work/acme/import-users/20261122T100000.000Z-0001/.dropped"));
		Files.writeString(early.resolve("first.csv"), CONTENT);
		// copied; the dropped file's removal did not happen, and an interrupted copy left its temporary file
		Path late = Files.createDirectories(this.home.resolve("work/acme/import-users/20261122T100001.000Z-0001"));
		Files.writeString(late.resolve("second.csv"), CONTENT);
		Files.createDirectories(late.resolve(".dropped"));
		Files.writeString(late.resolve(".dropped/second.csv"), CONTENT);
		Files.writeString(late.resolve(".roster-123.tmp"), "half");
		// created, then the crash came before the file moved in
		Path empty = Files.createDirectories(this.home.resolve("work/globex/terminate/20261122T090000.000Z-0001"));

		List<WorkFile> left = work.left(List.of("import-users", "terminate"));

		assertThat(left).extracting(WorkFile::name).containsExactly("first.csv", "second.csv");
		assertThat(empty).doesNotExist();
		assertThat(late.resolve(".roster-123.tmp")).doesNotExist();
		assertThat(work.copy(left.get(0))).isEqualTo(sha256Of(CONTENT));
		assertThat(left.get(0).copy()).hasContent(CONTENT);
		assertThat(early).doesNotExist();
		assertThat(work.copy(left.get(1))).isEqualTo(sha256Of(CONTENT));
		assertThat(late.resolve(".dropped")).doesNotExist();
	}

	private Path drop(String name, String content) throws IOException {
		return Files.writeString(folder().resolve(name), content);
	}

	private Path folder() throws IOException {
		return Files.createDirectories(this.home.resolve("inbox/acme/import-users"));
	}


	private static String sha256Of(String content) {
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
