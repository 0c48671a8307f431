package dev.roster.console;

import java.util.List;
import java.util.function.ToIntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The users the users page's tests start from, made through the command line as HR files make them. */
final class UsersFixtures {

	/** acme's: the six of the import fixture, John Smith terminated, and two invited. */
	static final List<String[]> ACME = List.of(
			new String[] { "import-users", "--account", "acme", "--file", "src/test/resources/importusers/invites.csv" },
			new String[] { "terminate", "--account", "acme", "--file", "src/test/resources/console/users-leavers.csv" },
			new String[] { "import-users", "--account", "acme", "--mode", "invite", "--file",
					"src/test/resources/console/users-invited.csv" });

	/** globex's: Homer. */
	static final List<String[]> GLOBEX = List.<String[]>of(
			new String[] { "import-users", "--account", "globex", "--file", "src/test/resources/console/users-globex.csv" });

	private UsersFixtures() {
	}

	/** Runs each command, which must succeed. */
	static void make(ToIntFunction<String[]> roster, List<String[]> commands) {
		for (String[] command : commands) {
			assertThat(roster.applyAsInt(command)).as(String.join(" ", command)).isZero();
		}
	}

}
