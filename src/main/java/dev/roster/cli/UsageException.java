package dev.roster.cli;

/** Bad usage or input refused before any job starts: exit code 2. */
class UsageException extends RuntimeException {

	UsageException(String message) {
		super(message);
	}

}
