package dev.roster.database;

/** Another Roster process runs the embedded database of the same {@code $ROSTER_HOME}. */
public class DatabaseInUseException extends RuntimeException {

	DatabaseInUseException(String message) {
		super(message);
	}

}
