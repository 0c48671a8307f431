package dev.roster.api;

import dev.roster.access.Caller;
import dev.roster.account.Account;
import dev.roster.account.AccountStore;

import org.springframework.stereotype.Component;

/**
 * The one rule of the API's resources: an account the caller may not see does not exist for it (404, never 403, so
 * a caller cannot learn which accounts exist); within an account it sees, what it may not do is 403.
 */
@Component
public class AccountAccess {

	private final AccountStore accounts;

	AccountAccess(AccountStore accounts) {
		this.accounts = accounts;
	}

	/** The account, if the current caller may see it; otherwise 404, the same as an account that does not exist. */
	public Account account(String slug) {
		Caller caller = Callers.current();
		if (!caller.sees(slug)) {
			throw noAccount(slug);
		}
		return this.accounts.find(slug).orElseThrow(() -> noAccount(slug));
	}

	/** Checks the current caller may see the account a resource belongs to; a resource of another is 404. */
	public void sees(String account, String what) {
		if (account == null ? !Callers.current().operator() : !Callers.current().sees(account)) {
			throw ApiProblem.notFound(what + " not found");
		}
	}

	/** Checks the caller may launch the job in an account it sees: a token the jobs it was created for. */
	public void mayLaunch(String job) {
		Caller caller = Callers.current();
		if (!caller.mayLaunch(job)) {
			throw ApiProblem.forbidden("this token may not launch " + job + "; it may launch: "
					+ (caller.jobs().isEmpty() ? "no job" : String.join(", ", caller.jobs().stream().sorted().toList())));
		}
	}

	/** Checks the caller is support staff. */
	public void operator() {
		if (!Callers.current().operator()) {
			throw ApiProblem.forbidden("only the service's support staff may do this");
		}
	}

	private static ApiProblem noAccount(String slug) {
		return ApiProblem.notFound("no account '" + slug + "'");
	}

}
