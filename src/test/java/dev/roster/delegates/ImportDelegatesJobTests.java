package dev.roster.delegates;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.roster.IntegrationTest;
import dev.roster.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ImportDelegatesJobTests extends IntegrationTest {

	@TempDir
	Path temp;

	@BeforeEach
	void staff() {
		// six active users of acme, Fay then terminated, Gus invited; Tom and Tim of globex, Tim Tom's delegate
		createAcme();
		createGlobex();
		roster("import-users", "--account", "acme", "--file", fixture("delegates/staff.csv").toString());
		roster("import-users", "--account", "acme", "--mode", "invite", "--file",
				TestFiles.csv(this.temp, "gus.csv", "Email,First Name,Last Name", "gus.berg@acme.example,Gus,Berg")
					.toString());
		roster("terminate", "--account", "acme", "--file",
				TestFiles.csv(this.temp, "fay.csv", "Email", "fay.wong@acme.example").toString());
		roster("import-users", "--account", "globex", "--file", TestFiles.csv(this.temp, "globex.csv",
				"Email,First Name,Last Name", "tom@globex.example,Tom,Taken", "tim@globex.example,Tim,Taken")
			.toString());
		delegate("tom@globex.example", "tim@globex.example");
	}

	@Test
	void addsDelegatesBetweenActiveUsersOfTheAccountAndRejectsTheRest() {
		delegate("ana.lopez@acme.example", "carla.ruiz@acme.example");

		Result result = roster("import-delegates", "--account", "acme", "--file",
				fixture("delegates/delegates.csv").toString());

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("import-delegates acme: COMPLETED read=10 added=2 removed=0 unchanged=1 rejected=7");
		assertThat(delegations()).containsExactly("ana.lopez>ben.carter", "ana.lopez>carla.ruiz", "eva.novak>dan.okafor",
				"tom>tim");
		Map<String, Map<String, String>> report = TestFiles.reportBy(result.field("report"), "Row");
		assertThat(report.keySet()).containsExactly("4", "5", "6", "7", "8", "9", "10");
		assertThat(report.get("4").get("Error")).isEqualTo("a user cannot delegate to itself ('ben.carter@acme.example')");
		assertThat(report.get("5").get("Error"))
			.isEqualTo("delegate 'fay.wong@acme.example' is terminated; only active users can be delegates");
		assertThat(report.get("6").get("Error"))
			.isEqualTo("no user with delegate email 'tom@globex.example' in this account");
		assertThat(report.get("7").get("Error")).isEqualTo("no user with host email 'nobody@acme.example' in this account");
		assertThat(report.get("8").get("Error")).isEqualTo(
				"host 'ANA.LOPEZ@acme.example' and delegate 'BEN.CARTER@acme.example' already appear in row 2 of this file");
		assertThat(report.get("9").get("Error")).isEqualTo("invalid delegate email 'not-an-email' in column 'Delegate Email' (B)");
		assertThat(report.get("10").get("Error"))
			.isEqualTo("host 'gus.berg@acme.example' is invited; only active users have delegates");

		Result again = roster("import-delegates", "--account", "acme", "--file",
				fixture("delegates/delegates.csv").toString());
		assertThat(again.out()).startsWith("import-delegates acme: ALREADY_COMPLETED");
		assertThat(count("select count(*) from delegate_row")).isZero();
	}

	@Test
	void replaceMakesTheFileTheCompleteDelegateListOfEachHostItNames() {
		// ana is listed: her unlisted delegates go; dan's carla is named by a rejected row and stays; carla's blank
		// delegate empties her list; ben's only row is rejected, so ben is not listed and keeps his delegate
		delegate("ana.lopez@acme.example", "carla.ruiz@acme.example");
		delegate("ana.lopez@acme.example", "dan.okafor@acme.example");
		delegate("dan.okafor@acme.example", "carla.ruiz@acme.example");
		delegate("dan.okafor@acme.example", "ben.carter@acme.example");
		delegate("carla.ruiz@acme.example", "ana.lopez@acme.example");
		delegate("carla.ruiz@acme.example", "eva.novak@acme.example");
		delegate("ben.carter@acme.example", "ana.lopez@acme.example");

		Result plain = roster("import-delegates", "--account", "acme", "--dry-run", "--file",
				fixture("delegates/delegates-replace.csv").toString());
		Result plan = roster("import-delegates", "--account", "acme", "--replace", "--dry-run", "--file",
				fixture("delegates/delegates-replace.csv").toString());
		List<String> before = delegations();
		Result result = roster("import-delegates", "--account", "acme", "--replace", "--file",
				fixture("delegates/delegates-replace.csv").toString());

		// without --replace a blank delegate is a mistake
		assertThat(plain.out()).contains("read=5 added=2 removed=0 unchanged=0 rejected=3");
		assertThat(TestFiles.reportBy(plain.field("report"), "Row").get("5").get("Error"))
			.startsWith("missing delegate email in column 'Email del delegado' (B)")
			.endsWith("(with --replace, a host with a blank delegate has all their delegates removed)");
		// the dry run of --replace plans every removal and changes nothing
		assertThat(plan.exitCode()).isZero();
		assertThat(plan.out()).contains("read=5 added=2 removed=5 unchanged=1 rejected=2");
		assertThat(TestFiles.report(plan.field("report")).stream()
			.filter((line) -> line.get(3).equals("remove"))
			.map((line) -> line.get(0) + ">" + line.get(1))).containsExactly("ana.lopez@acme.example>carla.ruiz@acme.example",
					"ana.lopez@acme.example>dan.okafor@acme.example", "carla.ruiz@acme.example>ana.lopez@acme.example",
					"carla.ruiz@acme.example>eva.novak@acme.example", "dan.okafor@acme.example>ben.carter@acme.example");
		assertThat(before).hasSize(8);

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("COMPLETED read=5 added=2 removed=5 unchanged=1 rejected=2");
		assertThat(delegations()).containsExactly("ana.lopez>ben.carter", "ben.carter>ana.lopez", "dan.okafor>carla.ruiz",
				"dan.okafor>eva.novak", "tom>tim");
	}

	@Test
	void fileWithoutADelegateColumnIsRejectedAsAWhole() {
		Result result = roster("import-delegates", "--account", "acme", "--replace", "--file",
				fixture("delegates/delegates-no-delegate-column.csv").toString());

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("missing required column 'Delegate Email'");
		assertThat(roster("import-delegates", "--help").out()).contains("--replace").contains("--dry-run");
	}

	private void delegate(String host, String delegate) {
		this.jdbc.update("""
				insert into user_delegate (account_id, user_id, delegate_id)
				select h.account_id, h.id, d.id from app_user h, app_user d where h.email = ? and d.email = ?""", host,
				delegate);
	}

	private List<String> delegations() {
		return this.jdbc.queryForList("""
				select split_part(h.email, '@', 1) || '>' || split_part(d.email, '@', 1) from user_delegate x
				join app_user h on h.id = x.user_id join app_user d on d.id = x.delegate_id order by 1""", String.class);
	}

}
