package dev.roster.delegates;

import dev.roster.intake.InputRow;
import dev.roster.intake.LedgerRow;

/**
 * A row of a delegates file, validated on its own.
 *
 * @param hostKey the identity the host cell names, or {@code null} when blank (also for a rejected row)
 * @param delegateKey the identity the delegate cell names, or {@code null} when blank (also for a rejected row): a
 * rejected row still names its pair, which --replace must not remove
 * @param error why the row is rejected, or {@code null}
 * @param emailCleaned invisible characters were removed from an email cell to read it
 */
record DelegateRow(InputRow row, String hostEmail, String hostKey, String delegateEmail, String delegateKey,
		String error, boolean emailCleaned) implements LedgerRow {

	/** The host's: the ledger notes the row's cleaned email by it. */
	@Override
	public String email() {
		return this.hostEmail;
	}

	@Override
	public String emailKey() {
		return this.hostKey;
	}

	/** A valid row with a host and no delegate: with --replace, the host has no delegates. */
	boolean clearsHost() {
		return this.delegateKey == null;
	}

}
