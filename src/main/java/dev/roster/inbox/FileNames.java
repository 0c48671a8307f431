package dev.roster.inbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Names within the 255 bytes a file system allows one name. A dropped file may already take all of them, so what
 * serve adds to a name ({@code .2.csv} on a clash, {@code .error.txt} beside it) shortens the stem instead, by whole
 * characters: a multi-byte UTF-8 character is never split.
 */
final class FileNames {

	/** Bytes of one file name on Linux, macOS and Windows file systems alike. */
	static final int MAX_BYTES = 255;

	/** Longer than this after its last dot, a name is taken to have no extension to keep. */
	private static final int MAX_EXTENSION_BYTES = 16;

	private FileNames() {
	}

	/** {@code stem + suffix}, the stem cut at a character boundary so that the whole fits in {@code max} bytes. */
	static String fit(String stem, String suffix, int max) {
		int room = max - bytes(suffix);
		if (room < 1) {
			throw new IllegalArgumentException("no room for a name before '" + suffix + "'");
		}
		int used = 0;
		int end = 0;
		while (end < stem.length()) {
			int codePoint = stem.codePointAt(end);
			int length = bytes(new String(Character.toChars(codePoint)));
			if (used + length > room) {
				break;
			}
			used += length;
			end += Character.charCount(codePoint);
		}
		return stem.substring(0, end) + suffix;
	}

	/** {@code name} in {@code folder}, or {@code name.2.csv}, {@code name.3.csv}... when that is taken. */
	static Target unique(Path folder, String name) {
		return unique(folder, name, 0);
	}

	/** As {@link #unique(Path, String)}, leaving {@code reserve} bytes for what will be appended to the name. */
	static Target unique(Path folder, String name, int reserve) {
		int dot = name.lastIndexOf('.');
		boolean extension = dot > 0 && bytes(name.substring(dot)) <= MAX_EXTENSION_BYTES;
		String stem = extension ? name.substring(0, dot) : name;
		String suffix = extension ? name.substring(dot) : "";
		int max = MAX_BYTES - reserve;
		String tag = suffix;
		Path target = folder.resolve(fit(stem, tag, max));
		for (int n = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
			tag = "." + n + suffix;
			target = folder.resolve(fit(stem, tag, max));
		}
		return new Target(target, stem, tag);
	}

	private static Path uniqueWithSuffix(Path folder, String stem, String suffix) {
		Path target = folder.resolve(fit(stem, suffix, MAX_BYTES));
		for (int n = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
			target = folder.resolve(fit(stem, "." + n + suffix, MAX_BYTES));
		}
		return target;
	}

	/**
	 * A name found free, and how it was made: the stem, and the tag after it ({@code .2.csv}) that a file beside it
	 * keeps too.
	 */
	record Target(Path path, String stem, String tag) {

		/**
		 * A file beside this one named for it, {@code <name>.error.txt}: a long stem is shortened, never the tag, so
		 * the note of {@code name.2.csv} still says {@code .2.csv}.
		 */
		Path companion(String suffix) {
			return uniqueWithSuffix(this.path.getParent(), this.stem, this.tag + suffix);
		}

	}

	/** Whether {@code name} plus {@code suffix} is still a name the file system takes. */
	static boolean fits(String name, String suffix) {
		return bytes(name) + bytes(suffix) <= MAX_BYTES;
	}

	static int bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

}
