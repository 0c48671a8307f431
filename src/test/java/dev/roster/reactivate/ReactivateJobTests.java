package dev.roster.reactivate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.roster.IntegrationTest;
import dev.roster.MailServer;
import dev.roster.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ReactivateJobTests extends IntegrationTest {

	@TempDir
	Path temp;

	@Test
	void reactivatesTerminatedUsersWithCodesNeverIssuedBeforeAndQueuesTheirActivationEmail() {
		// given: Ben and Dan of acme and Tom of globex were terminated
		createAcme();
		createGlobex();
		roster("import-users", "--account", "acme", "--file", fixture("reactivate/staff.csv").toString());
		roster("import-users", "--account", "globex", "--file",
				TestFiles.csv(this.temp, "globex.csv", "Email,First Name,Last Name", "tom@globex.example,Tom,Taken")
					.toString());
		roster("terminate", "--account", "acme", "--file", fixture("reactivate/leavers.csv").toString());
		roster("terminate", "--account", "globex", "--file", fixture("reactivate/leavers.csv").toString());
		List<String> earlierCodes = this.jdbc.queryForList("select code from access_code", String.class);

		// when
		Result result = roster("reactivate", "--account", "acme", "--file", fixture("reactivate/rehires.csv").toString());

		// then
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("reactivate acme: COMPLETED read=7 reactivated=2 unchanged=1 rejected=4 "
				+ "sent=2 failed=0");
		assertThat(this.jdbc.queryForList("""
				select email from app_user where status = 'ACTIVE' and terminated_at is null and host_code is not null
					and email in ('ben.carter@acme.example', 'dan.okafor@acme.example') order by email""", String.class))
			.containsExactly("ben.carter@acme.example", "dan.okafor@acme.example");
		List<String> newCodes = this.jdbc.queryForList("""
				select c.code from access_code c join app_user u on u.id = c.user_id
				where u.email in ('ben.carter@acme.example', 'dan.okafor@acme.example') and c.retired_at is null""",
				String.class);
		assertThat(newCodes).hasSize(4).doesNotHaveDuplicates().doesNotContainAnyElementsOf(earlierCodes);
		assertThat(count("select count(*) from app_user where host_code = any(?::text[]) or guest_code = any(?::text[])",
				newCodes.toArray(String[]::new), newCodes.toArray(String[]::new))).isEqualTo(2);
		// the earlier codes stay retired
		assertThat(count("select count(*) from access_code where retired_at is not null")).isEqualTo(6);
		// their activation emails were queued with the reactivation and delivered at the job's end
		assertThat(count("select count(*) from email_outbox where kind = 'activation' and status = 'SENT' "
				+ "and job_execution_id = ?", Long.parseLong(result.field("execution_id")))).isEqualTo(2);
		// another account's user is not touched, and reported like an unknown one
		assertThat(this.jdbc.queryForObject("select status from app_user where email = 'tom@globex.example'",
				String.class)).isEqualTo("TERMINATED");
		Map<String, Map<String, String>> report = TestFiles.reportBy(result.field("report"), "Row");
		assertThat(report.keySet()).containsExactly("4", "6", "7", "8");
		assertThat(report.get("4").get("Error")).isEqualTo("no user with email 'nobody@acme.example' in this account");
		assertThat(report.get("6").get("Error")).isEqualTo("no user with email 'tom@globex.example' in this account");
		assertThat(report.get("7").get("Error"))
			.isEqualTo("email 'ben.carter@acme.example' already appears in row 2 of this file");
		assertThat(report.get("8").get("Error")).isEqualTo("invalid email 'ben carter' in column 'Email' (A)");
	}

	@Test
	void noDeliverQueuesTheActivationEmailsOnlyAndInvisibleCharactersInAnEmailAreRemoved() {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("reactivate/staff.csv").toString());
		roster("terminate", "--account", "acme", "--file", fixture("reactivate/leavers.csv").toString());
		MailServer.reset();
		Path rehires = TestFiles.csv(this.temp, "rehires.csv", "Email", "ben.carter@acme.example\u200E",
				"dan.okafor@acme.example");

		Result queued = roster("reactivate", "--account", "acme", "--no-deliver", "--file", rehires.toString());

		assertThat(queued.exitCode()).isZero();
		assertThat(queued.out()).startsWith("reactivate acme: COMPLETED read=2 reactivated=2 unchanged=0 rejected=0 ")
			.doesNotContain("sent=");
		assertThat(queued.err()).contains("invisible characters were removed from the email of row 2");
		assertThat(count("select count(*) from email_outbox where kind = 'activation' and status = 'QUEUED' "
				+ "and job_execution_id = ?", Long.parseLong(queued.field("execution_id")))).isEqualTo(2);
		assertThat(MailServer.received()).isEmpty();
		// the next job that delivers sends them
		Result delivered = roster("deliver-emails", "--account", "acme");
		assertThat(delivered.out()).contains("sent=");
		assertThat(MailServer.received()).extracting(MailServer.Received::to)
			.contains("ben.carter@acme.example", "dan.okafor@acme.example");
	}

	@Test
	void aUserRehiredTwiceGetsCodesDifferentFromAllEarlierOnes() {
		createAcme();
		roster("import-users", "--account", "acme", "--file", fixture("reactivate/staff.csv").toString());
		Path ben = TestFiles.csv(this.temp, "ben.csv", "Email", "ben.carter@acme.example");
		Path benAgain = TestFiles.csv(this.temp, "ben-again.csv", "Email", "BEN.CARTER@acme.example");

		for (Path file : List.of(ben, benAgain)) {
			assertThat(roster("terminate", "--account", "acme", "--file", file.toString()).out()).contains("terminated=1");
			assertThat(roster("reactivate", "--account", "acme", "--file", file.toString()).out()).contains("reactivated=1");
		}

		// three lives, six codes, all different, only the last two live
		assertThat(this.jdbc.queryForList("select code from access_code c join app_user u on u.id = c.user_id "
				+ "where u.email = 'ben.carter@acme.example'", String.class)).hasSize(6).doesNotHaveDuplicates();
		assertThat(count("select count(*) from access_code c join app_user u on u.id = c.user_id "
				+ "where u.email = 'ben.carter@acme.example' and c.retired_at is null")).isEqualTo(2);
		assertThat(count("select count(*) from termination_snapshot")).isEqualTo(2);
	}

	@Test
	void dryRunWritesThePlanAndChangesNothingAndTheSameFileRunsOnce() {
		createAcme();
		roster("import-users", "--account", "acme", "--file", fixture("reactivate/staff.csv").toString());
		roster("terminate", "--account", "acme", "--file", fixture("reactivate/leavers.csv").toString());
		long codes = count("select count(*) from access_code");
		long emails = count("select count(*) from email_outbox");

		Result plan = roster("reactivate", "--account", "acme", "--dry-run", "--no-deliver", "--file",
				fixture("reactivate/rehires.csv").toString());

		assertThat(plan.exitCode()).isZero();
		assertThat(plan.out()).contains("read=7 reactivated=2 unchanged=1 rejected=4");
		Map<String, Map<String, String>> lines = TestFiles.reportBy(plan.field("report"), "Row");
		assertThat(lines.get("2").get("Action")).isEqualTo("reactivate");
		assertThat(lines.get("3").get("Action")).isEqualTo("none");
		assertThat(lines.get("3").get("Error")).isEqualTo("already active");
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isEqualTo(2);
		assertThat(count("select count(*) from access_code")).isEqualTo(codes);
		assertThat(count("select count(*) from email_outbox")).isEqualTo(emails);

		Result real = roster("reactivate", "--account", "acme", "--file", fixture("reactivate/rehires.csv").toString());
		Result again = roster("reactivate", "--account", "acme", "--no-deliver", "--file",
				fixture("reactivate/rehires.csv").toString());

		assertThat(real.out()).contains("COMPLETED read=7 reactivated=2");
		assertThat(again.out()).startsWith("reactivate acme: ALREADY_COMPLETED");
		assertThat(count("select count(*) from access_code")).isEqualTo(codes + 4);
		assertThat(roster("reactivate", "--help").out()).contains("--no-deliver").contains("--dry-run");
	}

}
