package dev.roster.cli;

import java.util.ArrayList;
import java.util.List;

import dev.roster.account.AccountStore;
import picocli.CommandLine.Option;

/**
 * Whose tokens or people a command is about: an account's ({@code --account A}) or the service's support staff
 * ({@code --operator}), one or the other.
 */
final class Scope {

	@Option(names = "--account", paramLabel = "A", required = true, description = "The account.")
	List<String> accounts = new ArrayList<>();

	@Option(names = "--operator", required = true,
			description = "The service's support staff instead of an account: every account.")
	boolean operator;

	/** The one account named, or {@code null} for {@code --operator}. */
	String account() {
		if (this.operator) {
			return null;
		}
		if (this.accounts.size() > 1) {
			throw new UsageException("name one account (--account " + this.accounts.get(0) + ")");
		}
		return this.accounts.get(0);
	}

	/** {@link #account()}, checked to exist: an unknown account is bad usage, not an empty list. */
	String existingAccount(CliRuntime runtime) {
		String account = account();
		if (account != null && runtime.bean(AccountStore.class).find(account).isEmpty()) {
			throw new UsageException("unknown account '" + account + "'");
		}
		return account;
	}

	/** Prints a listing, or that there is no {@code what} for this scope. */
	void print(CliRuntime runtime, String what, Table table) {
		if (table.isEmpty()) {
			runtime.out().println("no " + what + " for " + describe());
		}
		else {
			table.print(runtime.out());
		}
	}

	/** How outputs name it: {@code account acme}, {@code operators}. */
	String describe() {
		return this.operator ? "operators" : "account " + String.join(", ", this.accounts);
	}

	/** Who a command line acts as in the audit log: the system user who ran it. */
	static String actor() {
		return "cli:" + System.getProperty("user.name", "unknown");
	}

}
