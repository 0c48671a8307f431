package dev.roster.inbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CompleteFilesTest {

	@TempDir
	Path folder;

	private Instant now = Instant.parse("2026-11-22T10:00:00Z");

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return CompleteFilesTest.this.now;
		}

	};

	@Test
	void temporaryNamesAreNeverTaken() {
		assertThat(CompleteFiles.temporary("roster.csv.tmp")).isTrue();
		assertThat(CompleteFiles.temporary("roster.csv.PART")).isTrue();
		assertThat(CompleteFiles.temporary("roster.csv.writing")).isTrue();
		assertThat(CompleteFiles.temporary("roster.csv.crdownload")).isTrue();
		assertThat(CompleteFiles.temporary(".roster.csv")).isTrue();
		assertThat(CompleteFiles.temporary("~$roster.xlsx")).isTrue();
		assertThat(CompleteFiles.temporary("roster.csv.done")).isTrue();
		assertThat(CompleteFiles.temporary("roster.csv")).isFalse();
		assertThat(CompleteFiles.temporary("part-time staff.csv")).isFalse();
	}

	@Test
	void fileIsTakenOnlyOnceUnchangedForTheSettleTimeAsSeenByServe() throws IOException {
		CompleteFiles complete = new CompleteFiles(Duration.ofSeconds(10), false, this.clock);
		File file = write("roster.csv", "a\n");
		// an old modification time does not count: serve itself must see it unchanged
		Files.setLastModifiedTime(file.toPath(), FileTime.from(this.now.minusSeconds(3600)));

		assertThat(complete.filterFiles(new File[] { file })).isEmpty();
		this.now = this.now.plusSeconds(9);
		assertThat(complete.filterFiles(new File[] { file })).isEmpty();
		Files.writeString(file.toPath(), "a\nb\n");
		this.now = this.now.plusSeconds(9);
		assertThat(complete.filterFiles(new File[] { file })).isEmpty();
		this.now = this.now.plusSeconds(10);
		assertThat(complete.filterFiles(new File[] { file })).containsExactly(file);
	}

	@Test
	void withDoneMarkersOnlyAMarkerWrittenAfterTheFileCounts() throws IOException {
		CompleteFiles complete = new CompleteFiles(Duration.ofSeconds(10), true, this.clock);
		File file = write("roster.csv", "a\n");
		assertThat(complete.filterFiles(new File[] { file })).isEmpty();

		File marker = write("roster.csv.done", "");
		Files.setLastModifiedTime(marker.toPath(), FileTime.from(this.now.minusSeconds(60)));
		Files.setLastModifiedTime(file.toPath(), FileTime.from(this.now));
		// a marker left from an earlier file of the same name
		assertThat(complete.filterFiles(new File[] { file, marker })).isEmpty();

		Files.setLastModifiedTime(marker.toPath(), FileTime.from(this.now.plusSeconds(1)));
		assertThat(complete.filterFiles(new File[] { file, marker })).containsExactly(file);
	}

	private File write(String name, String content) throws IOException {
		return Files.writeString(this.folder.resolve(name), content).toFile();
	}

}
