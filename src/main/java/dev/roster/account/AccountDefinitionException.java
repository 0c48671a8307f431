package dev.roster.account;

/** An account definition that cannot be stored as given (bad slug, unknown default profile type...). */
public class AccountDefinitionException extends RuntimeException {

	AccountDefinitionException(String message) {
		super(message);
	}

}
