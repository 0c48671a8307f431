package dev.roster.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.roster.account.Account;
import dev.roster.account.AccountDefinition;
import dev.roster.account.AccountStore;
import dev.roster.account.Reference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.jdbc.core.JdbcTemplate;

@Command(name = "account", mixinStandardHelpOptions = true, description = "Set up and show accounts.",
		subcommands = { AccountCommand.Create.class, AccountCommand.Show.class })
class AccountCommand {

	@Command(name = "create", mixinStandardHelpOptions = true,
			description = { "Create an account with its reference data.",
					"On an account that exists, adds the groups, offices and profile types it lacks and updates its "
							+ "name and defaults; nothing is ever removed." })
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

		Create(CliRuntime runtime) {
			this.runtime = runtime;
		}

		@Override
		public void run() {
			List<String> changes = this.runtime.bean(AccountStore.class)
				.define(new AccountDefinition(this.slug, this.name, this.groups, this.offices, this.profileTypes,
						this.defaultProfileType, this.billingCode));
			this.runtime.out()
				.println("account " + this.slug + ": " + (changes.isEmpty() ? "unchanged" : String.join("; ", changes)));
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
			Account account = this.runtime.bean(AccountStore.class)
				.find(this.slug)
				.orElseThrow(() -> new UsageException("unknown account '" + this.slug + "'"));
			JdbcTemplate jdbc = this.runtime.bean(JdbcTemplate.class);
			Map<String, Long> users = jdbc
				.query("select status, count(*) from app_user where account_id = ? group by status",
						(rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)), account.id())
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
			Long queued = jdbc.queryForObject(
					"select count(*) from email_outbox where account_id = ? and status = 'QUEUED'", Long.class,
					account.id());
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
			out.println("  users: " + users.getOrDefault("ACTIVE", 0L) + " active, " + users.getOrDefault("INVITED", 0L)
					+ " invited, " + users.getOrDefault("TERMINATED", 0L) + " terminated");
			out.println("  emails queued: " + queued);
		}

		private static String names(Map<String, Reference> references) {
			return references.isEmpty() ? "(none)"
					: references.values().stream().map(Reference::name).collect(Collectors.joining(", "));
		}

	}

}
