package dev.roster.intake;

import java.nio.file.Path;

/**
 * Opens one file with {@link TabularReader} and prints what happened, for tests that start it in a JVM of its own
 * with a small heap: {@code refused: <message>} or {@code opened}.
 */
final class OpenInSmallHeap {

	private OpenInSmallHeap() {
	}

	public static void main(String[] args) {
		try (TabularReader reader = TabularReader.open(Path.of(args[0]), IntakeLimits.defaults())) {
			System.out.println("opened");
		}
		catch (InputRejectedException ex) {
			System.out.println("refused: " + ex.getMessage());
		}
	}

}
