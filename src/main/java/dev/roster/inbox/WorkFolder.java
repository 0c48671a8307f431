package dev.roster.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.roster.files.OwnerOnly;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The {@code work} folder of {@code $ROSTER_HOME}: where a dropped file goes when its turn comes, so that what runs
 * is Roster's own. The file is renamed out of the inbox (one file system: nothing is copied and no link followed),
 * then copied, owner-only, while its SHA-256 is computed in the same pass; the job runs on that copy, and the copy is
 * what is filed. A producer that still holds the dropped file open writes into a file Roster no longer reads.
 * <p>
 * Each take has a folder of its own, {@code work/<account>/<job>/<take>/}, named by when it was taken: the copy keeps
 * the dropped name, and the dropped file waits in {@code .dropped/} until the copy is complete and on disk. What a
 * killed serve left here is resumed, in the order it was taken, before the inbox is read again.
 */
final class WorkFolder {

	private static final Log logger = LogFactory.getLog(WorkFolder.class);

	/** Never a dropped name: names starting with a dot are not taken from the inbox. */
	static final String DROPPED = ".dropped";

	private static final DateTimeFormatter TAKE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final Path work;

	private final Clock clock;

	WorkFolder(Path work, Clock clock) {
		this.work = work.toAbsolutePath().normalize();
		this.clock = clock;
	}

	Path path() {
		return this.work;
	}

	/**
	 * Renames a complete file out of the inbox into a take folder of its own. Empty when it is no longer a regular
	 * file there (gone, or replaced by a link since the scan: a link is put back unread).
	 */
	Optional<WorkFile> take(Path file, String account, String job) {
		if (!regular(file)) {
			return Optional.empty();
		}
		String name = file.getFileName().toString();
		Path folder = newTake(account, job);
		Path dropped = OwnerOnly.folder(folder.resolve(DROPPED)).resolve(name);
		try {
			try {
				Files.move(file, dropped, StandardCopyOption.ATOMIC_MOVE, LinkOption.NOFOLLOW_LINKS);
			}
			catch (AtomicMoveNotSupportedException ex) {
				// the inbox is on another file system: copied beside, then removed; a crash in between leaves it in
				// both places, and the second take of the same content is filed as a duplicate
				OwnerOnly.copy(file, dropped);
				Files.delete(file);
			}
		}
		catch (NoSuchFileException ex) {
			delete(folder);
			return Optional.empty();
		}
		catch (IOException ex) {
			delete(folder);
			throw new UncheckedIOException("cannot move it into " + folder + ": " + ex.getMessage(), ex);
		}
		// what was renamed is what is read: something swapped in for the file since the scan goes back unread
		if (!regular(dropped)) {
			logger.warn("inbox: " + file + " was replaced by something that is not a regular file; left in the inbox");
			try {
				Files.move(dropped, file, LinkOption.NOFOLLOW_LINKS);
				delete(folder);
			}
			catch (IOException ex) {
				logger.warn("inbox: cannot put it back; it stays in " + dropped.getParent() + ": " + ex.getMessage());
			}
			return Optional.empty();
		}
		deleteMarker(file);
		return Optional.of(new WorkFile(account, job, folder, name));
	}

	/**
	 * Roster's copy of a taken file, made once: returns its SHA-256. The copy is written and hashed in one pass of the
	 * dropped file and forced to disk before the dropped file is deleted, so a crash at any point leaves one of them.
	 */
	String copy(WorkFile file) {
		Path copy = file.copy();
		if (regular(copy)) {
			// a crash after the copy was complete: only the dropped file's removal is left to do
			delete(file.folder().resolve(DROPPED));
			return sha256(copy);
		}
		Path dropped = file.dropped();
		if (!regular(dropped)) {
			throw new IllegalStateException("nothing to run in " + file.folder());
		}
		MessageDigest digest = digest();
		try (OwnerOnly.Pending pending = OwnerOnly.write(copy)) {
			try (InputStream in = Files.newInputStream(dropped, LinkOption.NOFOLLOW_LINKS);
					FileChannel channel = FileChannel.open(pending.path(), StandardOpenOption.WRITE,
							StandardOpenOption.TRUNCATE_EXISTING)) {
				OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), digest);
				in.transferTo(out);
				out.flush();
				channel.force(true);
			}
			pending.commit();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot copy " + dropped + ": " + ex.getMessage(), ex);
		}
		delete(file.folder().resolve(DROPPED));
		return HexFormat.of().formatHex(digest.digest());
	}

	/** The files a serve that stopped left here, in the order they were taken; empty take folders are removed. */
	List<WorkFile> left(Collection<String> jobs) {
		List<WorkFile> left = new ArrayList<>();
		for (Path account : folders(this.work)) {
			for (Path job : folders(account)) {
				if (!jobs.contains(job.getFileName().toString())) {
					logger.warn("inbox: " + this.work.relativize(job) + " in the work folder is no job serve runs; "
							+ "left alone");
					continue;
				}
				for (Path take : folders(job)) {
					// an interrupted copy's temporary file: the copy is made again
					files(take).stream().filter(WorkFolder::temporary).forEach(WorkFolder::delete);
					found(take, account.getFileName().toString(), job.getFileName().toString()).ifPresentOrElse(
							left::add, () -> delete(take));
				}
			}
		}
		left.sort(Comparator.comparing((WorkFile file) -> file.folder().getFileName().toString()));
		return left;
	}

	/** What waits here for an account's job: each take's copy, or its dropped file while the copy is not made. */
	List<Path> waiting(String account, String job) {
		List<Path> waiting = new ArrayList<>();
		for (Path take : folders(this.work.resolve(account).resolve(job))) {
			found(take, account, job).map(WorkFile::current).ifPresent(waiting::add);
		}
		return waiting;
	}

	/** Removes a take folder once its file was filed. */
	void remove(WorkFile file) {
		delete(file.folder());
	}

	private Optional<WorkFile> found(Path take, String account, String job) {
		Optional<Path> copy = files(take).stream().filter((path) -> !temporary(path)).findFirst();
		if (copy.isPresent()) {
			return Optional.of(new WorkFile(account, job, take, copy.get().getFileName().toString()));
		}
		return files(take.resolve(DROPPED)).stream()
			.findFirst()
			.map((dropped) -> new WorkFile(account, job, take, dropped.getFileName().toString()));
	}

	private Path newTake(String account, String job) {
		Path parent = OwnerOnly.folder(this.work.resolve(account).resolve(job));
		String stamp = TAKE.format(this.clock.instant());
		for (int n = 1;; n++) {
			Path folder = parent.resolve(stamp + "-" + String.format("%04d", n));
			try {
				Files.createDirectory(folder);
				OwnerOnly.restrict(folder, OwnerOnly.FOLDER);
				return folder;
			}
			catch (FileAlreadyExistsException ex) {
				// another file of the same account and job taken in the same millisecond
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot create " + folder + ": " + ex.getMessage(), ex);
			}
		}
	}

	/** In marker mode a file's {@code .done} goes with it: a marker left behind would belong to no file. */
	private static void deleteMarker(Path file) {
		if (FileNames.fits(file.getFileName().toString(), CompleteFiles.DONE)) {
			try {
				Files.deleteIfExists(Path.of(file + CompleteFiles.DONE));
			}
			catch (IOException ex) {
				logger.debug("inbox: cannot delete the marker of " + file + ": " + ex.getMessage());
			}
		}
	}

	/** An interrupted copy's temporary file, which {@link #left} clears. */
	private static boolean temporary(Path path) {
		return path.getFileName().toString().startsWith(".");
	}

	static boolean regular(Path path) {
		try {
			return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile();
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** The SHA-256 of a regular file's content, in lower-case hex; a link is not followed. */
	static String sha256(Path file) {
		MessageDigest digest = digest();
		try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
				OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The sub-folders of a folder, not following links (there should be none here: this folder is Roster's). */
	private static List<Path> folders(Path folder) {
		return entries(folder).stream().filter((path) -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).toList();
	}

	private static List<Path> files(Path folder) {
		return entries(folder).stream().filter(WorkFolder::regular).toList();
	}

	private static List<Path> entries(Path folder) {
		if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
			return List.of();
		}
		try (var entries = Files.list(folder)) {
			return entries.sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + folder + ": " + ex.getMessage(), ex);
		}
	}

	/** Deletes a take folder and what is left in it, never following a link. */
	private static void delete(Path folder) {
		try {
			if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
				for (Path entry : entries(folder)) {
					delete(entry);
				}
			}
			Files.deleteIfExists(folder);
		}
		catch (IOException ex) {
			logger.warn("inbox: cannot delete " + folder + ": " + ex.getMessage());
		}
	}

	/**
	 * A file taken into the work folder.
	 *
	 * @param account the account its inbox folder named
	 * @param job the job its inbox folder named
	 * @param folder its take folder, {@code work/<account>/<job>/<take>/}
	 * @param name the name it was dropped under, which its copy keeps
	 */
	record WorkFile(String account, String job, Path folder, String name) {

		/** Roster's copy: what runs and what is filed. */
		Path copy() {
			return this.folder.resolve(this.name);
		}

		/** The dropped file itself, until its copy is made. */
		Path dropped() {
			return this.folder.resolve(DROPPED).resolve(this.name);
		}

		/** The copy once made, else the dropped file. */
		Path current() {
			return regular(copy()) ? copy() : dropped();
		}

		/** Where it was dropped, relative to the home. */
		String inbox() {
			return "inbox/" + this.account + "/" + this.job + "/" + this.name;
		}

		/** This take, in a few characters: the metadata store's key, whatever the length of the name. */
		String take() {
			return this.account + "/" + this.job + "/" + this.folder.getFileName();
		}

	}

}
