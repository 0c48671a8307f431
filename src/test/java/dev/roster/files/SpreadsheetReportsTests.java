package dev.roster.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.roster.IntegrationTest;
import dev.roster.MailServer;
import dev.roster.TestFiles;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every report Roster writes opens in a spreadsheet without running anything: a header or cell starting with
 * {@code = + - @}, a tab or a carriage return is written with an apostrophe first, and reading the report or an
 * export back takes exactly that apostrophe off again.
 */
class SpreadsheetReportsTests extends IntegrationTest {

	private static final String HYPERLINK = "=HYPERLINK(\"http://evil\",\"x\")";

	private static final String HOSTILE = "files/hostile-formulas.csv";

	@TempDir
	Path temp;

	@Test
	void aRejectsReportNeutralisesEveryHeaderAndCellThatWouldRun() {
		createAcme();

		Result result = roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture(HOSTILE).toString());

		assertThat(result.out()).contains("read=4 created=3 updated=0 unchanged=0 rejected=1");
		List<CSVRecord> report = TestFiles.report(result.field("report"));
		assertNothingRuns(report);
		assertThat(report.get(0).values()).containsExactly("Email", "First Name", "Last Name", "Office", "Billing Code",
				"'" + HYPERLINK, "'@SUM(A1)", "'+1 Phone", "'-1 Score", "Note", "Memo", "Row", "Error");
		assertThat(report).hasSize(2);
		assertThat(report.get(1).values()).containsExactly("bad.office@acme.example", "Bad", "Office",
				"'=cmd|' /C calc'!A0", "", "'=3", "'@3", "'+3", "'-3", "", "", "5",
				"unknown office '=cmd|' /C calc'!A0'; ask support to add it in column 'Office' (D)");
	}

	@Test
	void aDryRunPlanNeutralisesEveryHeaderAndCellThatWouldRun() {
		createAcme();

		Result result = roster("import-users", "--account", "acme", "--dry-run", "--file", fixture(HOSTILE).toString());

		List<CSVRecord> plan = TestFiles.report(result.field("report"));
		assertNothingRuns(plan);
		assertThat(plan.get(0).values()).contains("'" + HYPERLINK, "'@SUM(A1)", "'+1 Phone", "'-1 Score", "Action");
		assertThat(plan).hasSize(5);
		assertThat(plan.get(1).values()).startsWith("evil@acme.example", "'" + HYPERLINK, "'@SUM(A1)", "London", "'-42",
				"'=1+1", "'@me", "'+34 600 000 000", "'-5", "'=tabbed", "'+returned", "2", "create");
		assertThat(plan.get(2).values()).startsWith("'=x@acme.example", "'+1", "'-1", "Madrid", "'+7", "'=2", "'@2", "'+2",
				"'-2", "'-x", "'@y", "3", "create");
		assertThat(plan.get(3).values()).startsWith("'-dash@acme.example", "'@at", "'=eq", "New York");
	}

	@Test
	void aPlanImportsAsTheFileItWasMadeFromAndAnExportImportsBackUnchanged() throws IOException {
		createAcme();
		Result plan = roster("import-users", "--account", "acme", "--dry-run", "--file", fixture(HOSTILE).toString());

		// the plan itself, apostrophes and all, imported for real
		Result fromPlan = roster("import-users", "--account", "acme", "--no-deliver", "--file", plan.field("report"));

		assertThat(fromPlan.out()).contains("read=4 created=3 updated=0 unchanged=0 rejected=1");
		Map<String, String> stored = users();
		assertThat(stored).containsEntry("evil@acme.example", HYPERLINK + " | @SUM(A1) | London | -42")
			.containsEntry("=x@acme.example", "+1 | -1 | Madrid | +7")
			.containsEntry("-dash@acme.example", "@at | =eq | New York | 00420")
			.hasSize(3);
		// its rejects report shows the office as the file had it, once
		Map<String, Map<String, String>> rejects = TestFiles.reportBy(fromPlan.field("report"), "Email");
		assertThat(rejects.get("bad.office@acme.example")).containsEntry("Office", "'=cmd|' /C calc'!A0")
			.containsEntry("Error", "unknown office '=cmd|' /C calc'!A0'; ask support to add it in column 'Office' (D)");

		Path export = this.temp.resolve("users.csv");
		assertThat(roster("export-users", "--account", "acme", "--out", export.toString()).exitCode()).isZero();
		Result again = roster("import-users", "--account", "acme", "--no-deliver", "--file", export.toString());

		assertThat(again.out()).contains("read=3 created=0 updated=0 unchanged=3 rejected=0");
		assertThat(users()).isEqualTo(stored);
		// and exported again, the file is the same: nothing was prefixed or taken off twice
		Path second = this.temp.resolve("again.csv");
		roster("export-users", "--account", "acme", "--out", second.toString());
		assertThat(Files.readString(second)).isEqualTo(Files.readString(export));
	}

	@Test
	void aRejectsReportImportedAgainIsRejectedForTheSameValues() {
		createAcme();
		Result first = roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture(HOSTILE).toString());

		Result second = roster("import-users", "--account", "acme", "--no-deliver", "--file", first.field("report"));

		assertThat(second.out()).contains("read=1 created=0 updated=0 unchanged=0 rejected=1");
		List<CSVRecord> before = TestFiles.report(first.field("report"));
		List<CSVRecord> after = TestFiles.report(second.field("report"));
		assertNothingRuns(after);
		// the same cells under the same header, with another Row and Error pair after them
		assertThat(after.get(0).values()).startsWith(before.get(0).values());
		assertThat(after.get(1).values()).startsWith(before.get(1).values());
	}

	@Test
	void aSyncPlanNeutralisesTheRowsAndTheUsersItWouldTerminate() {
		createAcme();
		Path staff = TestFiles.csv(this.temp, "staff.csv", "Email,First Name,Last Name", "gone@acme.example,=Gone,+Away");
		roster("import-users", "--account", "acme", "--no-deliver", "--file", staff.toString());

		Result result = roster("sync-roster", "--account", "acme", "--dry-run", "--file", fixture(HOSTILE).toString());

		List<CSVRecord> plan = TestFiles.report(result.field("report"));
		assertNothingRuns(plan);
		assertThat(plan.get(0).values()).contains("'" + HYPERLINK, "'@SUM(A1)", "'+1 Phone", "'-1 Score");
		Map<String, Map<String, String>> lines = TestFiles.reportBy(result.field("report"), "Email");
		assertThat(lines.get("evil@acme.example")).containsEntry("First Name", "'" + HYPERLINK)
			.containsEntry("Last Name", "'@SUM(A1)")
			.containsEntry("Billing Code", "'-42")
			.containsEntry("Action", "create");
		assertThat(lines.get("'=x@acme.example")).containsEntry("First Name", "'+1").containsEntry("Last Name", "'-1");
		assertThat(lines.get("bad.office@acme.example")).containsEntry("Office", "'=cmd|' /C calc'!A0")
			.containsEntry("Action", "rejected");
		assertThat(lines.get("gone@acme.example")).containsEntry("First Name", "'=Gone")
			.containsEntry("Last Name", "'+Away")
			.containsEntry("Action", "terminate");
	}

	@Test
	void aTerminateRejectsReportNeutralisesEveryHeaderAndCellThatWouldRun() {
		createAcme();

		Result result = roster("terminate", "--account", "acme", "--file", fixture("files/hostile-leavers.csv").toString());

		List<CSVRecord> report = TestFiles.report(result.field("report"));
		assertNothingRuns(report);
		assertThat(report.get(0).values()).containsExactly("E-mail", "'" + HYPERLINK, "Row", "Error");
		assertThat(report).hasSize(4);
		assertThat(report.get(1).values()).containsExactly("'=nobody@acme.example", "'@SUM(A1)", "2",
				"no user with email '=nobody@acme.example' in this account");
		assertThat(report.get(2).values()).startsWith("'+nobody@acme.example", "'" + HYPERLINK);
		assertThat(report.get(3).values()).startsWith("'-nobody@acme.example", "'-1");
	}

	@Test
	void aDeliveryReportNeutralisesTheAddressesOfRefusedEmails() {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture(HOSTILE).toString());
		MailServer.refuse("=x@acme.example", "-dash@acme.example");

		Result result = roster("deliver-emails", "--account", "acme");

		assertThat(result.out()).contains("sent=1 failed=2");
		List<CSVRecord> report = TestFiles.report(result.field("report"));
		assertNothingRuns(report);
		Map<String, Map<String, String>> lines = TestFiles.reportBy(result.field("report"), "Email");
		assertThat(lines).containsOnlyKeys("'=x@acme.example", "'-dash@acme.example");
		assertThat(lines.get("'=x@acme.example")).containsEntry("Status", "FAILED")
			.containsEntry("Error", "550 5.1.1 mailbox unavailable (simulated)");
	}

	@Test
	void theDeliveryNoteOfAnImportPointsToANeutralisedReport() {
		createAcme();
		MailServer.refuse("=x@acme.example");

		Result result = roster("import-users", "--account", "acme", "--file", fixture(HOSTILE).toString());

		Matcher note = Pattern.compile("see (\\S+import-users-\\d+-delivery\\.csv)").matcher(result.err());
		assertThat(note.find()).as(result.err()).isTrue();
		List<CSVRecord> report = TestFiles.report(note.group(1));
		assertNothingRuns(report);
		assertThat(report.get(1).get(1)).isEqualTo("'=x@acme.example");
	}

	/** No header or cell starts with what a spreadsheet runs, and some were neutralised. */
	private static void assertNothingRuns(List<CSVRecord> lines) {
		assertThat(lines).allSatisfy((line) -> assertThat(line.values()).allSatisfy((cell) -> assertThat(cell)
			.as("cell %s of line %d", cell, line.getRecordNumber())
			.doesNotMatch("(?s)[=+\\-@\t\r].*")));
		assertThat(lines.stream().flatMap((line) -> line.stream()).filter((cell) -> cell.matches("(?s)'[=+\\-@\t\r].*")))
			.isNotEmpty();
	}

	/** Each user's first name, last name, office and billing code, by email. */
	private Map<String, String> users() {
		Map<String, String> users = new TreeMap<>();
		this.jdbc.query("""
				select u.email, u.first_name, u.last_name, o.name, u.billing_code
				from app_user u left join account_office o on o.id = u.office_id""", (rs) -> {
			users.put(rs.getString(1), String.join(" | ", rs.getString(2), rs.getString(3), rs.getString(4),
					String.valueOf(rs.getString(5))));
		});
		return users;
	}

}
