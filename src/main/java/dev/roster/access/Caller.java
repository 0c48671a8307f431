package dev.roster.access;

import java.util.Set;

/**
 * Who a request acts as, whichever way it authenticated: a person signed in with a password, or a machine with an API
 * token. Everything the HTTP door allows is decided here and in nothing else.
 *
 * @param kind a person or a token
 * @param id the person's or the token's id
 * @param name the person's email, or the token's {@code account/name}
 * @param operator whether it acts as the service's support staff: every account
 * @param accounts the accounts it may see (an admin's, or a token's one); empty for an operator, who sees all
 * @param jobs for an account's token, the jobs it may launch; empty otherwise
 */
public record Caller(Kind kind, long id, String name, boolean operator, Set<String> accounts, Set<String> jobs) {

	/** How a caller authenticated. */
	public enum Kind {

		/** A person, with a password and a session. */
		PERSON,

		/** A machine, with {@code Authorization: Bearer}. */
		TOKEN

	}

	public Caller {
		accounts = Set.copyOf(accounts);
		jobs = Set.copyOf(jobs);
	}

	/** Whether this caller may see the account at all; an account it may not see does not exist for it. */
	public boolean sees(String account) {
		return this.operator || this.accounts.contains(account);
	}

	/** Whether it may launch this job (in an account it sees): a person any, an account's token the jobs it names. */
	public boolean mayLaunch(String job) {
		return this.operator || this.kind == Kind.PERSON || this.jobs.contains(job);
	}

	/** Whether it is a person: a machine never approves what a safety guard stopped. */
	public boolean person() {
		return this.kind == Kind.PERSON;
	}

	/** How audit events and jobs name it: {@code person:ana@acme.example}, {@code token:acme/workday}. */
	public String who() {
		return ((this.kind == Kind.PERSON) ? "person:" : "token:") + this.name;
	}

}
