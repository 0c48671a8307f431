package dev.roster.account;

import dev.roster.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountApplyTests extends IntegrationTest {

	@Test
	void createsEveryAccountOfTheFileAndASecondApplyChangesNothing() {
		Result applied = roster("account", "apply", fixture("account/apply-two-accounts.yaml").toString());

		assertThat(applied.exitCode()).as(applied.err()).isZero();
		assertThat(applied.out().lines()).containsExactly(
				"account initech: created; added group 'TPS'; added group 'Facilities'; added office 'Austin'; "
						+ "added office 'Dallas'; added profile type 'Standard'; added profile type 'Premium'; "
						+ "default profile type 'Premium'; added email domain 'initech.example'",
				"account globex: created; added office 'Springfield'; added profile type 'Standard'; "
						+ "default profile type 'Standard'");
		Account initech = this.accounts.get("initech");
		assertThat(initech.name()).isEqualTo("Initech");
		// plain YAML would read 007 as the number 7
		assertThat(initech.defaultBillingCode()).isEqualTo("007");
		assertThat(initech.groups()).containsOnlyKeys("tps", "facilities");
		assertThat(initech.emailDomains()).containsExactly("initech.example");

		Result again = roster("account", "apply", fixture("account/apply-two-accounts.yaml").toString());

		assertThat(again.exitCode()).isZero();
		assertThat(again.out().lines()).containsExactly("account initech: unchanged", "account globex: unchanged");
		assertThat(count("select count(*) from account_office")).isEqualTo(3);
	}

	@Test
	void updatesWithoutRemovingWhatUsersPointAtAndRemovesOnlyTheDomainsItNames() {
		roster("account", "apply", fixture("account/apply-two-accounts.yaml").toString());

		Result more = roster("account", "apply", fixture("account/apply-more.yaml").toString());

		assertThat(more.exitCode()).as(more.err()).isZero();
		assertThat(more.out().strip()).isEqualTo("account initech: name 'Initech Corporation'; added office 'Houston'; "
				+ "added email domain 'initech-corp.example'; removed email domain 'initech.example'");
		Account initech = this.accounts.get("initech");
		assertThat(initech.offices()).containsOnlyKeys("austin", "dallas", "houston");
		assertThat(initech.groups()).containsOnlyKeys("tps", "facilities");
		assertThat(initech.defaultProfileType().name()).isEqualTo("Premium");
		assertThat(initech.emailDomains()).containsExactly("initech-corp.example");
		assertThat(roster("account", "apply", fixture("account/apply-more.yaml").toString()).out().strip())
			.isEqualTo("account initech: unchanged");
	}

	@Test
	void theSampleAccountIsTheOneTheReadmeCreatedByHand() {
		Result applied = roster("account", "apply", "sample-data/acme-account.yaml");
		assertThat(applied.exitCode()).as(applied.err()).isZero();
		Account fromFile = this.accounts.get("acme");

		Result byHand = roster("account", "create", "acme", "--name", "Acme Corporation", "--group", "Sales", "--group",
				"Engineering", "--group", "Support", "--group", "Marketing", "--office", "Madrid", "--office", "London",
				"--office", "New York", "--office", "Barcelona", "--profile-type", "Standard", "--profile-type",
				"Premium", "--default-profile-type", "Standard", "--billing-code", "00420");

		assertThat(byHand.out().strip()).isEqualTo("account acme: unchanged");
		assertThat(fromFile.defaultBillingCode()).isEqualTo("00420");
		assertThat(fromFile.offices()).containsOnlyKeys("madrid", "london", "new york", "barcelona");
		assertThat(fromFile.defaultProfileType().name()).isEqualTo("Standard");
		Result imported = roster("import-users", "--account", "acme", "--file", "sample-data/acme-invites.csv");
		assertThat(imported.out()).startsWith("import-users acme: COMPLETED");
		assertThat(imported.count("created")).isEqualTo(13);
	}

	@Test
	void anUnknownKeyNamesTheFileTheAccountAndTheKeyAndChangesNothing() {
		String file = fixture("account/apply-unknown-key.yaml").toString();

		Result refused = roster("account", "apply", file);

		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.err()).contains(file + ": account 'piedpiper': key 'office': unknown key");
		assertThat(refused.out()).isEmpty();
		assertThat(count("select count(*) from account")).isZero();
	}

	@Test
	void aRefusalWhileStoringRollsBackTheAccountsBeforeIt() {
		String reserved = fixture("account/apply-reserved-slug.yaml").toString();
		String taken = fixture("account/apply-taken-domain.yaml").toString();

		Result refusedSlug = roster("account", "apply", reserved);
		Result refusedDomain = roster("account", "apply", taken);

		assertThat(refusedSlug.exitCode()).isEqualTo(2);
		assertThat(refusedSlug.err()).contains(reserved + ": account 'admin': key 'slug': the name is reserved");
		assertThat(refusedDomain.exitCode()).isEqualTo(2);
		assertThat(refusedDomain.err()).contains(taken + ": account 'piedpiper': key 'email-domains': "
				+ "email domain 'eng.hooli.example' overlaps 'hooli.example' of account 'hooli'");
		// hooli, first in both files, was stored and rolled back with the refused account
		assertThat(count("select count(*) from account")).isZero();
		assertThat(count("select count(*) from account_email_domain")).isZero();
	}

	@Test
	void badValuesAreRefusedWithTheirKey() {
		assertRefused("apply-bad-values.yaml", "account 'hooli': key 'groups': expected a list of names");
		assertRefused("apply-default-typo.yaml",
				"account 'hooli': key 'default-profile-type': 'Premum' is not one of its profile-types");
		assertRefused("apply-new-without-name.yaml", "account 'hooli': key 'name': missing");
		assertRefused("apply-not-yaml.yaml", "not valid YAML");
		assertThat(roster("account", "apply", "no/such/accounts.yaml").err())
			.contains("no/such/accounts.yaml: no such file");
		assertThat(count("select count(*) from account")).isZero();
	}

	@Test
	void anAccountCreatedBeforeItsSlugWasReservedMayStillBeApplied() {
		this.jdbc.update("insert into account (slug, name) values ('admin', 'Old Admins')");

		Result applied = roster("account", "apply", fixture("account/apply-reserved-slug.yaml").toString());

		assertThat(applied.exitCode()).as(applied.err()).isZero();
		assertThat(applied.out()).contains("account admin: name 'Administrators'");
		assertThat(applied.err()).contains("has a name the service reserves");
	}

	private void assertRefused(String fixture, String message) {
		String file = fixture("account/" + fixture).toString();
		Result refused = roster("account", "apply", file);
		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.err()).contains(file + ": ").contains(message);
	}

	@Test
	void setsThePolicyKeysAndShowsThem() {
		Result applied = roster("account", "apply", fixture("account/apply-policy.yaml").toString());
		assertThat(applied.exitCode()).as(applied.err()).isZero();
		assertThat(applied.out()).contains("jit-provisioning true").contains("jit-activation-email false");
		assertThat(this.accounts.get("initech").policy()).isEqualTo(new AccountPolicy(true, false, false));
		assertThat(roster("account", "apply", fixture("account/apply-policy.yaml").toString()).out().strip())
			.isEqualTo("account initech: unchanged");
		assertThat(roster("account", "show", "initech").out())
			.contains("jit-provisioning: true, jit-activation-email: false, admins-approve-syncs: false");
		Result bad = roster("account", "apply", fixture("account/apply-policy-bad.yaml").toString());
		assertThat(bad.exitCode()).isEqualTo(2);
		assertThat(bad.err()).contains("key 'jit-provisioning': expected true or false");
	}

}
