package dev.roster.inbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.integration.file.filters.FileListFilter;

/**
 * Passes only files that are complete: never a temporary name an upload or an editor uses, and then either unchanged
 * (size and modification time) for the settle time as serve itself saw it — a copy that kept an old modification
 * time is still waited for — or, in done-marker mode, with a {@code <name>.done} beside it written after it. A
 * symbolic link is never complete: its own attributes are read, never its target's.
 */
final class CompleteFiles implements FileListFilter<File> {

	static final String DONE = ".done";

	private static final List<String> TEMPORARY_ENDINGS = List.of(".tmp", ".part", ".writing", ".crdownload", DONE);

	private final Duration settle;

	private final boolean requireDoneMarker;

	private final Clock clock;

	private final Map<File, Seen> seen = new ConcurrentHashMap<>();

	CompleteFiles(Duration settle, boolean requireDoneMarker, Clock clock) {
		this.settle = settle;
		this.requireDoneMarker = requireDoneMarker;
		this.clock = clock;
	}

	/** Names still being written, or not input at all: {@code .tmp .part .writing .crdownload}, {@code .x}, {@code ~$x}. */
	static boolean temporary(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return name.startsWith(".") || name.startsWith("~$") || TEMPORARY_ENDINGS.stream().anyMatch(lower::endsWith);
	}

	@Override
	public List<File> filterFiles(File[] files) {
		Instant now = this.clock.instant();
		Set<File> listed = new HashSet<>(List.of(files));
		this.seen.keySet().retainAll(listed);
		List<File> complete = new ArrayList<>();
		for (File file : files) {
			if (!temporary(file.getName()) && complete(file, now)) {
				complete.add(file);
			}
		}
		return complete;
	}

	@Override
	public boolean supportsSingleFileFiltering() {
		return false;
	}

	/** Whether a single file is complete right now, judged by its modification time alone (schedules' sources). */
	boolean completeNow(Path file) {
		BasicFileAttributes attributes = regular(file);
		if (temporary(file.getFileName().toString()) || attributes == null) {
			return false;
		}
		if (this.requireDoneMarker) {
			return marked(file, attributes);
		}
		return Duration.ofMillis(this.clock.millis() - attributes.lastModifiedTime().toMillis())
			.compareTo(this.settle) >= 0;
	}

	private boolean complete(File file, Instant now) {
		BasicFileAttributes attributes = regular(file.toPath());
		if (attributes == null) {
			this.seen.remove(file);
			return false;
		}
		if (this.requireDoneMarker) {
			return marked(file.toPath(), attributes);
		}
		Seen current = new Seen(attributes.size(), attributes.lastModifiedTime().toMillis(), now);
		Seen before = this.seen.merge(file, current, (old, fresh) -> old.sameAs(fresh) ? old : fresh);
		return Duration.between(before.since(), now).compareTo(this.settle) >= 0;
	}

	/** A marker older than its file belongs to an earlier file of that name, not to this one. */
	private static boolean marked(Path file, BasicFileAttributes attributes) {
		if (!FileNames.fits(file.getFileName().toString(), DONE)) {
			return false;
		}
		BasicFileAttributes marker = regular(Path.of(file + DONE));
		return marker != null && marker.lastModifiedTime().compareTo(attributes.lastModifiedTime()) >= 0;
	}

	/** The file's own attributes when it is a regular file; {@code null} for a link, a folder, or nothing. */
	private static BasicFileAttributes regular(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			return attributes.isRegularFile() ? attributes : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private record Seen(long size, long modified, Instant since) {

		boolean sameAs(Seen other) {
			return this.size == other.size && this.modified == other.modified;
		}

	}

}
