package dev.roster.importusers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.roster.IntegrationTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ImportUsersJobTests extends IntegrationTest {

	@TempDir
	Path temp;

	@Test
	void createsActiveUsersWithDistinctCodesAndQueuesOneActivationEmailEach() {
		createAcme();

		Result result = roster("import-users", "--account", "acme", "--no-deliver", "--file",
				fixture("importusers/invites.csv").toString());

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("import-users acme: COMPLETED read=6 created=6 updated=0 unchanged=0 rejected=0 report=");
		assertThat(count("select count(*) from app_user where status = 'ACTIVE' and host_code is not null")).isEqualTo(6);
		assertThat(count("select count(distinct c) from (select host_code c from app_user union all select guest_code from app_user) codes"))
			.isEqualTo(12);
		assertThat(count("select count(*) from access_code where code ~ '^[0-9]{8}$' and retired_at is null")).isEqualTo(12);
		assertThat(count("select count(*) from email_outbox where kind = 'activation' and status = 'QUEUED'")).isEqualTo(6);
		assertThat(count("select count(distinct user_id) from email_outbox")).isEqualTo(6);
		Map<String, Object> maria = this.jdbc.queryForMap("""
				select u.first_name, u.last_name, u.billing_code, u.language, p.name profile, g.name grp, o.name office
				from app_user u join account_profile_type p on p.id = u.profile_type_id
				left join account_group g on g.id = u.group_id left join account_office o on o.id = u.office_id
				where u.email = 'maria.garcia@acme.example'""");
		assertThat(maria).containsEntry("first_name", "María")
			.containsEntry("last_name", "García López")
			.containsEntry("billing_code", "00420")
			.containsEntry("language", "es")
			.containsEntry("profile", "Premium")
			.containsEntry("grp", "Sales")
			.containsEntry("office", "Madrid");
	}

	@Test
	void appliesDefaultsAndReadsQuotedCommasQuotesAndNewlines() {
		createAcme();

		roster("import-users", "--account", "acme", "--file", fixture("importusers/invites.csv").toString());

		Map<String, Object> john = this.jdbc.queryForMap("""
				select p.name profile, u.billing_code, u.language from app_user u
				join account_profile_type p on p.id = u.profile_type_id where u.email = 'john.smith@acme.example'""");
		assertThat(john).containsEntry("profile", "Standard").containsEntry("billing_code", "00420").containsEntry("language", "en");
		assertThat(lastName("jose.nunez@acme.example")).isEqualTo("Núñez, Jr.");
		assertThat(lastName("li.wei@acme.example")).isEqualTo("Li \"Will\"");
		// a line break typed into a cell becomes a space
		assertThat(lastName("amelie.dubois@acme.example")).isEqualTo("Dubois Martin");
		// trimmed, case kept for display, matched case-insensitively; reference names matched case-insensitively
		assertThat(this.jdbc.queryForObject("select email from app_user where email_key = 'peter.mueller@acme.example'",
				String.class)).isEqualTo("Peter.Mueller@Acme.Example");
	}

	@Test
	void inviteModeCreatesInvitedUsersWithoutCodesAndQueuesWelcomeEmails() {
		createAcme();

		Result result = roster("import-users", "--account", "acme", "--mode", "invite", "--file",
				fixture("importusers/invites.csv").toString());

		assertThat(result.exitCode()).isZero();
		assertThat(count("select count(*) from app_user where status = 'INVITED' and host_code is null")).isEqualTo(6);
		assertThat(count("select count(*) from access_code")).isZero();
		assertThat(count("select count(*) from email_outbox where kind = 'welcome'")).isEqualTo(6);
	}

	@Test
	void rejectsEachBadRowWithItsReasonAndAppliesTheRest() throws IOException {
		createAcme();
		createGlobex();
		roster("import-users", "--account", "globex", "--file", writeCsv("taken.csv",
				"Email,First Name,Last Name", "taken@globex.example,Tom,Taken")).exitCode();
		roster("import-users", "--account", "acme", "--file", writeCsv("gone.csv",
				"Email,First Name,Last Name", "gone@acme.example,Gone,Girl"));
		this.jdbc.update("""
				update app_user set status = 'TERMINATED', terminated_at = now(), host_code = null, guest_code = null
				where email = 'gone@acme.example'""");

		Result result = roster("import-users", "--account", "acme", "--file",
				fixture("importusers/invites-bad-rows.csv").toString());

		assertThat(result.exitCode()).isZero();
		assertThat(result.count("read")).isEqualTo(13);
		assertThat(result.count("created")).isEqualTo(2);
		assertThat(result.count("rejected")).isEqualTo(11);
		assertThat(this.jdbc.queryForList("select email from app_user where account_id = (select id from account where slug = 'acme') order by email",
				String.class)).containsExactly("gone@acme.example", "ok.one@acme.example", "ok.two@acme.example");
		// a formula is stored as the text it is
		assertThat(lastName("ok.two@acme.example")).isEqualTo("=HYPERLINK(\"http://evil.example\")");

		List<CSVRecord> report = readCsv(Path.of(result.field("report")));
		assertThat(report.get(0).values()).containsExactly("Email", "First Name", "Last Name", "Profile Type", "Group",
				"Office", "Billing Code", "Language", "Row", "Error");
		Map<String, String> errors = new java.util.LinkedHashMap<>();
		report.stream().skip(1).forEach((row) -> errors.put(row.get(8), row.get(9)));
		assertThat(errors).containsOnlyKeys("3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14");
		assertThat(errors.get("3")).isEqualTo("invalid email 'not-an-email' in column 'Email' (A)");
		assertThat(errors.get("4")).isEqualTo("missing first name in column 'First Name' (B)");
		assertThat(errors.get("5")).isEqualTo("missing last name in column 'Last Name' (C)");
		assertThat(errors.get("6")).isEqualTo("unknown office 'Lisbon'; ask support to add it in column 'Office' (F)");
		assertThat(errors.get("7")).contains("unknown group 'Legal'");
		assertThat(errors.get("8")).contains("unknown profile type 'Gold'");
		assertThat(errors.get("9")).isEqualTo("email 'taken@globex.example' belongs to a user outside this account")
			.doesNotContain("globex ");
		assertThat(errors.get("10")).isEqualTo("email 'OK.ONE@acme.example' already appears in row 2 of this file");
		assertThat(errors.get("11")).contains("too long").contains("'First Name' (B)");
		assertThat(errors.get("12")).contains("unknown language 'fr'");
		assertThat(errors.get("14")).contains("terminated").contains("reactivate");
		assertThat(report.get(1).get(5)).isEqualTo("Madrid");
	}

	@Test
	void correctedRejectsReportImportsCleanly() throws IOException {
		createAcme();
		Result first = roster("import-users", "--account", "acme", "--file", fixture("importusers/invites-bad-rows.csv").toString());
		String report = Files.readString(Path.of(first.field("report")), StandardCharsets.UTF_8);
		String fixed = report.replace("not-an-email", "fixed.email@acme.example")
			.replace("Lisbon", "London")
			.replace("missing.first@acme.example,,", "missing.first@acme.example,Mia,");
		Path corrected = this.temp.resolve("corrected.csv");
		Files.writeString(corrected, fixed, StandardCharsets.UTF_8);

		Result second = roster("import-users", "--account", "acme", "--file", corrected.toString());

		assertThat(second.exitCode()).isZero();
		// the Row and Error columns are ignored on the way back in
		assertThat(second.out()).contains("created=3").contains("ignored_columns=\"Row, Error\"");
		assertThat(count("select count(*) from app_user where email in ('fixed.email@acme.example', 'bad.office@acme.example', 'missing.first@acme.example')"))
			.isEqualTo(3);
	}

	@Test
	void rejectsTheBadRowsOfAnExcelWorkbookAndItsCorrectedReportImportsCleanly() throws IOException {
		createAcme();
		Result first = roster("import-users", "--account", "acme", "--file",
				fixture("intake/libreoffice-invites-bad-rows.xlsx").toString());
		assertThat(first.exitCode()).isZero();
		assertThat(first.out()).contains("read=13 created=4 updated=0 unchanged=0 rejected=9");
		List<CSVRecord> report = readCsv(Path.of(first.field("report")));
		assertThat(report.get(0).values()).containsExactly("Email", "First Name", "Last Name", "Profile Type", "Group",
				"Office", "Billing Code", "Language", "Row", "Error");
		Map<String, String> errors = new java.util.LinkedHashMap<>();
		report.stream().skip(1).forEach((row) -> errors.put(row.get(8), row.get(9)));
		// the rows Excel shows, as in the CSV; the text cell 00777 kept its zeros
		assertThat(errors).containsOnlyKeys("3", "4", "5", "6", "7", "8", "10", "11", "12");
		assertThat(errors.get("6")).isEqualTo("unknown office 'Lisbon'; ask support to add it in column 'Office' (F)");
		assertThat(this.jdbc.queryForObject("select billing_code from app_user where email = 'ok.two@acme.example'",
				String.class)).isEqualTo("00777");
		String fixed = Files.readString(Path.of(first.field("report")), StandardCharsets.UTF_8)
			.replace("not-an-email", "fixed.email@acme.example")
			.replace("Lisbon", "London")
			.replace("missing.first@acme.example,,", "missing.first@acme.example,Mia,");
		Path corrected = this.temp.resolve("corrected.csv");
		Files.writeString(corrected, fixed, StandardCharsets.UTF_8);

		Result second = roster("import-users", "--account", "acme", "--file", corrected.toString());

		assertThat(second.exitCode()).isZero();
		assertThat(second.out()).contains("read=9 created=3").contains("ignored_columns=\"Row, Error\"");
		assertThat(count("select count(*) from app_user where email in ('fixed.email@acme.example', "
				+ "'bad.office@acme.example', 'missing.first@acme.example')")).isEqualTo(3);
	}

	@Test
	void readsTheSheetNamedOnTheCommandLineAndRefusesOneTheWorkbookLacks() {
		createAcme();
		String workbook = fixture("intake/libreoffice-two-sheets.xlsx").toString();

		Result staff = roster("import-users", "--account", "acme", "--sheet", "Staff", "--file", workbook);
		Result missing = roster("import-users", "--account", "acme", "--sheet", "Users", "--file", workbook);

		assertThat(staff.exitCode()).isZero();
		assertThat(staff.out()).contains("COMPLETED read=1 created=1");
		assertThat(count("select count(*) from app_user where email = 'ana@acme.example' and last_name = 'Ruiz'"))
			.isEqualTo(1);
		assertThat(missing.exitCode()).isEqualTo(2);
		assertThat(missing.out()).startsWith("import-users acme: REJECTED");
		assertThat(missing.err()).contains("libreoffice-two-sheets.xlsx: has no sheet 'Users'; its sheets are "
				+ "'Lists', 'Staff'");
	}

	@Test
	void aFileRefusedFarFromItsStartChangesNothing() throws IOException {
		createAcme();
		Path file = generate(450);
		byte[] bytes = Files.readAllBytes(file);
		// row 402: "é" as Windows-1252 writes it, in a UTF-8 file, four chunks into it
		String text = new String(bytes, StandardCharsets.UTF_8).replace("Zoë401,", "Zo\uFFFF401,");
		byte[] damaged = text.getBytes(StandardCharsets.UTF_8);
		int at = text.substring(0, text.indexOf("\uFFFF")).getBytes(StandardCharsets.UTF_8).length;
		byte[] withBadByte = new byte[damaged.length - 2];
		System.arraycopy(damaged, 0, withBadByte, 0, at);
		withBadByte[at] = (byte) 0xE9;
		System.arraycopy(damaged, at + 3, withBadByte, at + 1, damaged.length - at - 3);
		Files.write(file, withBadByte);

		Result result = roster("import-users", "--account", "acme", "--file", file.toString());

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.out()).startsWith("import-users acme: REJECTED");
		assertThat(result.err()).contains("row 402 is not valid UTF-8 text");
		assertThat(count("select count(*) from app_user")).isZero();
		assertThat(count("select count(*) from email_outbox")).isZero();
	}

	@Test
	void refusesHostileWorkbooksAsAWholeChangingNothing() {
		createAcme();
		for (String hostile : List.of("handmade-zip-bomb.xlsx", "handmade-zip-bomb-lying-sizes.xlsx",
				"handmade-xxe-sheet.xlsx", "handmade-billion-laughs.xlsx", "handmade-many-entries.zip")) {
			Result result = roster("import-users", "--account", "acme", "--file", fixture("intake/" + hostile).toString());

			assertThat(result.exitCode()).as(hostile).isEqualTo(2);
			assertThat(result.out()).as(hostile).startsWith("import-users acme: REJECTED");
			// the exact messages are IntakeCorpusTest's
			assertThat(result.err()).as(hostile).startsWith("roster: " + hostile + ": ");
		}
		assertThat(count("select count(*) from app_user")).isZero();
		assertThat(count("select count(*) from email_outbox")).isZero();
	}

	@Test
	void refusesAnOpenDocumentSpreadsheetAsAWholeChangingNothing() {
		createAcme();

		Result result = roster("import-users", "--account", "acme", "--file",
				fixture("intake/libreoffice-users.ods").toString());

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("libreoffice-users.ods: looks like an OpenDocument spreadsheet (ODS); save "
				+ "it as XLSX or CSV");
		assertThat(count("select count(*) from app_user")).isZero();
	}

	@Test
	void updatesChangedUsersLeavesTheOthersAndQueuesEmailsOnlyForNewOnes() {
		createAcme();
		roster("import-users", "--account", "acme", "--file", fixture("importusers/invites.csv").toString());
		String johnCodes = codes("john.smith@acme.example");

		Result result = roster("import-users", "--account", "acme", "--file", fixture("importusers/invites-updated.csv").toString());

		assertThat(result.out()).contains("read=4 created=1 updated=2 unchanged=1 rejected=0");
		assertThat(this.jdbc.queryForObject("select first_name from app_user where email = 'john.smith@acme.example'", String.class))
			.isEqualTo("Jonathan");
		assertThat(this.jdbc.queryForObject("select billing_code from app_user where email = 'jose.nunez@acme.example'", String.class))
			.isEqualTo("00778");
		assertThat(codes("john.smith@acme.example")).isEqualTo(johnCodes);
		assertThat(count("select count(*) from email_outbox")).isEqualTo(7);
	}

	@Test
	void dryRunWritesThePlanAndChangesNothing() throws IOException {
		createAcme();
		roster("import-users", "--account", "acme", "--file", fixture("importusers/invites.csv").toString());
		long codesBefore = count("select count(*) from access_code");

		Result result = roster("import-users", "--account", "acme", "--dry-run", "--file",
				fixture("importusers/invites-updated.csv").toString());

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("created=1 updated=2 unchanged=1 rejected=0");
		assertThat(this.jdbc.queryForObject("select first_name from app_user where email = 'john.smith@acme.example'", String.class))
			.isEqualTo("John");
		assertThat(count("select count(*) from app_user where email = 'new.person@acme.example'")).isZero();
		assertThat(count("select count(*) from email_outbox")).isEqualTo(6);
		assertThat(count("select count(*) from access_code")).isEqualTo(codesBefore);
		List<CSVRecord> plan = readCsv(Path.of(result.field("report")));
		assertThat(plan).extracting((row) -> row.get(row.size() - 2)).containsExactly("Action", "none", "update", "update", "create");
		assertThat(plan.get(2).get(plan.get(2).size() - 1))
			.isEqualTo("first name 'John' -> 'Jonathan'; profile type 'Standard' -> 'Premium'");

		// a dry run never counts as the real run
		Result real = roster("import-users", "--account", "acme", "--file", fixture("importusers/invites-updated.csv").toString());
		assertThat(real.out()).contains("COMPLETED").contains("created=1 updated=2");
	}

	@Test
	void sameFileAgainDoesNothingAndSaysSo() throws IOException {
		createAcme();
		Path copy = this.temp.resolve("renamed-copy.csv");
		Files.copy(fixture("importusers/invites.csv"), copy);
		Result first = roster("import-users", "--account", "acme", "--file", fixture("importusers/invites.csv").toString());

		Result again = roster("import-users", "--account", "acme", "--file", copy.toString());
		Result json = roster("import-users", "--account", "acme", "--json", "--file", copy.toString());

		assertThat(again.exitCode()).isZero();
		// what this run did: nothing; a script adding up created= over runs gets 6, not 12
		assertThat(again.out()).startsWith("import-users acme: ALREADY_COMPLETED read=0 created=0 updated=0 "
				+ "unchanged=0 rejected=0 sent=0 failed=0 ")
			.endsWith(" previous_execution_id=" + first.field("execution_id") + "\n")
			.doesNotContain(" execution_id=");
		assertThat(again.err()).contains("already processed by execution " + first.field("execution_id"));
		assertThat(json.out()).startsWith("{\"job\":\"import-users\",\"account\":\"acme\","
				+ "\"status\":\"ALREADY_COMPLETED\",\"read\":0,\"created\":0,")
			.contains("\"execution_id\":null,\"previous_execution_id\":" + first.field("execution_id") + ",")
			.contains("\"message\":\"this input was already processed by execution " + first.field("execution_id"));
		assertThat(count("select count(*) from app_user")).isEqualTo(6);
		assertThat(count("select count(*) from email_outbox")).isEqualTo(6);
		assertThat(count("select count(*) from batch_job_execution")).isEqualTo(1);
	}

	@Test
	void failedRunResumesWithTheSameCommandAndAppliesEveryRowOnce() throws IOException {
		createAcme();
		Path file = generate(2500);
		// the database refuses row 1750 once: the chunk of rows 1701-1800 rolls back and the job fails
		try (Refusal refusal = refuse("app_user", "new.email = 'user1750@acme.example'", "disk full (simulated)")) {
			Result failed = roster("import-users", "--account", "acme", "--file", file.toString());
			assertThat(failed.exitCode()).isEqualTo(1);
			assertThat(failed.out()).contains("FAILED");
			assertThat(failed.err()).contains("disk full (simulated)").contains("run the same command again to resume");
			assertThat(count("select count(*) from app_user")).isEqualTo(1700);
		}

		Result resumed = roster("import-users", "--account", "acme", "--file", file.toString());

		assertThat(resumed.exitCode()).isZero();
		assertThat(resumed.out()).contains("COMPLETED read=2500 created=2500 updated=0 unchanged=0 rejected=0");
		assertThat(count("select count(*) from app_user")).isEqualTo(2500);
		assertThat(count("select count(distinct email_key) from app_user")).isEqualTo(2500);
		assertThat(count("select count(*) from email_outbox")).isEqualTo(2500);
		assertThat(count("select count(distinct user_id) from email_outbox")).isEqualTo(2500);
		assertThat(count("select count(*) from access_code")).isEqualTo(5000);
		// the second execution read only what the first had not committed
		assertThat(count("""
				select s.read_count from batch_step_execution s
				where s.step_name = 'importUsersStep' order by s.step_execution_id desc limit 1""")).isEqualTo(800);
	}

	@Test
	void largeInterruptedImportResumesWhereItStopped() throws IOException {
		createAcme();
		Path file = generate(50_000);
		try (Refusal refusal = refuse("app_user", "new.email = 'user30001@acme.example'",
				"connection lost (simulated)")) {
			assertThat(roster("import-users", "--account", "acme", "--no-deliver", "--file", file.toString()).exitCode()).isEqualTo(1);
			assertThat(count("select count(*) from app_user")).isEqualTo(30_000);
		}

		// the 50,000 emails stay queued: this test is about resuming the import, not about delivering
		Result resumed = roster("import-users", "--account", "acme", "--no-deliver", "--file", file.toString());

		assertThat(resumed.out()).contains("COMPLETED read=50000 created=50000 updated=0 unchanged=0 rejected=0");
		assertThat(count("select count(*) from app_user")).isEqualTo(50_000);
		assertThat(count("select count(distinct user_id) from email_outbox")).isEqualTo(50_000);
		assertThat(count("select count(*) from email_outbox")).isEqualTo(50_000);
		assertThat(count("select count(*) from access_code")).isEqualTo(100_000);
		assertThat(count("select count(*) from app_user u join access_code h on h.code = u.host_code and h.user_id = u.id "
				+ "join access_code g on g.code = u.guest_code and g.user_id = u.id")).isEqualTo(50_000);
	}

	@Test
	void killedRunIsRecoveredAndResumed() throws IOException {
		createAcme();
		Path file = generate(300);
		try (Refusal refusal = refuse("app_user", "new.email = 'user250@acme.example'", "killed")) {
			roster("import-users", "--account", "acme", "--file", file.toString());
		}
		// what a kill -9 leaves behind: executions still marked as running
		this.jdbc.update("update batch_job_execution set status = 'STARTED', end_time = null");
		this.jdbc.update("update batch_step_execution set status = 'STARTED', end_time = null");

		Result resumed = roster("import-users", "--account", "acme", "--file", file.toString());

		assertThat(resumed.exitCode()).isZero();
		assertThat(resumed.out()).contains("COMPLETED read=300 created=300");
		assertThat(count("select count(*) from app_user")).isEqualTo(300);
		assertThat(count("select count(*) from email_outbox")).isEqualTo(300);
	}

	@Test
	void aRunKilledAfterItsReportCommittedKeepsTheReportsRows() throws IOException {
		// given: an import with rejected rows whose report step committed (report written, its rows forgotten)
		createAcme();
		Path file = fixture("importusers/invites-bad-rows.csv");
		Result first = roster("import-users", "--account", "acme", "--no-deliver", "--file", file.toString());
		List<String> report = Files.readAllLines(Path.of(first.field("report")));
		assertThat(report).hasSizeGreaterThan(1);
		// what a kill -9 between that commit and the step's end leaves: the report step and the job still running
		killedBeforeDelivering();
		this.jdbc.update("""
				update batch_step_execution set status = 'STARTED', end_time = null
				where step_name = 'importUsersReportStep'""");
		// when
		Result resumed = roster("import-users", "--account", "acme", "--no-deliver", "--file", file.toString());
		// then: the report it names still lists every rejected row
		assertThat(resumed.exitCode()).isZero();
		assertThat(resumed.out()).contains("COMPLETED");
		assertThat(Files.readAllLines(Path.of(resumed.field("report")))).isEqualTo(report);
	}

	@Test
	void aRunKilledAfterItsReportStepEndedStillNamesItsReport() throws IOException {
		// given: an import whose report step ended, killed before the job recorded the report's name
		createAcme();
		Path file = fixture("importusers/invites-bad-rows.csv");
		Result first = roster("import-users", "--account", "acme", "--no-deliver", "--file", file.toString());
		List<String> report = Files.readAllLines(Path.of(first.field("report")));
		killedBeforeDelivering();
		this.jdbc.update("delete from batch_job_execution_context");
		// when
		Result resumed = roster("import-users", "--account", "acme", "--no-deliver", "--file", file.toString());
		// then: the report step is not run again, and the summary names the report it wrote
		assertThat(resumed.exitCode()).isZero();
		assertThat(resumed.out()).contains("COMPLETED");
		assertThat(Files.readAllLines(Path.of(resumed.field("report")))).isEqualTo(report);
	}

	/** What a kill -9 before the delivery step began leaves: the job still marked running, no delivery step. */
	private void killedBeforeDelivering() {
		this.jdbc.update("update batch_job_execution set status = 'STARTED', end_time = null");
		this.jdbc.update("""
				delete from batch_step_execution_context where step_execution_id in
					(select step_execution_id from batch_step_execution where step_name = 'importUsersDeliverStep')""");
		this.jdbc.update("delete from batch_step_execution where step_name = 'importUsersDeliverStep'");
	}

	@Test
	void fileWithoutAnEmailColumnIsRejectedAsAWholeNamingTheColumnAndTheHeadersSeen() {
		createAcme();

		Result result = roster("import-users", "--account", "acme", "--file",
				fixture("importusers/invites-no-email-column.csv").toString());

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.out()).startsWith("import-users acme: REJECTED");
		assertThat(result.err()).contains("invites-no-email-column.csv")
			.contains("missing required columns 'Email'")
			.contains("Name, Surname, Office");
		assertThat(count("select count(*) from app_user")).isZero();
	}

	@Test
	void unknownColumnsAreIgnoredAndListed() {
		createAcme();

		Result result = roster("import-users", "--account", "acme", "--json", "--file",
				fixture("importusers/invites-unknown-columns.csv").toString());

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("{\"job\":\"import-users\",\"account\":\"acme\",\"status\":\"COMPLETED\",\"read\":1,\"created\":1,")
			.contains("\"ignored_columns\":[\"Department\",\"Notes\"]")
			.contains("\"execution_id\":");
	}

	@Test
	void unknownAccountMissingFileAndBadOptionsAreUsageErrors() {
		createAcme();
		assertThat(roster("import-users", "--account", "nope", "--file", fixture("importusers/invites.csv").toString()))
			.satisfies((r) -> {
				assertThat(r.exitCode()).isEqualTo(2);
				assertThat(r.err()).contains("unknown account 'nope'");
			});
		assertThat(roster("import-users", "--account", "acme", "--file", "no/such/file.csv")).satisfies((r) -> {
			assertThat(r.exitCode()).isEqualTo(2);
			assertThat(r.err()).contains("file not found");
		});
		assertThat(roster("import-users", "--account", "acme", "--mode", "shout", "--file", "x.csv").exitCode()).isEqualTo(2);
		assertThat(roster("import-users", "--file", "x.csv").exitCode()).isEqualTo(2);
		assertThat(count("select count(*) from batch_job_instance")).isZero();
	}

	private Path generate(int rows) throws IOException {
		StringBuilder csv = new StringBuilder("Email,First Name,Last Name,Office\n");
		for (int i = 1; i <= rows; i++) {
			csv.append("user").append(i).append("@acme.example,Zoë").append(i).append(",Ibáñez,Madrid\n");
		}
		Path file = this.temp.resolve("generated-" + rows + ".csv");
		Files.writeString(file, csv, StandardCharsets.UTF_8);
		return file;
	}

	private String writeCsv(String name, String... lines) {
		try {
			Path file = this.temp.resolve(name);
			Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
			return file.toString();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private String lastName(String email) {
		return this.jdbc.queryForObject("select last_name from app_user where email = ?", String.class, email);
	}

	private String codes(String email) {
		return this.jdbc.queryForObject("select host_code || '/' || guest_code from app_user where email = ?",
				String.class, email);
	}

	static List<CSVRecord> readCsv(Path file) throws IOException {
		String content = Files.readString(file, StandardCharsets.UTF_8);
		assertThat(content).startsWith("\uFEFF");
		return CSVFormat.RFC4180.builder().get().parse(new java.io.StringReader(content.substring(1))).getRecords();
	}

}
