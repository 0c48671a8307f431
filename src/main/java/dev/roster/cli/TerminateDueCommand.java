package dev.roster.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "terminate-due", mixinStandardHelpOptions = true,
		description = { "Apply the scheduled terminations whose date has come (today or earlier), of one account "
				+ "or of all.", "Safe to run at any time and as often as wanted: a user is terminated once." })
class TerminateDueCommand implements Callable<Integer> {

	private final CliRuntime runtime;

	@Option(names = "--account", paramLabel = "A", description = "Only this account (default: every account).")
	String account;

	@Option(names = "--json", description = "Print the summary as one JSON object.")
	boolean json;

	TerminateDueCommand(CliRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() {
		JobOptions options = new JobOptions();
		options.account = this.account;
		options.json = this.json;
		return new JobLaunch(this.runtime, "terminate-due", options).everyTime().run("terminateDueJob");
	}

}
