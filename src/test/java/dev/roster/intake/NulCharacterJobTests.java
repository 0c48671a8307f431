package dev.roster.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.roster.IntegrationTest;
import dev.roster.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NUL character (U+0000), which PostgreSQL cannot store, in a file every job reads: its row is rejected with the
 * reason, the other rows are applied, and the report keeps the row with U+FFFD in place of the NUL.
 */
class NulCharacterJobTests extends IntegrationTest {

	private static final String NUL = "\0";

	@TempDir
	Path temp;

	@Test
	void importUsersRejectsTheRowWithANulFarPastTheFirstChunksAndImportsEveryOther() throws IOException {
		createAcme();
		StringBuilder text = new StringBuilder("Email,First Name,Last Name,Office\n");
		for (int row = 2; row <= 251; row++) {
			String last = (row == 230) ? "Le" + NUL + "e" : "Lee";
			text.append("user").append(row).append("@acme.example,Person ").append(row).append(',').append(last)
				.append(",Madrid\n");
		}
		Path file = Files.writeString(this.temp.resolve("staff.csv"), text, StandardCharsets.UTF_8);
		// beyond what the reader sniffs and beyond the first two chunks of 100 rows
		assertThat(text.indexOf(NUL)).isGreaterThan(8 * 1024);

		Result plan = roster("import-users", "--account", "acme", "--dry-run", "--file", file.toString());
		Result result = roster("import-users", "--account", "acme", "--no-deliver", "--file", file.toString());

		String error = "row 230 of staff.csv contains a NUL character (U+0000) in column 'Last Name' (C), which "
				+ "cannot be stored; remove it";
		assertThat(plan.exitCode()).isZero();
		assertThat(TestFiles.reportBy(plan.field("report"), "Row").get("230")).containsEntry("Action", "rejected")
			.containsEntry("Error", error);
		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).startsWith("import-users acme: COMPLETED read=250 created=249 updated=0 unchanged=0 "
				+ "rejected=1 report=");
		assertThat(count("select count(*) from app_user")).isEqualTo(249);
		assertThat(count("select count(*) from app_user where email = 'user230@acme.example'")).isZero();
		assertThat(count("select count(*) from app_user where email in ('user229@acme.example', "
				+ "'user231@acme.example', 'user251@acme.example')")).isEqualTo(3);
		Map<String, Map<String, String>> report = TestFiles.reportBy(result.field("report"), "Row");
		assertThat(report).containsOnlyKeys("230");
		assertThat(report.get("230")).containsEntry("Email", "user230@acme.example")
			.containsEntry("Last Name", "Le\uFFFDe")
			.containsEntry("Error", error);
	}

	@Test
	void syncRosterRejectsTheRowAndStillCountsItsUserAsListed() {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", TestFiles.csv(this.temp, "staff.csv",
				"Email,First Name,Last Name", "ann@acme.example,Ann,Lee", "ben@acme.example,Ben,Roe").toString());

		Result result = roster("sync-roster", "--account", "acme", "--no-deliver", "--file",
				TestFiles.csv(this.temp, "roster.csv", "Email,First Name,Last Name,Office",
						"ann@acme.example,Ann,Lee,Madrid", "ben@acme.example,Ben,Roe,Mad" + NUL + "rid",
						"cy@acme.example,Cy,Doe,London").toString());

		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.count("created")).isEqualTo(1);
		assertThat(result.count("updated")).isEqualTo(1);
		assertThat(result.count("terminated")).isZero();
		assertThat(result.count("rejected")).isEqualTo(1);
		assertThat(statuses()).containsEntry("ben@acme.example", "ACTIVE").containsEntry("cy@acme.example", "ACTIVE");
		assertThat(TestFiles.reportBy(result.field("report"), "Row").get("3"))
			.containsEntry("Office", "Mad\uFFFDrid")
			.containsEntry("Error", "row 3 of roster.csv contains a NUL character (U+0000) in column 'Office' (D), "
					+ "which cannot be stored; remove it");
	}

	@Test
	void terminateAndReactivateRejectTheRowAndApplyTheOthers() {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", TestFiles.csv(this.temp, "staff.csv",
				"Email,First Name,Last Name", "ann@acme.example,Ann,Lee", "ben@acme.example,Ben,Roe",
				"cy@acme.example,Cy,Doe").toString());

		Result terminated = roster("terminate", "--account", "acme", "--file", TestFiles.csv(this.temp,
				"leavers.csv", "Email,Note", "ann@acme.example,", "ben@acme.example,gone" + NUL,
				"cy@acme.example,").toString());
		Result reactivated = roster("reactivate", "--account", "acme", "--no-deliver", "--file",
				TestFiles.csv(this.temp, "back.csv", "Email", "ann@acme.example", NUL + "cy@acme.example").toString());

		assertThat(terminated.exitCode()).as(terminated.err()).isZero();
		assertThat(terminated.count("terminated")).isEqualTo(2);
		assertThat(terminated.count("rejected")).isEqualTo(1);
		assertThat(TestFiles.reportBy(terminated.field("report"), "Row").get("3"))
			.containsEntry("Note", "gone\uFFFD")
			.containsEntry("Error", "row 3 of leavers.csv contains a NUL character (U+0000) in column 'Note' (B), "
					+ "which cannot be stored; remove it");
		assertThat(reactivated.exitCode()).as(reactivated.err()).isZero();
		assertThat(reactivated.count("reactivated")).isEqualTo(1);
		assertThat(reactivated.count("rejected")).isEqualTo(1);
		assertThat(TestFiles.reportBy(reactivated.field("report"), "Row").get("3")).containsEntry("Error",
				"row 3 of back.csv contains a NUL character (U+0000) in column 'Email' (A), which cannot be stored; "
						+ "remove it");
		assertThat(statuses()).containsEntry("ann@acme.example", "ACTIVE")
			.containsEntry("ben@acme.example", "ACTIVE")
			.containsEntry("cy@acme.example", "TERMINATED");
	}

	@Test
	void importDelegatesRejectsTheRowAndAddsTheOthers() {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", TestFiles.csv(this.temp, "staff.csv",
				"Email,First Name,Last Name", "ann@acme.example,Ann,Lee", "ben@acme.example,Ben,Roe",
				"cy@acme.example,Cy,Doe").toString());

		Result result = roster("import-delegates", "--account", "acme", "--file", TestFiles.csv(this.temp,
				"delegates.csv", "Host Email,Delegate Email", "ann@acme.example,ben@acme.example",
				"ann@acme.example,cy@acme.example" + NUL).toString());

		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.count("added")).isEqualTo(1);
		assertThat(result.count("rejected")).isEqualTo(1);
		assertThat(count("select count(*) from user_delegate")).isEqualTo(1);
		assertThat(TestFiles.reportBy(result.field("report"), "Row").get("3"))
			.containsEntry("Delegate Email", "cy@acme.example\uFFFD")
			.containsEntry("Error", "row 3 of delegates.csv contains a NUL character (U+0000) in column 'Delegate "
					+ "Email' (B), which cannot be stored; remove it");
	}

	@Test
	void sendEmailsRejectsTheRowsOfAWorkbookWithNulEscapesAndQueuesTheOthers() {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", TestFiles.csv(this.temp, "staff.csv",
				"Email,First Name,Last Name", "a@acme.example,Ann,Lee", "c@acme.example,Cy,Doe").toString());
		this.jdbc.update("delete from email_outbox");

		// a@acme.example's row has _x0000_ in a shared string, the next row in an inline string
		Result result = roster("send-emails", "--account", "acme", "--no-deliver", "--file",
				Path.of("src/test/resources/intake/handmade-nul-escape.xlsx").toString());

		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.count("read")).isEqualTo(3);
		assertThat(result.count("rejected")).isEqualTo(2);
		assertThat(result.count("queued")).isEqualTo(1);
		assertThat(this.jdbc.queryForList("select u.email from email_outbox o join app_user u on u.id = o.user_id",
				String.class)).containsExactly("c@acme.example");
		Map<String, Map<String, String>> report = TestFiles.reportBy(result.field("report"), "Row");
		assertThat(report.get("2")).containsEntry("Name", "Ann\uFFFDLee")
			.containsEntry("Error", "row 2 of handmade-nul-escape.xlsx contains a NUL character (U+0000) in column "
					+ "'Name' (B), which cannot be stored; remove it");
		assertThat(report.get("3")).containsEntry("Email", "b\uFFFD@acme.example");
	}

}
