package dev.roster.account;

import dev.roster.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountCommandTests extends IntegrationTest {

	@Test
	void createsAnAccountWithItsReferenceDataAndShowsIt() {
		Result created = roster("account", "create", "initech", "--name", "Initech", "--group", "TPS", "--office",
				"Austin", "--office", "Dallas", "--profile-type", "Standard", "--profile-type", "Premium",
				"--default-profile-type", "Premium", "--billing-code", "007");

		assertThat(created.exitCode()).isZero();
		assertThat(created.out()).startsWith("account initech: created; added group 'TPS'; added office 'Austin'");
		Account account = this.accounts.find("initech").orElseThrow();
		assertThat(account.offices()).hasSize(2);
		assertThat(account.defaultProfileType().name()).isEqualTo("Premium");
		assertThat(account.defaultBillingCode()).isEqualTo("007");

		Result shown = roster("account", "show", "initech");
		assertThat(shown.out()).contains("account initech: Initech")
			.contains("profile types: Standard, Premium (default)")
			.contains("offices: Austin, Dallas")
			.contains("default billing code: 007")
			.contains("users: 0 active, 0 invited, 0 terminated");
	}

	@Test
	void creatingAgainAddsOnlyWhatIsMissingAndNeverRemoves() {
		roster("account", "create", "initech", "--name", "Initech", "--office", "Austin");

		Result same = roster("account", "create", "initech", "--office", "austin");
		Result more = roster("account", "create", "initech", "--office", "Dallas", "--profile-type", "Premium");

		assertThat(same.out().strip()).isEqualTo("account initech: unchanged");
		assertThat(more.out()).contains("added office 'Dallas'").contains("added profile type 'Premium'");
		Account account = this.accounts.find("initech").orElseThrow();
		assertThat(account.offices()).containsOnlyKeys("austin", "dallas");
		// a first account without profile types gets Standard as its default
		assertThat(account.defaultProfileType().name()).isEqualTo("Standard");
	}

	@Test
	void refusesABadSlugAndAnUnknownAccount() {
		Result bad = roster("account", "create", "Acme Corp", "--name", "Acme");
		assertThat(bad.exitCode()).isEqualTo(2);
		assertThat(bad.err()).contains("invalid account 'Acme Corp'");
		Result unknown = roster("account", "show", "nope");
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.err()).contains("unknown account 'nope'");
		assertThat(roster("account", "create", "new-one").err()).contains("needs --name");
	}

	@Test
	void helpListsOnlyWorkingCommandsAndNeedsNoDatabase() {
		Result help = roster("--help");
		assertThat(help.exitCode()).isZero();
		assertThat(help.out()).contains("account", "import-users", "export-users", "serve").doesNotContain("terminate");
		assertThat(roster("import-users", "--help").out()).contains("--dry-run", "--mode", "--no-deliver", "--json");
		assertThat(roster().exitCode()).isEqualTo(2);
		assertThat(roster("frobnicate").exitCode()).isEqualTo(2);
	}

}
