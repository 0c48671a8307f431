package dev.roster;

import dev.roster.cli.RosterCli;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Roster: bulk user provisioning for a hosted conferencing service. The command line starts here. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RosterApplication {

	public static void main(String[] args) {
		System.exit(FastStart.run(args).orElseGet(() -> RosterCli.main(RosterApplication.class, args)));
	}

}
