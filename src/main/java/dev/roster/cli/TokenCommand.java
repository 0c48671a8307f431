package dev.roster.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.roster.RosterJobs;
import dev.roster.access.ApiTokens;
import dev.roster.access.AuditLog;
import dev.roster.job.JobDefinition;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "token", mixinStandardHelpOptions = true,
		description = "Create, revoke and list the API tokens machines present as Authorization: Bearer <token>.",
		subcommands = { TokenCommand.Create.class, TokenCommand.Revoke.class, TokenCommand.ListTokens.class })
class TokenCommand {

	/** What a token of an account may be allowed besides the jobs: the SSO provisioning endpoint. */
	static final String PROVISION = "provision";

	/** The names {@code --jobs} accepts, in the order the command line lists the jobs. */
	static Set<String> grantable() {
		Set<String> names = new LinkedHashSet<>();
		RosterJobs.ALL.stream().map(JobDefinition::command).forEach(names::add);
		names.add(PROVISION);
		return names;
	}

	@Command(name = "create", mixinStandardHelpOptions = true,
			description = { "Create a token and print it, once, as the last line: only its hash is kept.",
					"An account's token sees that account only and launches the jobs it names; an operator's token "
							+ "acts as support staff on every account." })
	static class Create implements Runnable {

		private final CliRuntime runtime;

		@ArgGroup(multiplicity = "1")
		Scope scope;

		@Option(names = "--name", paramLabel = "N", required = true,
				description = "Which system holds it, e.g. workday; unique among the live tokens of the account.")
		String name;

		@Option(names = "--jobs", paramLabel = "J", split = ",",
				description = "The jobs it may launch, e.g. sync-roster,terminate (account tokens); provision for "
						+ "SSO provisioning.")
		List<String> jobs = new ArrayList<>();

		Create(CliRuntime runtime) {
			this.runtime = runtime;
		}

		@Override
		public void run() {
			String account = this.scope.account();
			Set<String> grantable = grantable();
			if (account == null && !this.jobs.isEmpty()) {
				throw new UsageException("an operator's token launches every job: --jobs is for an account's token");
			}
			List<String> unknown = this.jobs.stream().filter((job) -> !grantable.contains(job)).toList();
			if (!unknown.isEmpty()) {
				throw new UsageException("unknown job" + ((unknown.size() > 1) ? "s " : " ") + String.join(", ", unknown)
						+ "; --jobs accepts: " + String.join(", ", grantable));
			}
			List<String> jobs = List.copyOf(new LinkedHashSet<>(this.jobs));
			String token;
			try {
				token = this.runtime.bean(ApiTokens.class).create(account, this.name, jobs, Scope.actor());
			}
			catch (IllegalArgumentException ex) {
				throw new UsageException(ex.getMessage());
			}
			this.runtime.bean(AuditLog.class).record(account, Scope.actor(), "token.create",
					"token " + this.name, "cli", Map.of("jobs", jobs));
			var out = this.runtime.out();
			if (account == null) {
				out.println("operator token " + this.name + " created: it acts as support staff on every account");
			}
			else {
				out.println("token " + this.name + " created for account " + account + "; it may launch: "
						+ (jobs.isEmpty() ? "no job (it reads only)" : String.join(", ", jobs)));
			}
			out.println("it is shown this once and cannot be shown again: store it in the system that uses it");
			out.println(token);
		}

	}

	@Command(name = "revoke", mixinStandardHelpOptions = true,
			description = "Revoke the live token of that name: its next request is refused (401).")
	static class Revoke implements Runnable {

		private final CliRuntime runtime;

		@ArgGroup(multiplicity = "1")
		Scope scope;

		@Option(names = "--name", paramLabel = "N", required = true, description = "The token's name.")
		String name;

		Revoke(CliRuntime runtime) {
			this.runtime = runtime;
		}

		@Override
		public void run() {
			String account = this.scope.account();
			if (!this.runtime.bean(ApiTokens.class).revoke(account, this.name)) {
				throw new UsageException("no live token named '" + this.name + "' among the tokens of "
						+ this.scope.describe() + " (roster token list shows them)");
			}
			this.runtime.bean(AuditLog.class).record(account, Scope.actor(), "token.revoke", "token " + this.name,
					"cli", Map.of());
			this.runtime.out().println("token " + this.name + " of " + this.scope.describe() + " revoked");
		}

	}

	@Command(name = "list", mixinStandardHelpOptions = true,
			description = "List the tokens, live and revoked: never their text, which is not kept.")
	static class ListTokens implements Runnable {

		private final CliRuntime runtime;

		@ArgGroup(multiplicity = "1")
		Scope scope;

		ListTokens(CliRuntime runtime) {
			this.runtime = runtime;
		}

		@Override
		public void run() {
			List<ApiTokens.TokenInfo> tokens = this.runtime.bean(ApiTokens.class)
				.list(this.scope.existingAccount(this.runtime));
			Table table = new Table("NAME", "JOBS", "CREATED", "BY", "LAST USE", "FROM", "REVOKED");
			for (ApiTokens.TokenInfo token : tokens) {
				table.row(token.name(), token.operator() ? "(every job)" : String.join(",", token.jobs()),
						time(token.createdAt()), token.createdBy(), time(token.lastUsedAt()), token.lastUsedFrom(),
						time(token.revokedAt()));
			}
			this.scope.print(this.runtime, "tokens", table);
		}

	}

	/** An instant as lists print it: ISO-8601 UTC to the second, {@code -} for none. */
	static String time(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS).toString() : "-";
	}

}
