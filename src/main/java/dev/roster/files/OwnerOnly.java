package dev.roster.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;

/**
 * Folders ({@code 0700}) and files ({@code 0600}) that only Roster's own user can read: emails carry live
 * set-password links, reports and exports carry personal data. Modes are set explicitly after creation, because a
 * mode given at creation passes through the process's umask.
 * <p>
 * A file is written under an exclusive temporary name in its target's folder ({@code O_CREAT|O_EXCL}, a random name,
 * kept open from its creation): a link planted under a predictable name such as {@code out.csv.tmp} is never written
 * through, and the move into place replaces a link at the target itself, never what it points to.
 */
public final class OwnerOnly {

	/** rwx------ */
	public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

	/** rw------- */
	public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	// a name someone could guess in advance could be taken first: the creation would then fail, never write elsewhere
	private static final SecureRandom NAMES = new SecureRandom();

	private static final int NAME_ATTEMPTS = 100;

	private OwnerOnly() {
	}

	/** The folder, with every missing folder on the way created owner-only. */
	public static Path folder(Path folder) {
		Deque<Path> missing = new ArrayDeque<>();
		for (Path at = folder.toAbsolutePath().normalize(); at != null && !Files.isDirectory(at); at = at.getParent()) {
			missing.push(at);
		}
		try {
			while (!missing.isEmpty()) {
				Path next = missing.pop();
				try {
					// the mode at creation already closes the folder (the umask can only take bits away); setting it
					// again gives the exact mode whatever the umask
					Files.createDirectory(next, mode(FOLDER));
					restrict(next, FOLDER);
				}
				catch (FileAlreadyExistsException ex) {
					// made by another thread or process in the meantime, or a file where a folder must be
					if (!Files.isDirectory(next)) {
						throw ex;
					}
				}
			}
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + folder + ": " + ex.getMessage(), ex);
		}
	}

	/** Sets a folder's or file's mode (no-op where the file system has no POSIX modes). */
	public static void restrict(Path path, Set<PosixFilePermission> mode) throws IOException {
		if (POSIX) {
			Files.setPosixFilePermissions(path, mode);
		}
	}

	/** Whether a folder is already owner-only (always on file systems without POSIX modes). */
	public static boolean isOwnerOnly(Path folder) throws IOException {
		return !POSIX || FOLDER.equals(Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS));
	}

	/**
	 * Makes a folder written before Roster kept its files owner-only so: the folder and everything below it, never
	 * following a link out of it. Files that vanish meanwhile (a running database's) are passed over.
	 */
	public static void tighten(Path folder) {
		if (!POSIX || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try {
			// walkFileTree follows no link unless asked to, and reads each entry's type without following it
			Files.walkFileTree(folder, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
					// before listing it, so a folder closed even to its owner is opened to them
					return restrictIfPresent(dir, FOLDER) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					if (attributes.isRegularFile()) {
						restrictIfPresent(file, FILE);
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
					if (ex instanceof NoSuchFileException) {
						return FileVisitResult.CONTINUE;
					}
					throw ex;
				}

			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot restrict " + folder + " to its owner: " + ex.getMessage(), ex);
		}
	}

	private static boolean restrictIfPresent(Path path, Set<PosixFilePermission> mode) throws IOException {
		try {
			restrict(path, mode);
			return true;
		}
		catch (NoSuchFileException ex) {
			return false;
		}
	}

	/**
	 * Starts writing {@code target}: the bytes go to an exclusive owner-only temporary file beside it, which
	 * {@link Pending#commit()} moves into place. Closing a pending file that was not committed deletes it.
	 */
	public static Pending write(Path target) {
		Path folder = folder(target.toAbsolutePath().getParent());
		try {
			for (int attempt = 1;; attempt++) {
				// a short fixed prefix: the target's own name may already take the file system's 255 bytes
				Path temporary = folder.resolve(".roster-" + Long.toUnsignedString(NAMES.nextLong(), 36) + ".tmp");
				try {
					FileChannel channel = FileChannel.open(temporary,
							EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), mode(FILE));
					try {
						restrict(temporary, FILE);
					}
					catch (IOException ex) {
						channel.close();
						Files.deleteIfExists(temporary);
						throw ex;
					}
					return new Pending(target, temporary, channel);
				}
				catch (FileAlreadyExistsException ex) {
					if (attempt == NAME_ATTEMPTS) {
						throw ex;
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + target + ": " + ex.getMessage(), ex);
		}
	}

	/** Writes {@code text} as UTF-8 into {@code target}, owner-only, appearing only complete. */
	public static Path writeString(Path target, String text) {
		try (Pending file = write(target)) {
			try (OutputStream out = file.stream()) {
				out.write(text.getBytes(StandardCharsets.UTF_8));
			}
			return file.commit();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + target + ": " + ex.getMessage(), ex);
		}
	}

	/** Copies {@code source} into {@code target}, owner-only, appearing only complete; a link is not followed. */
	public static Path copy(Path source, Path target) {
		try (Pending file = write(target)) {
			try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS);
					OutputStream out = file.stream()) {
				in.transferTo(out);
			}
			return file.commit();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot copy " + source + " to " + target + ": " + ex.getMessage(), ex);
		}
	}

	private static FileAttribute<?>[] mode(Set<PosixFilePermission> mode) {
		return POSIX ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(mode) } : new FileAttribute<?>[0];
	}

	/** A file being written beside its target. */
	public static final class Pending implements AutoCloseable {

		private final Path target;

		private final Path temporary;

		/** The file as created, until {@link #stream()} hands it out. */
		private FileChannel created;

		private boolean committed;

		private Pending(Path target, Path temporary, FileChannel created) {
			this.target = target;
			this.temporary = temporary;
			this.created = created;
		}

		/** The temporary file, for writers that want a path (POI, COPY). */
		public Path path() {
			return this.temporary;
		}

		/**
		 * A stream into the temporary file; the caller closes it before {@link #commit()}. The first is the file
		 * Roster created; a later one opens it again, refusing a link put in its place.
		 */
		public OutputStream stream() throws IOException {
			FileChannel channel = this.created;
			this.created = null;
			if (channel != null) {
				return Channels.newOutputStream(channel);
			}
			return Files.newOutputStream(this.temporary, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
		}

		/** Moves the complete file into place, replacing what was there (a link there is replaced, not followed). */
		public Path commit() {
			try {
				closeCreated();
				try {
					Files.move(this.temporary, this.target, StandardCopyOption.REPLACE_EXISTING,
							StandardCopyOption.ATOMIC_MOVE);
				}
				catch (AtomicMoveNotSupportedException ex) {
					Files.move(this.temporary, this.target, StandardCopyOption.REPLACE_EXISTING);
				}
				this.committed = true;
				return this.target;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write " + this.target + ": " + ex.getMessage(), ex);
			}
		}

		/** Deletes the temporary file unless it was committed. */
		@Override
		public void close() {
			if (!this.committed) {
				try {
					closeCreated();
					Files.deleteIfExists(this.temporary);
				}
				catch (IOException ex) {
					// the failure that brought us here matters more than a leftover temporary file
				}
			}
		}

		private void closeCreated() throws IOException {
			if (this.created != null) {
				this.created.close();
				this.created = null;
			}
		}

	}

}
