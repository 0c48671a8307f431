package dev.roster.cli;

import java.util.concurrent.Callable;

import dev.roster.inbox.Serve;
import dev.roster.inbox.ServeSettingsException;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
		description = { "Watch the drop folders and run the schedules until stopped (SIGTERM or Ctrl-C).",
				"A complete file in $ROSTER_HOME/inbox/<account>/<job>/ runs that job for that account, then moves to "
						+ "archive/<account>/<job>/<date>/ with its report, or to failed/... with an .error.txt saying why.",
				"Options and schedules per account come from jobs/serve.yaml, read at start.",
				"Stopping lets running jobs finish their current chunk; they resume on the next start." })
class ServeCommand implements Callable<Integer> {

	private final CliRuntime runtime;

	ServeCommand(CliRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() throws InterruptedException {
		this.runtime.serving();
		Serve serve = this.runtime.bean(Serve.class);
		try {
			serve.start();
		}
		catch (ServeSettingsException ex) {
			throw new UsageException(ex.getMessage());
		}
		this.runtime.err().println("roster: serving; stop with SIGTERM or Ctrl-C (log: $ROSTER_HOME/logs/roster.log)");
		this.runtime.err().flush();
		serve.awaitStop();
		return 0;
	}

}
