package dev.roster.account;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.roster.IntegrationTest;
import dev.roster.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** An account that owns email domains takes users at them only; a domain belongs to one account service-wide. */
class AccountEmailDomainsTests extends IntegrationTest {

	private static final String FILE = fixture("account/invites-own-and-other-domains.csv").toString();

	@TempDir
	Path temp;

	@Test
	void importRejectsAddressesOutsideTheAccountsDomainsNamingTheDomain() {
		createAcme();
		assertThat(roster("account", "create", "acme", "--domain", "acme.example").exitCode()).isZero();

		Result result = roster("import-users", "--account", "acme", "--no-deliver", "--file", FILE);

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("import-users acme: COMPLETED read=6 created=2 updated=0 unchanged=0 rejected=4");
		// a subdomain belongs with its domain, in any case; a look-alike does not
		assertThat(statuses()).containsOnlyKeys("ana.lopez@acme.example", "Ben.Carter@ENG.Acme.Example");
		Map<String, Map<String, String>> rejects = TestFiles.reportBy(result.field("report"), "Row");
		assertThat(rejects.keySet()).containsExactly("4", "5", "6", "7");
		assertThat(rejects.get("4").get("Error"))
			.isEqualTo("email domain 'gmail.com' is not one of this account's domains: acme.example in column 'Email' (A)");
		assertThat(rejects.get("5").get("Error")).startsWith("email domain 'acme.example.evil.test' is not one");
		assertThat(rejects.get("6").get("Error")).startsWith("email domain 'notacme.example' is not one");
		assertThat(rejects.get("7").get("Error")).startsWith("email domain 'globex.example' is not one");
	}

	@Test
	void anAccountWithoutDomainsTakesAnyAddress() {
		createGlobex();

		Result result = roster("import-users", "--account", "globex", "--no-deliver", "--file", FILE);

		assertThat(result.out()).startsWith("import-users globex: COMPLETED read=6 created=6");
		assertThat(roster("account", "show", "globex").out()).contains("email domains: (none: any address)");
	}

	@Test
	void syncRejectsAddressesOutsideTheDomainsAndTakesNoOneNamedByARejectedRowForAbsent() {
		// given: Carla joined with a gmail address before acme's domain was set
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file",
				TestFiles.csv(this.temp, "carla.csv", "Email,First Name,Last Name",
						"carla.ruiz@gmail.com,Carla,Ruiz").toString());
		Result domain = roster("account", "create", "acme", "--domain", "acme.example");
		assertThat(domain.out()).startsWith("account acme: added email domain 'acme.example'");
		assertThat(domain.err()).contains("note: 1 user of account acme (not terminated) has an address outside its "
				+ "email domains; the rows of import-users and sync-roster naming them are rejected");

		Result result = roster("sync-roster", "--account", "acme", "--file", FILE);

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("sync-roster acme: COMPLETED read=6 created=2 updated=0 reactivated=0 "
				+ "terminated=0 unchanged=0 rejected=4");
		assertThat(statuses()).containsOnlyKeys("ana.lopez@acme.example", "Ben.Carter@ENG.Acme.Example",
				"carla.ruiz@gmail.com").containsEntry("carla.ruiz@gmail.com", "ACTIVE");
		assertThat(TestFiles.reportBy(result.field("report"), "Row").get("4").get("Error"))
			.isEqualTo("email domain 'gmail.com' is not one of this account's domains: acme.example in column 'Email' (A)");
	}

	@Test
	void domainsAreStoredLowerCaseShownAndRemovable() {
		Result created = roster("account", "create", "initech", "--name", "Initech", "--domain", "Initech.Example.",
				"--domain", "initech.example", "--domain", "münchen.example", "--domain", "eng.initech.example");

		assertThat(created.exitCode()).isZero();
		assertThat(created.out()).isEqualTo("account initech: created; added profile type 'Standard'; "
				+ "default profile type 'Standard'; added email domain 'initech.example'; added email domain "
				+ "'xn--mnchen-3ya.example'; added email domain 'eng.initech.example'\n");
		assertThat(this.accounts.get("initech").emailDomains())
			.containsExactly("eng.initech.example", "initech.example", "xn--mnchen-3ya.example");
		assertThat(roster("account", "create", "initech", "--domain", "INITECH.example").out().strip())
			.isEqualTo("account initech: unchanged");
		assertThat(roster("account", "show", "initech").out())
			.contains("email domains: eng.initech.example, initech.example, xn--mnchen-3ya.example");

		Result removed = roster("account", "create", "initech", "--remove-domain", "xn--mnchen-3ya.example",
				"--remove-domain", "never.example");

		assertThat(removed.out().strip()).isEqualTo("account initech: removed email domain 'xn--mnchen-3ya.example'");
		assertThat(this.accounts.get("initech").emailDomains()).containsExactly("eng.initech.example", "initech.example");
	}

	@Test
	void aDomainAndItsSubdomainsBelongToOneAccount() {
		createAcme();
		createGlobex();
		roster("account", "create", "acme", "--domain", "acme.example", "--domain", "corp.initech.example");

		for (List<String> claim : List.of(List.of("acme.example", "'acme.example' of account 'acme'"),
				List.of("EU.Acme.Example", "'acme.example' of account 'acme'"),
				List.of("initech.example", "'corp.initech.example' of account 'acme'"))) {
			Result refused = roster("account", "create", "globex", "--domain", "globex.example", "--domain",
					claim.get(0));
			assertThat(refused.exitCode()).isEqualTo(2);
			assertThat(refused.err()).contains("email domain '" + claim.get(0).toLowerCase() + "' overlaps "
					+ claim.get(1) + ": a domain and its subdomains belong to one account");
		}
		// a refused definition changes nothing, not even the domains it gave before the refused one
		assertThat(this.accounts.get("globex").emailDomains()).isEmpty();
		Result newAccount = roster("account", "create", "initech", "--name", "Initech", "--domain", "initech.example");
		assertThat(newAccount.exitCode()).isEqualTo(2);
		assertThat(this.accounts.find("initech")).isEmpty();
	}

	@Test
	void refusesWhatIsNotADnsName() {
		createAcme();
		for (String bad : List.of("example", "acme .example", "10.0.0.1", "ana@acme.example", "*.acme.example",
				"-acme.example", "acme..example", "a".repeat(64) + ".example", "acme_corp.example")) {
			Result refused = roster("account", "create", "acme", "--domain", bad);
			assertThat(refused.exitCode()).as(bad).isEqualTo(2);
			assertThat(refused.err()).as(bad).contains("invalid email domain '" + bad + "'");
		}
		assertThat(this.accounts.get("acme").emailDomains()).isEmpty();
	}

}
