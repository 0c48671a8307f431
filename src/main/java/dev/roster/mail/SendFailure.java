package dev.roster.mail;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Why a message was not sent, and what follows.
 *
 * @param permanent the server refused the message for good (a 5xx reply, an address mail cannot go to): it is not
 * tried again
 * @param connectionLost the connection broke: it must be opened again
 * @param maybeDelivered the connection broke while the message was on its way, so the server may have taken it
 * @param message the server's reply or the error, for the report
 */
record SendFailure(boolean permanent, boolean connectionLost, boolean maybeDelivered, String message) {

	private static final int MAX_MESSAGE = 500;

	static SendFailure of(Exception failure) {
		int code = 0;
		String reply = null;
		boolean io = false;
		Set<Throwable> seen = new HashSet<>();
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = next(cause)) {
			if (cause instanceof AddressException) {
				return new SendFailure(true, false, false, trim("invalid address: " + cause.getMessage()));
			}
			if (code == 0) {
				if (cause instanceof SMTPAddressFailedException address) {
					code = address.getReturnCode();
					reply = address.getMessage();
				}
				else if (cause instanceof SMTPSenderFailedException sender) {
					code = sender.getReturnCode();
					reply = sender.getMessage();
				}
				else if (cause instanceof SMTPSendFailedException send) {
					code = send.getReturnCode();
					reply = send.getMessage();
				}
			}
			io |= cause instanceof IOException;
		}
		String message = (reply != null) ? reply.strip() : describe(failure);
		if (code >= 500 && code <= 599) {
			return new SendFailure(true, false, false, trim(message));
		}
		return new SendFailure(false, io, io && code == 0, trim(message));
	}

	private static Throwable next(Throwable cause) {
		if (cause instanceof MessagingException messaging && messaging.getNextException() != null) {
			return messaging.getNextException();
		}
		return cause.getCause();
	}

	/** The message of the failure with, when it only wraps another, the message of its cause. */
	static String describe(Throwable failure) {
		String message = (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
		Throwable cause = next(failure);
		if (cause != null && cause != failure && cause.getMessage() != null && !message.contains(cause.getMessage())) {
			message = message + ": " + cause.getMessage();
		}
		return message.strip();
	}

	private static String trim(String message) {
		String oneLine = message.replaceAll("\\s+", " ");
		return (oneLine.length() > MAX_MESSAGE) ? oneLine.substring(0, MAX_MESSAGE) + "..." : oneLine;
	}

}
