package dev.roster.intake;

/**
 * A whole input file is refused: the job imports none of its rows. The message is written for the person who dropped
 * the file, so it names the file (never its full path) and, where one applies, the row and column.
 */
public class InputRejectedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public InputRejectedException(String message) {
		super(message);
	}

	static InputRejectedException of(String fileName, String reason) {
		return new InputRejectedException(fileName + ": " + reason);
	}

}
