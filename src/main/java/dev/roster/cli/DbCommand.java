package dev.roster.cli;

import dev.roster.RosterHome;
import dev.roster.database.EmbeddedServer;
import picocli.CommandLine.Command;

@Command(name = "db", mixinStandardHelpOptions = true,
		description = "The embedded PostgreSQL of $ROSTER_HOME, which commands run with java -jar keep running.",
		subcommands = DbCommand.Stop.class)
class DbCommand {

	@Command(name = "stop", mixinStandardHelpOptions = true,
			description = { "Stop the embedded PostgreSQL kept running between commands; the next command starts it "
					+ "again.", "Refused (exit 1) while a command or roster serve runs on the same home." })
	static class Stop implements Runnable {

		private final CliRuntime runtime;

		Stop(CliRuntime runtime) {
			this.runtime = runtime;
		}

		@Override
		public void run() {
			boolean running = EmbeddedServer.stop(this.runtime.home());
			this.runtime.out().println(running ? "embedded PostgreSQL stopped" : "embedded PostgreSQL not running");
		}

	}

}
