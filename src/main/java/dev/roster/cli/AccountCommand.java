package dev.roster.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.roster.account.Account;
import dev.roster.account.AccountCounts;
import dev.roster.account.AccountDefinition;
import dev.roster.account.AccountFile;
import dev.roster.account.AccountSlugs;
import dev.roster.account.AccountStore;
import dev.roster.account.Reference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;


@Command(name = "account", mixinStandardHelpOptions = true, description = "Set up and show accounts.",
		subcommands = { AccountCommand.Create.class, AccountCommand.Apply.class, AccountCommand.Show.class })
class AccountCommand {

	@Command(name = "create", mixinStandardHelpOptions = true,
			description = { "Create an account with its reference data.",
					"On an account that exists, adds the groups, offices, profile types and email domains it lacks and "
							+ "updates its name and defaults; nothing is removed but the email domains named by "
							+ "--remove-domain." })
	static class Create implements Runnable {

		private final CliRuntime runtime;

		@Parameters(index = "0", paramLabel = "ACCOUNT", description = "Short identifier, e.g. acme.")
		String slug;

		@Option(names = "--name", paramLabel = "NAME", description = "The organisation's name (required when new).")
		String name;

		@Option(names = "--group", paramLabel = "G", description = "A group users may belong to (repeatable).")
		List<String> groups = new ArrayList<>();

		@Option(names = "--office", paramLabel = "O", description = "An office (repeatable).")
		List<String> offices = new ArrayList<>();

		@Option(names = "--profile-type", paramLabel = "P", description = "A profile type (repeatable).")
		List<String> profileTypes = new ArrayList<>();

		@Option(names = "--default-profile-type", paramLabel = "P",
				description = "The profile type of users whose row names none (default: the first).")
		String defaultProfileType;

		@Option(names = "--billing-code", paramLabel = "B", description = "The default billing code.")
		String billingCode;

		@Option(names = "--domain", paramLabel = "D",
				description = { "An email domain the account owns, subdomains included (repeatable).",
						"Once it has one, rows with an address elsewhere are rejected; a domain belongs to one account." })
		List<String> domains = new ArrayList<>();

		@Option(names = "--remove-domain", paramLabel = "D", description = "An email domain it no longer owns (repeatable).")
		List<String> removedDomains = new ArrayList<>();

		Create(CliRuntime runtime) {
			this.runtime = runtime;
		}

		@Override
		public void run() {
			AccountStore accounts = this.runtime.bean(AccountStore.class);
			List<String> changes = new ArrayList<>(accounts.define(new AccountDefinition(this.slug, this.name,
					this.groups, this.offices, this.profileTypes, this.defaultProfileType, this.billingCode,
					this.domains)));
			if (!this.removedDomains.isEmpty()) {
				changes.addAll(accounts.removeEmailDomains(this.slug, this.removedDomains));
			}
			this.runtime.out()
				.println("account " + this.slug + ": " + (changes.isEmpty() ? "unchanged" : String.join("; ", changes)));
			warnings(this.runtime, accounts, accounts.get(this.slug));
		}

	}

	@Command(name = "apply", mixinStandardHelpOptions = true,
			description = { "Create or update the accounts of a YAML file with their reference data.",
					"Each account takes the keys slug, name, groups, offices, profile-types, default-profile-type, "
							+ "billing-code, email-domains, remove-email-domains, jit-provisioning, jit-activation-email and "
							+ "admins-approve-syncs (true or false); as with create, nothing is removed "
							+ "but the email domains under remove-email-domains. The whole file is checked first and "
							+ "applied in one transaction: a refused account leaves every account as it was." })
	static class Apply implements Runnable {

		private final CliRuntime runtime;

		@Parameters(index = "0", paramLabel = "FILE", description = "The accounts, e.g. sample-data/acme-account.yaml.")
		Path file;

		Apply(CliRuntime runtime) {
			this.runtime = runtime;
		}

		@Override
		public void run() {
			// checked before the database starts: a typo answers at once
			AccountFile accountFile = AccountFile.read(this.file);
			AccountStore accounts = this.runtime.bean(AccountStore.class);
			accounts.apply(accountFile).forEach((slug, changes) -> {
				this.runtime.out()
					.println("account " + slug + ": " + (changes.isEmpty() ? "unchanged" : String.join("; ", changes)));
				warnings(this.runtime, accounts, accounts.get(slug));
			});
		}

	}

	/** What support staff should know about an account as it now is, on the error stream. */
	static void warnings(CliRuntime runtime, AccountStore accounts, Account account) {
		if (AccountSlugs.isReserved(account.slug())) {
			runtime.err().println("roster: " + AccountSlugs.warning(account.slug()));
		}
		long outside = accounts.usersOutsideEmailDomains(account.id());
		if (outside > 0) {
			runtime.err().println("roster: note: " + outside + ((outside == 1) ? " user" : " users") + " of account "
					+ account.slug() + " (not terminated) " + ((outside == 1) ? "has an address" : "have addresses")
					+ " outside its email domains; the rows of import-users and sync-roster naming them are rejected");
		}
	}

	@Command(name = "show", mixinStandardHelpOptions = true,
			description = "Show an account's reference data, its users by status and its queued emails.")
	static class Show implements Runnable {

		private final CliRuntime runtime;

		@Parameters(index = "0", paramLabel = "ACCOUNT")
		String slug;

		Show(CliRuntime runtime) {
			this.runtime = runtime;
		}

		@Override
		public void run() {
			AccountStore accounts = this.runtime.bean(AccountStore.class);
			Account account = accounts.find(this.slug)
				.orElseThrow(() -> new UsageException("unknown account '" + this.slug + "'"));
			AccountCounts counts = accounts.counts(account.id());
			var out = this.runtime.out();
			out.println("account " + account.slug() + ": " + account.name());
			out.println("  default billing code: " + ((account.defaultBillingCode() != null)
					? account.defaultBillingCode() : "(none)"));
			out.println("  profile types: " + account.profileTypes()
				.values()
				.stream()
				.map((type) -> type.name() + (type.equals(account.defaultProfileType()) ? " (default)" : ""))
				.collect(Collectors.joining(", ")));
			out.println("  groups: " + names(account.groups()));
			out.println("  offices: " + names(account.offices()));
			out.println("  users: " + counts.active() + " active, " + counts.invited() + " invited, "
					+ counts.terminated() + " terminated");
			out.println("  email domains: " + (account.emailDomains().isEmpty() ? "(none: any address)"
					: String.join(", ", account.emailDomains())));
			out.println("  emails queued: " + counts.emailsQueued());
			out.println("  jit-provisioning: " + account.policy().jitProvisioning() + ", jit-activation-email: "
					+ account.policy().jitActivationEmail() + ", admins-approve-syncs: "
					+ account.policy().adminsApproveSyncs());
			warnings(this.runtime, accounts, account);
		}

		private static String names(Map<String, Reference> references) {
			return references.isEmpty() ? "(none)"
					: references.values().stream().map(Reference::name).collect(Collectors.joining(", "));
		}

	}

}
