package dev.roster;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Runs a command of {@code java -jar roster.jar} in a second JVM that starts in about a third of the time: most of a
 * command's few seconds go to loading and compiling the classes of Spring, Batch and their kin, and a JVM given a
 * class-data archive of them and only the quick compiler does far less of that. The flags cannot be written into a
 * jar, and the archive cannot hold classes of a jar nested in another, so on first use the jar is unpacked beside
 * itself ({@code roster.jar} gets {@code .roster-start/<key>/}) and the first run of each command that succeeds
 * records that command's archive (about 50 MB); every later run reuses them, and a rebuilt jar or another JVM gets new
 * ones.
 * <p>
 * {@code roster serve} runs in the JVM it was started in (a service keeps the optimising compiler for its long life),
 * and so do help and version, which need no second JVM, a run from a class path that is not one jar (tests, the IDE),
 * a jar folder Roster may not write to, and any run with {@code ROSTER_FAST_START=false}. A command reading a large
 * file keeps the optimising compiler; a second JVM whose first one is killed with SIGKILL stops at once too.
 * <p>
 * The second JVM keeps the embedded PostgreSQL running when it ends, for the next command to connect to at once.
 */
public final class FastStart {

	/** Set in the second JVM to the first one's process id, so it runs the command itself. */
	static final String CHILD_PROPERTY = "roster.fast-start.child";

	/** {@code roster.embedded-database.keep-running}, as the environment names it. */
	private static final String KEEP_DATABASE_RUNNING = "ROSTER_EMBEDDEDDATABASE_KEEPRUNNING";

	private static final String FOLDER = ".roster-start";

	private static final String ARCHIVE = ".jsa";

	/** A file this large keeps the optimising compiler: its rows, not the start, take the time. */
	private static final long LARGE_INPUT_BYTES = 8L * 1024 * 1024;

	/** The exit code of a process killed by SIGKILL, as a shell reports it. */
	private static final int KILLED = 137;

	private static final Set<String> IN_PROCESS = Set.of("serve", "-h", "--help", "-V", "--version", "help");

	/** Set when this JVM runs the command itself, so that the application's own start does not ask again. */
	private static final String DECLINED_PROPERTY = "roster.fast-start.declined";

	private FastStart() {
	}

	/**
	 * The jar's entry point, copied to the jar's root at packaging so that {@code java -jar} reaches it before Spring
	 * Boot's launcher opens the jars nested in the jar, which a command run in a second JVM never needs here. A
	 * command that runs in this JVM goes on to that launcher. Uses nothing but the JDK, and stays one class.
	 */
	public static void main(String[] args) throws Exception {
		if (System.getProperty("jarmode") == null) {
			Optional<Integer> exitCode = run(args);
			if (exitCode.isPresent()) {
				System.exit(exitCode.get());
			}
		}
		System.setProperty(DECLINED_PROPERTY, "true");
		try {
			Class.forName("org.springframework.boot.loader.launch.JarLauncher")
				.getMethod("main", String[].class)
				.invoke(null, (Object) args);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	/** The exit code of the command run in a second JVM, or empty when it is to run in this one. */
	public static Optional<Integer> run(String... args) {
		String parent = System.getProperty(CHILD_PROPERTY);
		if (parent != null) {
			// a first JVM killed with SIGKILL cannot pass it on: the command goes the same way, at once, rather than
			// hold the home's lock for a run nobody waits for. By its number: once it is gone, this JVM's parent is
			// whoever adopted it.
			Optional<ProcessHandle> first = parent.chars().allMatch(Character::isDigit)
					? ProcessHandle.of(Long.parseLong(parent)) : Optional.empty();
			if (first.isEmpty() || !first.get().isAlive()) {
				Runtime.getRuntime().halt(KILLED);
			}
			first.get().onExit().thenRun(() -> Runtime.getRuntime().halt(KILLED));
			return Optional.empty();
		}
		if (Boolean.getBoolean(DECLINED_PROPERTY) || "false".equalsIgnoreCase(System.getenv("ROSTER_FAST_START"))
				|| args.length == 0 || List.of(args).stream().anyMatch(IN_PROCESS::contains)) {
			return Optional.empty();
		}
		Path jar = Path.of(System.getProperty("java.class.path", ""));
		if (!jar.toString().endsWith(".jar") || jar.toString().contains(File.pathSeparator) || !Files.isRegularFile(jar)
				|| !Files.isWritable(jar.toAbsolutePath().getParent())) {
			return Optional.empty();
		}
		try {
			Path java = Path.of(System.getProperty("java.home"), "bin", "java");
			Path folder = jar.toAbsolutePath().getParent().resolve(FOLDER).resolve(key(jar));
			Path unpacked = folder.resolve(jar.getFileName());
			if (!Files.isRegularFile(unpacked) && !unpack(java, jar, folder)) {
				return Optional.empty();
			}
			Path archive = folder.resolve(archiveName(args[0]));
			List<String> command = new ArrayList<>(List.of(java.toString()));
			Path recording = null;
			if (Files.isRegularFile(archive)) {
				command.add("-XX:SharedArchiveFile=" + archive);
			}
			else {
				recording = folder.resolve(archive.getFileName() + "." + ProcessHandle.current().pid());
				command.add("-XX:ArchiveClassesAtExit=" + recording);
				// a command makes only the beans it uses (cli/CommandStart), but the run that records makes them
				// all, so the archive holds every bean's classes
				command.add("-Dspring.main.lazy-initialization=false");
			}
			// the JVM keeps its notes on the archive (classes it cannot hold, one it cannot use) to itself; stdout carries
			// the command's summary
			command.addAll(List.of("-Xlog:disable", "-Xlog:all=error:stderr", "-D" + CHILD_PROPERTY + "=" + ProcessHandle.current().pid()));
			if (!largeInput(args)) {
				// the quick compiler alone starts fastest, but a file of many rows is parsed faster by the full one
				command.add("-XX:TieredStopAtLevel=1");
			}
			// what the user gave this JVM (-Xmx, -D...) comes after, so it wins; a collector of their choice replaces
			// the one that starts fastest, as two would not start at all
			List<String> given = jvmOptions();
			if (given.stream().noneMatch((flag) -> flag.startsWith("-XX:+Use") && flag.endsWith("GC"))) {
				command.add("-XX:+UseSerialGC");
			}
			command.addAll(given);
			command.addAll(List.of("-jar", unpacked.toString()));
			command.addAll(List.of(args));
			ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
			// the embedded PostgreSQL's start is a large share of a short command's: the first command leaves it
			// running for the next ones (roster db stop stops it); a setting of the user's own wins
			builder.environment().putIfAbsent(KEEP_DATABASE_RUNNING, "true");
			Process child = builder.start();
			// SIGTERM or Ctrl-C on this JVM reaches the command, which stops as it would have here
			Thread forward = new Thread(() -> {
				child.destroy();
				child.onExit().join();
			});
			Runtime.getRuntime().addShutdownHook(forward);
			int exitCode = child.waitFor();
			Runtime.getRuntime().removeShutdownHook(forward);
			if (recording != null) {
				// a command refused before its work (a typo in a file) loaded too few classes to be worth keeping
				if (exitCode == 0) {
					keep(recording, archive);
				}
				else {
					delete(recording);
				}
			}
			return Optional.of(exitCode);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.of(130);
		}
	}

	/** Whether the command reads a file ({@code --file F} or {@code --file=F}) of more than {@link #LARGE_INPUT_BYTES}. */
	private static boolean largeInput(String... args) {
		for (int i = 0; i < args.length; i++) {
			String file = null;
			if (args[i].equals("--file") && i + 1 < args.length) {
				file = args[i + 1];
			}
			else if (args[i].startsWith("--file=")) {
				file = args[i].substring("--file=".length());
			}
			if (file != null) {
				try {
					return Files.size(Path.of(file)) > LARGE_INPUT_BYTES;
				}
				catch (IOException | RuntimeException ex) {
					// the command itself says what is wrong with the file
					return false;
				}
			}
		}
		return false;
	}

	/**
	 * Each command its own archive: one recorded by {@code account show} lacks the classes that run a job, which
	 * {@code import-users} would then load the slow way at every start.
	 */
	private static String archiveName(String command) {
		return (command.matches("[a-z][a-z-]{0,40}") ? command : "roster") + ARCHIVE;
	}

	/** Another jar, or the same under another JVM, gets its own folder: an archive fits one pair only. */
	private static String key(Path jar) throws IOException {
		String identity = jar.toAbsolutePath() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis()
				+ "|" + System.getProperty("java.home") + "|" + System.getProperty("java.vm.version");
		// a checksum, not a digest: it names a folder, and a digest's security providers cost a short command 40 ms
		CRC32 checksum = new CRC32();
		checksum.update(identity.getBytes(StandardCharsets.UTF_8));
		return Long.toHexString(checksum.getValue());
	}

	/**
	 * The options this JVM was given before {@code -jar}, read from the process's command line: the management bean
	 * that also lists them costs a short command 30 ms to make. Options from the environment reach the second JVM
	 * the same way they reached this one.
	 */
	private static List<String> jvmOptions() {
		Optional<String[]> arguments = ProcessHandle.current().info().arguments();
		if (arguments.isEmpty()) {
			return ManagementFactory.getRuntimeMXBean().getInputArguments();
		}
		List<String> options = new ArrayList<>();
		for (String argument : arguments.get()) {
			if (argument.equals("-jar")) {
				return options;
			}
			options.add(argument);
		}
		return ManagementFactory.getRuntimeMXBean().getInputArguments();
	}

	/** Unpacks the jar with Spring Boot's own tool into a folder of its own, then moves it into place. */
	private static boolean unpack(Path java, Path jar, Path folder) throws IOException, InterruptedException {
		Files.createDirectories(folder.getParent());
		Path temporary = Files.createTempDirectory(folder.getParent(), "unpacking-");
		Process extract = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
				"--force", "--destination", temporary.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (extract.waitFor() != 0 || !Files.isRegularFile(temporary.resolve(jar.getFileName()))) {
			delete(temporary);
			return false;
		}
		try {
			Files.move(temporary, folder, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			// another command unpacked it at the same time
			delete(temporary);
		}
		// an older jar's folders are of no more use
		try (var old = Files.list(folder.getParent())) {
			old.filter((other) -> !other.equals(folder) && !other.getFileName().toString().startsWith("unpacking-"))
				.forEach(FastStart::delete);
		}
		return Files.isRegularFile(folder.resolve(jar.getFileName()));
	}

	private static void keep(Path recording, Path archive) {
		try {
			if (Files.isRegularFile(recording)) {
				Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE);
			}
		}
		catch (AtomicMoveNotSupportedException ex) {
			delete(recording);
		}
		catch (IOException ex) {
			// another command recorded one first
			delete(recording);
		}
	}

	private static void delete(Path path) {
		try (var walk = Files.walk(path)) {
			walk.sorted(Comparator.reverseOrder()).forEach((each) -> each.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover folder costs only disk space
		}
	}

}
