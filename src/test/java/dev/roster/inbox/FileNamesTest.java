package dev.roster.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FileNamesTest {

	@TempDir
	Path folder;

	@Test
	void aSuffixShortensTheStemByWholeCharacters() {
		// 83 three-byte characters, one two-byte: 251 bytes
		String stem = "日".repeat(83) + "é";

		String fitted = FileNames.fit(stem, ".csv", 255);
		assertThat(fitted).isEqualTo(stem + ".csv");
		assertThat(FileNames.bytes(fitted)).isEqualTo(255);

		String numbered = FileNames.fit(stem, ".2.csv", 255);
		// the two-byte é would make 257: it goes whole, never half of it
		assertThat(numbered).isEqualTo("日".repeat(83) + ".2.csv");
		assertThat(FileNames.bytes(numbered)).isEqualTo(255);

		String error = FileNames.fit(stem + ".csv", ".error.txt", 255);
		assertThat(error).isEqualTo("日".repeat(81) + ".error.txt");
		assertThat(FileNames.bytes(error)).isLessThanOrEqualTo(255);
	}

	@Test
	void clashesAreNumberedWithinTheLimitAndNotesKeepTheirFilesNumber() throws IOException {
		String name = "a".repeat(251) + ".csv";
		FileNames.Target first = FileNames.unique(this.folder, name);
		assertThat(first.path().getFileName()).hasToString(name);
		Files.createFile(first.path());
		assertThat(first.companion(".error.txt").getFileName()).hasToString("a".repeat(241) + ".csv.error.txt");

		FileNames.Target second = FileNames.unique(this.folder, name);
		assertThat(second.path().getFileName()).hasToString("a".repeat(249) + ".2.csv");
		Files.createFile(second.path());

		Path note = second.companion(".duplicate.txt");
		assertThat(note.getFileName()).hasToString("a".repeat(235) + ".2.csv.duplicate.txt");
		Files.createFile(note);
		// another long name sharing the kept part gets a note of its own
		Path other = second.companion(".duplicate.txt");
		assertThat(other.getFileName().toString()).endsWith(".2.2.csv.duplicate.txt");
		assertThat(FileNames.bytes(other.getFileName().toString())).isEqualTo(255);

		FileNames.Target plain = FileNames.unique(this.folder, "plain.csv");
		assertThat(plain.path().getFileName()).hasToString("plain.csv");
		assertThat(plain.companion(".error.txt").getFileName()).hasToString("plain.csv.error.txt");
		// room left for a marker's ".done"
		assertThat(FileNames.bytes(FileNames.unique(this.folder, name, 5).path().getFileName().toString())).isEqualTo(250);
	}

}
