package dev.roster.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import org.springframework.util.FileSystemUtils;

/**
 * The soak command: {@code SOAK_ROWS} rows (default 20,000), {@code SOAK_KILLS} kills per job (default 4),
 * {@code SOAK_SEED} (default: drawn, and printed). Prints one line per job and exits 1 when a check fails; the homes,
 * files and every process's output stay in {@code target/soak/} for whoever reads a failure.
 */
public final class Soak {

	private Soak() {
	}

	public static void main(String[] args) throws Exception {
		int rows = Integer.parseInt(env("SOAK_ROWS", "20000").replace("_", "").replace(",", ""));
		int kills = Integer.parseInt(env("SOAK_KILLS", "4"));
		long seed = Long.parseLong(env("SOAK_SEED", Long.toString(new SecureRandom().nextInt(1_000_000))));
		Path directory = Path.of("target/soak").toAbsolutePath();
		FileSystemUtils.deleteRecursively(directory);
		Files.createDirectories(directory);
		System.out.println("soak rows=" + rows + " kills=" + kills + " seed=" + seed + " in " + directory
				+ " (replay with SOAK_SEED=" + seed + ")");
		boolean ok;
		try (CrashSoak soak = new CrashSoak(new CrashSoak.Settings(rows, kills, seed, directory), System.out::println)) {
			ok = soak.run();
		}
		System.exit(ok ? 0 : 1);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value.strip();
	}

}
