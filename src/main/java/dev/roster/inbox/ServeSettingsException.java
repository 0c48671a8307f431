package dev.roster.inbox;

/** {@code jobs/serve.yaml} or the drop folder settings cannot be used: serve refuses to start and says why. */
public class ServeSettingsException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ServeSettingsException(String message) {
		super(message);
	}

}
