package dev.roster.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.roster.RosterApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The benchmark command. Starts Roster on a fresh home (the embedded PostgreSQL, or {@code SPRING_DATASOURCE_URL}),
 * runs the benchmarks named in {@code BENCH_ONLY} (all by default) on {@code BENCH_ROWS} rows (default 1,000,000),
 * prints one line per benchmark and appends the same figures to {@code target/bench/results.csv}.
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		try (SmtpSink smtp = new SmtpSink()) {
			run(smtp);
		}
	}

	private static void run(SmtpSink smtp) throws Exception {
		// startup first: it needs the packaged jar, and says so before the long ones run
		List<Benchmark> benchmarks = List.of(StartupBenchmarks.startup(), ImportBenchmarks.importCsv(), ImportBenchmarks.reimportCsv(),
				ImportBenchmarks.exportCsv(), IntakeBenchmarks.readCsv(), IntakeBenchmarks.readXlsx(),
				IntakeBenchmarks.importXlsx(), MailBenchmarks.deliverEmails(smtp), LifecycleBenchmarks.terminate(),
				LifecycleBenchmarks.syncRoster());
		long rows = Long.parseLong(env("BENCH_ROWS", "1000000").replace("_", "").replace(",", ""));
		Set<String> only = Arrays.stream(env("BENCH_ONLY", "").split(","))
			.map(String::strip)
			.filter((name) -> !name.isEmpty())
			.collect(Collectors.toSet());
		List<Benchmark> selected = benchmarks.stream()
			.filter((benchmark) -> only.isEmpty() || only.contains(benchmark.name()))
			.toList();
		boolean upload = only.isEmpty() || only.contains(UploadBenchmark.NAME);
		boolean usersPage = only.isEmpty() || only.contains(UsersPageBenchmark.NAME);
		boolean consoleUsersPage = only.isEmpty() || only.contains(ConsoleUsersPageBenchmark.NAME);
		// each its own serving application: the others run without a web server
		if (upload) {
			System.out.println(UploadBenchmark.run(Files.createDirectories(Path.of("target/bench/work"))));
		}
		if (usersPage) {
			System.out.println(UsersPageBenchmark.run(rows));
		}
		if (consoleUsersPage) {
			System.out.println(ConsoleUsersPageBenchmark.run(rows));
		}
		if ((upload || usersPage || consoleUsersPage) && selected.isEmpty()) {
			return;
		}
		if (selected.isEmpty()) {
			throw new IllegalArgumentException("BENCH_ONLY names no benchmark; known: "
					+ benchmarks.stream().map(Benchmark::name).collect(Collectors.joining(",")) + "," + UploadBenchmark.NAME + "," + UsersPageBenchmark.NAME + "," + ConsoleUsersPageBenchmark.NAME);
		}
		Path home = Path.of("target/bench/home");
		FileSystemUtils.deleteRecursively(home);
		Path work = Files.createDirectories(Path.of("target/bench/work"));
		Path results = Path.of("target/bench/results.csv");
		// arguments, not default properties: those rank below application.yaml, whose roster.home would win.
		// Emails go to the local sink as fast as it takes them: the per-account rate limit would set the pace.
		try (ConfigurableApplicationContext application = new SpringApplicationBuilder(RosterApplication.class)
			.run("--roster.home=" + home.toAbsolutePath(), "--spring.main.banner-mode=off", "--spring.mail.host=127.0.0.1",
					"--spring.mail.port=" + smtp.port(), "--roster.mail.rate-per-account=0")) {
			BenchContext context = new BenchContext(application, work, rows);
			List<String> lines = new ArrayList<>();
			for (Benchmark benchmark : selected) {
				Measurement measurement = benchmark.run(context);
				String line = String.format(Locale.ROOT,
						"bench %s rows=%d seconds=%.2f baseline_seconds=%.2f ratio=%.2f peak_heap_mb=%.0f",
						benchmark.name(), measurement.rows(), measurement.seconds(), measurement.baselineSeconds(),
						measurement.ratio(), measurement.peakHeapMb());
				System.out.println(line);
				lines.add(String.format(Locale.ROOT, "%s,%s,%d,%.3f,%.3f,%.3f,%.1f,%d", Instant.now(), benchmark.name(),
						measurement.rows(), measurement.seconds(), measurement.baselineSeconds(), measurement.ratio(),
						measurement.peakHeapMb(), Runtime.getRuntime().maxMemory() / (1024 * 1024)));
			}
			append(results, lines);
		}
	}

	private static void append(Path results, List<String> lines) throws IOException {
		if (!Files.exists(results)) {
			Files.writeString(results, "time,bench,rows,seconds,baseline_seconds,ratio,peak_heap_mb,max_heap_mb\n");
		}
		Files.write(results, lines, StandardOpenOption.APPEND);
	}

	private static String env(String name, String defaultValue) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? defaultValue : value;
	}

}
