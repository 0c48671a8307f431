package dev.roster.cli;

import java.util.List;

import dev.roster.access.Invitations;
import dev.roster.access.People;
import dev.roster.mail.PersonEmails;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "admin", mixinStandardHelpOptions = true,
		description = "Give people access to the console and the API: accounts' admins and the service's operators.",
		subcommands = { AdminCommand.Invite.class, AdminCommand.ListPeople.class })
class AdminCommand {

	@Command(name = "invite", mixinStandardHelpOptions = true,
			description = { "Add a person and email them a single-use link to choose their password (it works for "
					+ People.LINK_HOURS + " hours).",
					"The link is never printed: only its recipient can sign in with it. Inviting someone again adds "
							+ "the accounts named to theirs and sends a new link." })
	static class Invite implements Runnable {

		private final CliRuntime runtime;

		@Option(names = "--email", paramLabel = "E", required = true, description = "Their address: their sign-in name.")
		String email;

		@Option(names = "--name", paramLabel = "N", description = "Their name, as emails greet them.")
		String name;

		@ArgGroup(multiplicity = "1")
		Scope scope;

		@Option(names = "--language", paramLabel = "L", defaultValue = "en",
				description = "The language of the email: en or es (default: ${DEFAULT-VALUE}).")
		String language;

		@Option(names = "--invited-by", paramLabel = "WHO",
				description = "Who the email says invited them (default: the service's support staff).")
		String invitedBy;

		Invite(CliRuntime runtime) {
			this.runtime = runtime;
		}

		@Override
		public void run() {
			if (!PersonEmails.languages().contains(this.language)) {
				throw new UsageException("--language is one of " + String.join(", ", PersonEmails.languages()));
			}
			if (this.email.strip().indexOf('@') < 1) {
				throw new UsageException("--email must be an email address: '" + this.email + "' is not");
			}
			try {
				this.runtime.bean(Invitations.class).invite(this.email.strip(), this.name, this.scope.operator,
						this.scope.operator ? List.of() : List.copyOf(this.scope.accounts), this.language,
						this.invitedBy, Scope.actor(), "cli");
			}
			catch (IllegalArgumentException ex) {
				throw new UsageException(ex.getMessage());
			}
			this.runtime.out().println("invited " + this.email.strip() + " as "
					+ (this.scope.operator ? "an operator" : "an admin of " + String.join(", ", this.scope.accounts))
					+ ": an email with a link to choose their password was sent to them (single-use, "
					+ People.LINK_HOURS + " hours)");
		}

	}

	@Command(name = "list", mixinStandardHelpOptions = true,
			description = "List an account's admins, or the operators: who has set a password, and their last sign-in.")
	static class ListPeople implements Runnable {

		private final CliRuntime runtime;

		@ArgGroup(multiplicity = "1")
		Scope scope;

		ListPeople(CliRuntime runtime) {
			this.runtime = runtime;
		}

		@Override
		public void run() {
			List<People.Person> people = this.runtime.bean(People.class).list(this.scope.existingAccount(this.runtime));
			Table table = new Table("EMAIL", "NAME", "STATE", "LAST SIGN-IN");
			for (People.Person person : people) {
				table.row(person.email(), person.name(), (person.disabledAt() != null) ? "disabled"
						: (person.passwordHash() != null) ? "active" : "invited (no password yet)",
						TokenCommand.time(person.lastSignInAt()));
			}
			this.scope.print(this.runtime, "people", table);
		}

	}

}
