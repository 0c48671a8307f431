package dev.roster.intake;

/** A row a {@link RowLedger} keeps: an input row naming one user by email, validated. */
public interface LedgerRow {

	InputRow row();

	/** The address, invisible characters removed; may be unusable when the row is not {@link #valid}. */
	String email();

	/** The email as users are looked up by. */
	String emailKey();

	/** Why the row is rejected on its own, or {@code null}. */
	String error();

	/** Invisible characters were removed from the email cell to read it. */
	boolean emailCleaned();

	default boolean valid() {
		return error() == null;
	}

}
