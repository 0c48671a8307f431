package dev.roster.account;

import java.nio.file.Path;

import dev.roster.IntegrationTest;
import dev.roster.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Slugs that name the service's own places are no new account's, and all-account reports live where no slug can. */
class ReservedSlugsTests extends IntegrationTest {

	@TempDir
	Path temp;

	@Test
	void noNewAccountTakesAReservedSlug() {
		for (String slug : new String[] { "all", "api", "admin", "v1", "login", "console", "actuator", "operators",
				"jobs", "users", "me" }) {
			Result refused = roster("account", "create", slug, "--name", "Some Organisation");
			assertThat(refused.exitCode()).as(slug).isEqualTo(2);
			assertThat(refused.err()).as(slug)
				.contains("account name '" + slug + "' is reserved: the service uses it for its own paths")
				.contains("choose another, e.g. " + slug + "-corp");
		}
		assertThat(this.accounts.slugs()).isEmpty();
		// a slug that merely starts like one is an ordinary slug
		assertThat(roster("account", "create", "all-corp", "--name", "All Corp").exitCode()).isZero();
		assertThat(roster("account", "create", "apis", "--name", "Apis").err()).doesNotContain("warning");
	}

	@Test
	void anAccountCreatedBeforeItsSlugWasReservedKeepsWorkingWithAWarning() {
		// what an installation of an earlier version may hold
		long id = count("insert into account (slug, name) values ('all', 'All Things Ltd') returning id");
		this.jdbc.update("insert into account_profile_type (account_id, name, is_default) values (?, 'Standard', true)", id);

		Result shown = roster("account", "show", "all");
		Result updated = roster("account", "create", "all", "--office", "Leeds");
		Result imported = roster("import-users", "--account", "all", "--no-deliver", "--file",
				TestFiles.csv(this.temp, "all.csv", "Email,First Name,Last Name", "ana@all.example,Ana,Lopez").toString());

		assertThat(shown.exitCode()).isZero();
		assertThat(shown.out()).contains("account all: All Things Ltd");
		String warning = "roster: warning: account 'all' has a name the service reserves for its own paths";
		assertThat(shown.err()).contains(warning);
		assertThat(updated.exitCode()).isZero();
		assertThat(updated.out()).startsWith("account all: added office 'Leeds'");
		assertThat(updated.err()).contains(warning);
		assertThat(imported.exitCode()).isZero();
		assertThat(imported.out()).startsWith("import-users all: COMPLETED read=1 created=1");
		assertThat(imported.err()).contains(warning);
		assertThat(statuses()).containsEntry("ana@all.example", "ACTIVE");
	}

	@Test
	void theReportOfADeliveryOfEveryAccountIsInAFolderNoSlugCanName() {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("importusers/invites.csv").toString());

		Result delivered = roster("deliver-emails");

		assertThat(delivered.exitCode()).isZero();
		assertThat(delivered.out()).startsWith("deliver-emails: COMPLETED sent=6");
		Path report = Path.of(delivered.field("report"));
		assertThat(report).exists();
		assertThat(report.getParent().getFileName()).hasToString("_service");
		assertThat(report.getParent().getParent().getFileName()).hasToString("reports");
		assertThat(report.resolveSibling("../all/" + report.getFileName()).normalize()).doesNotExist();
	}

}
