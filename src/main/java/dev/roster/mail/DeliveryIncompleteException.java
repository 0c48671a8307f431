package dev.roster.mail;

/** A delivery ended with emails still queued: the server was unreachable, or some wait for a retry. */
public class DeliveryIncompleteException extends RuntimeException {

	DeliveryIncompleteException(String message) {
		super(message);
	}

}
