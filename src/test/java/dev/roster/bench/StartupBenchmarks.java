package dev.roster.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.util.FileSystemUtils;

/**
 * What a user waits for before any work: a command on a small file (the dry run of an import of
 * {@code sample-data/acme-roster.csv}, 13 rows) run as the README runs them, {@code java -jar target/roster.jar} in a
 * process of its own, on a home of its own (the bench's application holds its own home's database). Baseline:
 * {@code java -version}, the JVM starting and stopping with nothing to do. The median of five runs of each, after one
 * run of each that is not counted (a command's first run unpacks the jar and records its class-data archive, see
 * src/docs/operating.md, "Start-up").
 * <p>
 * Commands keep the embedded PostgreSQL running for the next ones: the figure is a later command's. The line
 * {@code bench startup-show seconds=S} gives {@code account show}'s, and {@code bench startup-first seconds=F} the
 * import's when it is the first command after {@code roster db stop}.
 */
final class StartupBenchmarks {

	private static final int RUNS = 5;

	private StartupBenchmarks() {
	}

	static Benchmark startup() {
		return new ImportBenchmarks.Named("startup", (context) -> {
			Path jar = Path.of("target/roster.jar");
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException("the startup benchmark runs " + jar
						+ ": build it first (mvn -q -B package -DskipTests), or leave startup out of BENCH_ONLY");
			}
			Path home = Path.of("target/bench/startup-home").toAbsolutePath();
			FileSystemUtils.deleteRecursively(home);
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			List<String> roster = List.of(java, "-jar", jar.toString());
			run(home, concat(roster, "account", "apply", "sample-data/acme-account.yaml"));
			Path file = Path.of("sample-data/acme-roster.csv");
			List<String> dryRun = concat(roster, "import-users", "--account", "acme", "--file", file.toString(),
					"--dry-run");
			List<String> show = concat(roster, "account", "show", "acme");
			List<String> version = List.of(java, "-version");
			run(home, dryRun);
			run(home, show);
			run(home, version);
			List<String> stop = concat(roster, "db", "stop");
			double[] command = new double[RUNS];
			double[] baseline = new double[RUNS];
			double[] shown = new double[RUNS];
			double[] first = new double[RUNS];
			try {
				for (int i = 0; i < RUNS; i++) {
					command[i] = run(home, dryRun);
					baseline[i] = run(home, version);
					shown[i] = run(home, show);
					run(home, stop);
					first[i] = run(home, dryRun);
				}
			}
			finally {
				run(home, stop);
			}
			System.out.println(String.format(Locale.ROOT, "bench startup-show seconds=%.2f", median(shown)));
			System.out.println(String.format(Locale.ROOT, "bench startup-first seconds=%.2f", median(first)));
			long rows;
			try (var lines = Files.lines(file)) {
				rows = lines.count() - 1;
			}
			return new Measurement(rows, median(command), median(baseline), 0);
		});
	}

	/** The wall seconds of one run; fails unless it exits with 0. */
	private static double run(Path home, List<String> command) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		builder.environment().put("ROSTER_HOME", home.toString());
		long start = System.nanoTime();
		int exitCode = builder.start().waitFor();
		double seconds = (System.nanoTime() - start) / 1e9;
		if (exitCode != 0) {
			throw new IllegalStateException(String.join(" ", command) + " exited with " + exitCode);
		}
		return seconds;
	}

	private static List<String> concat(List<String> head, String... tail) {
		List<String> all = new ArrayList<>(head);
		all.addAll(List.of(tail));
		return all;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
