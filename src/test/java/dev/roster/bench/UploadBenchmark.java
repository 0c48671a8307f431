package dev.roster.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import dev.roster.api.Multipart;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code upload}: streams a 100 MB CSV over real HTTP to the jobs API of a serving Roster (a dry run) and measures
 * the time until it is stored and queued, and the heap used meanwhile above what was used before: flat when the
 * upload is streamed to disk, 100 MB and more when it is held.
 */
final class UploadBenchmark {

	static final String NAME = "upload";

	private static final long SIZE = 100L * 1024 * 1024;

	private UploadBenchmark() {
	}

	/** Runs it on its own serving application and returns the line to print. */
	static String run(Path work) throws Exception {
		Path file = csv(work.resolve("upload-100mb.csv"));
		try (ServingRoster roster = ServingRoster.start(NAME, "import-users")) {
			ConfigurableApplicationContext application = roster.application();
			HeapPeak heap = new HeapPeak();
			HttpClient http = HttpClient.newHttpClient();
			long started = System.nanoTime();
			HttpResponse<String> response = http.send(new Multipart().field("dry-run", "true")
				.file(file)
				.post(URI.create(roster.url("/api/v1/accounts/bench/jobs/import-users")), roster.token()),
					HttpResponse.BodyHandlers.ofString());
			double seconds = (System.nanoTime() - started) / 1e9;
			double heapMb = heap.stopMb();
			if (response.statusCode() != 202) {
				throw new IllegalStateException("upload answered " + response.statusCode() + ": " + response.body());
			}
			// the launch it queued is not measured; it ends before serve stops
			awaitEnd(application, Duration.ofMinutes(10));
			double mb = SIZE / (1024.0 * 1024.0);
			return String.format(Locale.ROOT, "bench upload size_mb=%.0f seconds=%.2f mb_per_s=%.1f peak_heap_mb=%.0f",
					mb, seconds, mb / seconds, heapMb);
		}
	}

	private static void awaitEnd(ConfigurableApplicationContext application, Duration atMost)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(atMost);
		org.springframework.jdbc.core.JdbcTemplate jdbc = application
			.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
		while (Instant.now().isBefore(deadline)
				&& jdbc.queryForObject("select count(*) from job_launch where ended_at is null", Long.class) > 0) {
			Thread.sleep(500);
		}
	}

	/** Rows of users up to the size, under a header no job accepts. */
	private static Path csv(Path file) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			// no Email column: the job it queues refuses the file at its header, so only the upload is measured
			out.write("Login,First Name,Last Name,Profile Type,Group,Office,Billing Code,Language\n");
			long written = 0;
			for (long i = 0; written < SIZE; i++) {
				String row = "upload.user" + i + "@bench.example,Firstname" + i + ",Lastname" + i
						+ ",Standard,Sales,Madrid,,en\n";
				long left = SIZE - written;
				if (row.length() > left) {
					row = "#".repeat((int) left);
				}
				out.write(row);
				written += row.length();
			}
		}
		return file;
	}

}
