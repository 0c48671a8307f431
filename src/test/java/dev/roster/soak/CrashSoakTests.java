package dev.roster.soak;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash soak in a small size: 2,000 rows, one kill per job, a seed drawn for each run (printed, and taken from
 * {@code -Dsoak.seed=N} to replay one). The full-size command is the {@code soak} Maven profile.
 */
class CrashSoakTests {

	@TempDir
	Path directory;

	@Test
	void everyJobKilledAndResumedHasItsEffectsExactlyOnce() throws Exception {
		long seed = Long.getLong("soak.seed", new SecureRandom().nextInt(1_000_000));
		List<String> lines = new ArrayList<>();
		boolean ok;
		try (CrashSoak soak = new CrashSoak(new CrashSoak.Settings(2_000, 1, seed, this.directory), (line) -> {
			lines.add(line);
			System.out.println(line);
		})) {
			ok = soak.run();
		}
		assertThat(ok).as("the soak with seed %d (replay: -Dsoak.seed=%d)%n%s", seed, seed, String.join("\n", lines))
			.isTrue();
	}

}
