package dev.roster.inbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.file.DefaultDirectoryScanner;

/**
 * Lists the files of {@code inbox/<account>/<job>/} for the accounts that exist and the jobs serve knows, creating
 * the folders of every account as it appears. Anything else in the inbox — a folder that names no account or no job,
 * a file outside a job folder — is reported once and left where it is: the folder decides account and job, and serve
 * never guesses one. Drop folders follow no symbolic links: a link anywhere below the inbox, to a file or a folder, is
 * reported as a link and never read, hashed or moved, and its target is not named.
 */
final class DropFolderScanner extends DefaultDirectoryScanner {

	private static final Log logger = LogFactory.getLog(DropFolderScanner.class);

	static final String LINK = "a symbolic link; drop folders follow none, so it is not read";

	private static final LinkOption[] NOFOLLOW = { LinkOption.NOFOLLOW_LINKS };

	private final Supplier<Set<String>> accounts;

	private final List<String> jobFolders;

	/** What is wrong in the inbox, by path, as last reported. */
	private final Map<Path, String> problems = new java.util.concurrent.ConcurrentHashMap<>();

	DropFolderScanner(Supplier<Set<String>> accounts, List<String> jobFolders) {
		this.accounts = accounts;
		this.jobFolders = jobFolders;
	}

	private volatile Path inbox;

	/** Paths in the inbox that serve cannot use ({@code inbox/nope}), with the reason. */
	Map<String, String> problems() {
		Map<String, String> problems = new java.util.TreeMap<>();
		this.problems.forEach((path, problem) -> problems.put(display(path), problem));
		return problems;
	}

	private String display(Path path) {
		return this.inbox.getFileName() + "/" + this.inbox.relativize(path);
	}

	@Override
	protected File[] listEligibleFiles(File directory) {
		Path inbox = directory.toPath();
		this.inbox = inbox;
		Set<String> known = this.accounts.get();
		Map<Path, String> found = new LinkedHashMap<>();
		List<File> files = new ArrayList<>();
		for (String account : known) {
			Path folder = inbox.resolve(account);
			createFolder(folder);
			// nothing is created through a link
			if (Files.isDirectory(folder, NOFOLLOW)) {
				for (String job : this.jobFolders) {
					createFolder(folder.resolve(job));
				}
			}
		}
		for (Path entry : list(inbox)) {
			String name = entry.getFileName().toString();
			if (CompleteFiles.temporary(name)) {
				continue;
			}
			if (Files.isSymbolicLink(entry)) {
				found.put(entry, LINK);
			}
			else if (!Files.isDirectory(entry, NOFOLLOW)) {
				found.put(entry, "a file directly in the inbox; put it in inbox/<account>/<job>/");
			}
			else if (!known.contains(name)) {
				found.put(entry, "no account '" + name + "'; files there are left alone (account folders are "
						+ "created for every account that exists)");
			}
			else {
				listAccount(entry, found, files);
			}
		}
		report(found);
		return files.toArray(File[]::new);
	}

	private void listAccount(Path account, Map<Path, String> found, List<File> files) {
		for (Path entry : list(account)) {
			String name = entry.getFileName().toString();
			if (CompleteFiles.temporary(name)) {
				continue;
			}
			if (Files.isSymbolicLink(entry)) {
				found.put(entry, LINK);
			}
			else if (!Files.isDirectory(entry, NOFOLLOW)) {
				found.put(entry, "a file outside a job folder; put it in one of " + account.getFileName() + "/"
						+ String.join(", ", this.jobFolders));
			}
			else if (!this.jobFolders.contains(name)) {
				found.put(entry, "no job '" + name + "'; drop folders are " + String.join(", ", this.jobFolders));
			}
			else {
				for (Path file : list(entry)) {
					if (CompleteFiles.temporary(file.getFileName().toString())) {
						continue;
					}
					if (Files.isRegularFile(file, NOFOLLOW)) {
						files.add(file.toFile());
					}
					else if (Files.isSymbolicLink(file)) {
						found.put(file, LINK);
					}
					else if (Files.isDirectory(file, NOFOLLOW)) {
						found.put(file, "a folder inside a job folder is not read; put its files in "
								+ account.getFileName() + "/" + name + "/");
					}
					else {
						found.put(file, "not a regular file; it is not read");
					}
				}
			}
		}
	}

	private void report(Map<Path, String> found) {
		found.forEach((path, problem) -> {
			if (!problem.equals(this.problems.get(path))) {
				logger.warn("inbox: " + display(path) + ": " + problem);
			}
		});
		this.problems.keySet().retainAll(found.keySet());
		this.problems.putAll(found);
	}

	private static List<Path> list(Path folder) {
		try (var entries = Files.list(folder)) {
			return entries.sorted(Comparator.comparing(Path::getFileName)).toList();
		}
		catch (IOException ex) {
			// a folder removed between two scans is simply gone
			return List.of();
		}
	}

	private static void createFolder(Path folder) {
		if (!Files.exists(folder, NOFOLLOW)) {
			try {
				Files.createDirectory(folder);
			}
			catch (FileAlreadyExistsException ex) {
				// created meanwhile, by a producer or by hand
			}
			catch (IOException ex) {
				logger.warn("inbox: cannot create " + folder + ": " + ex.getMessage());
			}
		}
	}

}
