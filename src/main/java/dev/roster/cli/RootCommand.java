package dev.roster.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "roster", mixinStandardHelpOptions = true, version = "Roster 0.1",
		description = "Bulk user provisioning for a hosted conferencing service.%n",
		footer = { "%nExit codes: 0 completed (rejected rows are not a failure), 1 failed (the same command resumes it),",
				"2 bad usage or input rejected as a whole, 3 stopped by a safety guard.",
				"Data lives in $ROSTER_HOME (default ./roster-data)." })
// the subcommands are added by RosterCli: the job commands are made from their definitions
class RootCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "Missing command: use one of the commands listed below");
	}

}
