package dev.roster.cli;

import picocli.CommandLine.Option;

/** Options every job command has. */
class JobOptions {

	@Option(names = "--account", required = true, paramLabel = "A", description = "The account to work on.")
	String account;

	@Option(names = "--json", description = "Print the summary as one JSON object.")
	boolean json;

}
