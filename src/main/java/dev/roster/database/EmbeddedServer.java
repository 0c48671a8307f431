package dev.roster.database;

import dev.roster.RosterHome;

/** What the command line may do to the embedded PostgreSQL of a home without starting it. */
public final class EmbeddedServer {

	private EmbeddedServer() {
	}

	/**
	 * Stops the embedded PostgreSQL that commands keep running on {@code home}.
	 * @return whether one was running
	 * @throws DatabaseInUseException while a command or {@code roster serve} runs on the home
	 */
	public static boolean stop(RosterHome home) {
		return EmbeddedDatabase.stopKept(home.folder("postgres"));
	}

}
