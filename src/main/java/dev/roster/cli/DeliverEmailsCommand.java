package dev.roster.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "deliver-emails", mixinStandardHelpOptions = true,
		description = { "Deliver the queued emails of an account, or of every account: over SMTP when spring.mail.host "
				+ "is set, otherwise as .eml files in $ROSTER_HOME/outbox.",
				"Passing failures are retried with backoff; refused emails end as failed. The report lists the "
						+ "emails that failed, were cancelled, wait for a retry or may have been sent twice.",
				"Exit code 1 when emails stay queued (server unreachable, retries not yet due): run it again later." })
class DeliverEmailsCommand implements Callable<Integer> {

	private final CliRuntime runtime;

	@Option(names = "--account", paramLabel = "A", description = "Only this account's emails (default: every account).")
	String account;

	@Option(names = "--json", description = "Print the summary as one JSON object.")
	boolean json;

	DeliverEmailsCommand(CliRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() {
		return new JobLaunch(this.runtime, "deliver-emails", this.account, this.json).everyTime()
			.run("deliverEmailsJob");
	}

}
