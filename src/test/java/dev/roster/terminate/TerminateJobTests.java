package dev.roster.terminate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.roster.IntegrationTest;
import dev.roster.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TerminateJobTests extends IntegrationTest {

	@TempDir
	Path temp;

	@Test
	void terminatesListedUsersAndRemovesEverythingTheyHad() throws Exception {
		// given: eight users; Ben has a room, a delegate (Dan) and is Ana's delegate; everyone's activation email queued
		importStaffOfAcmeAndGlobex();
		long ben = userId("ben.carter@acme.example");
		long dan = userId("dan.okafor@acme.example");
		long ana = userId("ana.lopez@acme.example");
		String benCodes = codes("ben.carter@acme.example");
		this.jdbc.update("insert into meeting_room (account_id, user_id, name) values (?, ?, 'Weekly sync')", acmeId(), ben);
		delegate(ben, dan);
		delegate(ana, ben);
		delegate(ana, userId("carla.ruiz@acme.example"));

		// when
		Result result = roster("terminate", "--account", "acme", "--file", fixture("terminate/leavers.csv").toString());

		// then
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith(
				"terminate acme: COMPLETED read=7 terminated=3 scheduled=0 cancelled=0 unchanged=0 rejected=4");
		assertThat(this.jdbc.queryForList("""
				select email from app_user where status = 'TERMINATED' and terminated_at is not null
					and host_code is null and guest_code is null order by email""", String.class))
			.containsExactly("ben.carter@acme.example", "dan.okafor@acme.example", "eva.novak@acme.example");
		assertThat(count("select count(*) from app_user where status = 'ACTIVE'")).isEqualTo(6);
		// codes retired, kept, never issued again
		assertThat(count("select count(*) from access_code where retired_at is not null")).isEqualTo(6);
		assertThat(count("select count(*) from access_code c join app_user u on u.id = c.user_id "
				+ "where u.status = 'TERMINATED' and c.retired_at is null")).isZero();
		assertThat(count("select count(*) from meeting_room")).isZero();
		// both directions: Ben's delegate and Ben as Ana's delegate; Ana keeps Carla
		assertThat(this.jdbc.queryForList("select delegate_id from user_delegate", Long.class))
			.containsExactly(userId("carla.ruiz@acme.example"));
		assertThat(count("select count(*) from email_outbox where status = 'CANCELLED'")).isEqualTo(3);
		assertThat(count("select count(*) from email_outbox o join app_user u on u.id = o.user_id "
				+ "where o.status = 'QUEUED' and u.status = 'ACTIVE'")).isEqualTo(6);
		assertThat(this.jdbc.queryForObject("select status from app_user where email = 'tom@globex.example'",
				String.class)).isEqualTo("ACTIVE");

		assertThat(snapshot(ben, "reason")).isEqualTo("terminate");
		assertThat(snapshot(ben, "host_code") + "/" + snapshot(ben, "guest_code")).isEqualTo(benCodes);
		assertThat(snapshot(ben, "billing_code")).isEqualTo("00420");
		assertThat(snapshot(ben, "office")).isEqualTo("London");
		assertThat(snapshot(ben, "meeting_rooms", "0", "name")).isEqualTo("Weekly sync");
		assertThat(snapshot(ben, "delegates")).isEqualTo("[\"dan.okafor@acme.example\"]");
		assertThat(snapshot(ben, "delegate_of")).isEqualTo("[\"ana.lopez@acme.example\"]");
		assertThat(snapshot(ben, "cancelled_emails", "0", "kind")).isEqualTo("activation");
		assertThat(count("select count(*) from termination_snapshot")).isEqualTo(3);
		assertThat(count("select count(*) from termination_snapshot s join app_user u on u.id = s.user_id "
				+ "where s.terminated_at = u.terminated_at and s.job_execution_id = ?", Long.parseLong(result.field("execution_id"))))
			.isEqualTo(3);

		Map<String, Map<String, String>> report = TestFiles.reportBy(result.field("report"), "Row");
		assertThat(report.keySet()).containsExactly("4", "5", "6", "7");
		assertThat(report.get("4").get("Error")).isEqualTo("no user with email 'nobody@acme.example' in this account");
		assertThat(report.get("5").get("Error")).isEqualTo("invalid email 'not-an-email' in column 'E-mail' (A)");
		assertThat(report.get("6").get("Error"))
			.isEqualTo("email 'ben.carter@acme.example' already appears in row 2 of this file");
		// another account's user is reported exactly like an unknown one
		assertThat(report.get("7").get("Error")).isEqualTo("no user with email 'tom@globex.example' in this account");
		assertThat(report.get("7").get("Reason")).isEqualTo("Other account");
	}

	@Test
	void theSameFileAgainChangesNothingAndTerminatedUsersCountAsUnchanged() throws Exception {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("terminate/staff.csv").toString());
		Result first = roster("terminate", "--account", "acme", "--file", fixture("terminate/leavers.csv").toString());
		long snapshots = count("select count(*) from termination_snapshot");

		Result again = roster("terminate", "--account", "acme", "--file", fixture("terminate/leavers.csv").toString());
		Path edited = this.temp.resolve("leavers-again.csv");
		Files.writeString(edited, Files.readString(fixture("terminate/leavers.csv")) + "\r\n");
		Result editedCopy = roster("terminate", "--account", "acme", "--file", edited.toString());

		assertThat(again.exitCode()).isZero();
		// this run did nothing, and its counts say so; it names the run that did
		assertThat(again.out()).startsWith("terminate acme: ALREADY_COMPLETED read=0 terminated=0 scheduled=0 "
				+ "cancelled=0 unchanged=0 rejected=0 ")
			.contains(" previous_execution_id=" + first.field("execution_id"))
			.doesNotContain(" execution_id=");
		assertThat(again.err()).contains("already processed by execution " + first.field("execution_id"));
		assertThat(editedCopy.exitCode()).isZero();
		assertThat(editedCopy.out()).contains("COMPLETED read=7 terminated=0 scheduled=0 cancelled=0 unchanged=3 rejected=4");
		assertThat(count("select count(*) from termination_snapshot")).isEqualTo(snapshots);
		assertThat(count("select count(*) from access_code where retired_at is not null")).isEqualTo(6);
	}

	@Test
	void futureDatesScheduleTheTerminationAndTerminateDueAppliesThemWhenDue() throws Exception {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("terminate/staff.csv").toString());
		Path today = TestFiles.csv(this.temp, "today.csv", "Email,Termination Date",
				"eva.novak@acme.example," + LocalDate.now());

		Result result = roster("terminate", "--account", "acme", "--file",
				fixture("terminate/leavers-dated.csv").toString());
		Result todays = roster("terminate", "--account", "acme", "--file", today.toString());

		// 2099 dates are scheduled; a past date, a blank date and today's date terminate at once
		assertThat(result.out()).contains("read=5 terminated=2 scheduled=2 cancelled=0 unchanged=0 rejected=1");
		assertThat(todays.out()).contains("terminated=1");
		assertThat(statuses()).containsEntry("ana.lopez@acme.example", "ACTIVE 2099-12-31")
			.containsEntry("hana.sato@acme.example", "ACTIVE 2099-06-30")
			.containsEntry("carla.ruiz@acme.example", "TERMINATED")
			.containsEntry("fay.wong@acme.example", "TERMINATED")
			.containsEntry("eva.novak@acme.example", "TERMINATED")
			.containsEntry("gus.berg@acme.example", "ACTIVE");
		// a day-first date is never guessed at
		assertThat(TestFiles.report(result.field("report")).get(1).get(3))
			.startsWith("invalid termination date '31/12/2099' in column 'Fecha de baja' (B); write it as YYYY-MM-DD");
		// a scheduled user keeps everything until the day comes
		assertThat(count("select count(*) from access_code where retired_at is null and user_id = ?",
				userId("ana.lopez@acme.example"))).isEqualTo(2);

		Result nothingDue = roster("terminate-due", "--account", "acme");
		this.jdbc.update("update app_user set termination_due_on = current_date - 1 where email = 'ana.lopez@acme.example'");
		Result due = roster("terminate-due", "--account", "acme");
		Result dueAgain = roster("terminate-due");

		assertThat(nothingDue.out()).startsWith("terminate-due acme: COMPLETED terminated=0");
		assertThat(due.exitCode()).isZero();
		assertThat(due.out()).startsWith("terminate-due acme: COMPLETED terminated=1");
		assertThat(dueAgain.out()).startsWith("terminate-due: COMPLETED terminated=0");
		assertThat(statuses()).containsEntry("ana.lopez@acme.example", "TERMINATED")
			.containsEntry("hana.sato@acme.example", "ACTIVE 2099-06-30");
		long ana = userId("ana.lopez@acme.example");
		assertThat(snapshot(ana, "reason")).isEqualTo("terminate-due");
		assertThat(snapshot(ana, "scheduled_for"))
			.isEqualTo(this.jdbc.queryForObject("select (current_date - 1)::text", String.class));
		assertThat(count("select count(*) from access_code where retired_at is null and user_id = ?",
				userId("ana.lopez@acme.example"))).isZero();
	}

	@Test
	void terminateDueOfOneAccountLeavesTheOthersDue() {
		importStaffOfAcmeAndGlobex();
		roster("terminate", "--account", "acme", "--file", fixture("terminate/leavers-dated.csv").toString());
		roster("terminate", "--account", "globex", "--file",
				TestFiles.csv(this.temp, "tom.csv", "Email,Termination Date", "tom@globex.example,2099-01-01").toString());
		this.jdbc.update("update app_user set termination_due_on = current_date where termination_due_on is not null");

		Result acme = roster("terminate-due", "--account", "acme", "--json");

		assertThat(acme.out()).startsWith("{\"job\":\"terminate-due\",\"account\":\"acme\",\"status\":\"COMPLETED\","
				+ "\"terminated\":2,");
		assertThat(statuses()).containsEntry("tom@globex.example", "ACTIVE " + this.jdbc.queryForObject(
				"select current_date::text", String.class));

		Result all = roster("terminate-due");

		assertThat(all.out()).startsWith("terminate-due: COMPLETED terminated=1");
		assertThat(statuses()).containsEntry("tom@globex.example", "TERMINATED");
		assertThat(count("select count(*) from termination_snapshot where snapshot->>'reason' = 'terminate-due'"))
			.isEqualTo(3);
	}

	@Test
	void aLaterFileMovesOrCancelsAScheduledTermination() {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("terminate/staff.csv").toString());
		roster("terminate", "--account", "acme", "--file", fixture("terminate/leavers-dated.csv").toString());

		Result result = roster("terminate", "--account", "acme", "--file",
				fixture("terminate/leavers-changed-dates.csv").toString());

		assertThat(result.out()).contains("read=3 terminated=0 scheduled=1 cancelled=1 unchanged=1 rejected=0");
		assertThat(statuses()).containsEntry("ana.lopez@acme.example", "ACTIVE")
			.containsEntry("hana.sato@acme.example", "ACTIVE 2099-09-30")
			.containsEntry("ben.carter@acme.example", "ACTIVE");
		this.jdbc.update("update app_user set termination_due_on = null where email = 'hana.sato@acme.example'");
		assertThat(roster("terminate-due").out()).contains("terminated=0");
		assertThat(count("select count(*) from app_user where status = 'ACTIVE'")).isEqualTo(6);
	}

	@Test
	void dryRunWritesThePlanAndChangesNothing() {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("terminate/staff.csv").toString());
		roster("terminate", "--account", "acme", "--file", fixture("terminate/leavers-dated.csv").toString());

		Result plan = roster("terminate", "--account", "acme", "--dry-run", "--file",
				fixture("terminate/leavers.csv").toString());
		Result planDates = roster("terminate", "--account", "acme", "--dry-run", "--file",
				fixture("terminate/leavers-changed-dates.csv").toString());

		assertThat(plan.exitCode()).isZero();
		assertThat(plan.out()).contains("read=7 terminated=3 scheduled=0 cancelled=0 unchanged=0 rejected=4");
		assertThat(plan.field("report")).endsWith("-plan.csv");
		Map<String, Map<String, String>> lines = TestFiles.reportBy(plan.field("report"), "Row");
		assertThat(lines.get("2").get("Action")).isEqualTo("terminate");
		assertThat(lines.get("4").get("Action")).isEqualTo("rejected");
		Map<String, Map<String, String>> dates = TestFiles.reportBy(planDates.field("report"), "Row");
		assertThat(dates.get("2").get("Action")).isEqualTo("cancel");
		assertThat(dates.get("2").get("Error")).isEqualTo("scheduled termination on 2099-12-31 cancelled");
		assertThat(dates.get("3").get("Action")).isEqualTo("schedule");
		assertThat(dates.get("3").get("Error")).isEqualTo("scheduled for 2099-09-30 instead of 2099-06-30");
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isEqualTo(2);
		assertThat(statuses()).containsEntry("ana.lopez@acme.example", "ACTIVE 2099-12-31");
		assertThat(count("select count(*) from email_outbox where status = 'CANCELLED'")).isEqualTo(2);

		// a dry run never counts as the real run
		Result real = roster("terminate", "--account", "acme", "--file", fixture("terminate/leavers.csv").toString());
		assertThat(real.out()).contains("COMPLETED").contains("terminated=3");
	}

	@Test
	void failedTerminationResumesAndTerminatesEveryUserOnce() throws Exception {
		// given: 2500 users; the database refuses the snapshot of user 1750 once, mid-file
		createAcme();
		Path users = generate("users.csv", 2500, "Email,First Name,Last Name", ",Zoë,Ibáñez");
		roster("import-users", "--account", "acme", "--no-deliver", "--file", users.toString());
		long acme = acmeId();
		this.jdbc.update("insert into meeting_room (account_id, user_id, name) select account_id, id, 'Room of ' || email from app_user");
		Path leavers = generate("leavers.csv", 2500, "Email", "");
		try (Refusal refusal = refuse("termination_snapshot", "new.snapshot->>'email' = 'user1750@acme.example'",
				"disk full (simulated)")) {
			Result failed = roster("terminate", "--account", "acme", "--allow-mass-termination", "--file",
					leavers.toString());
			assertThat(failed.exitCode()).isEqualTo(1);
			assertThat(failed.err()).contains("disk full (simulated)").contains("run the same command again to resume");
			assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isEqualTo(1700);
		}

		Result resumed = roster("terminate", "--account", "acme", "--allow-mass-termination", "--file",
				leavers.toString());

		assertThat(resumed.exitCode()).isZero();
		assertThat(resumed.out()).contains("COMPLETED read=2500 terminated=2500 scheduled=0 cancelled=0 unchanged=0 rejected=0");
		assertTerminatedOnce(acme, 2500);
		assertThat(count("""
				select s.read_count from batch_step_execution s
				where s.step_name = 'terminateStep' order by s.step_execution_id desc limit 1""")).isEqualTo(800);
	}

	@Test
	void killedTerminationIsRecoveredAndResumed() throws Exception {
		createAcme();
		Path users = generate("users.csv", 300, "Email,First Name,Last Name", ",Zoë,Ibáñez");
		roster("import-users", "--account", "acme", "--no-deliver", "--file", users.toString());
		this.jdbc.update("insert into meeting_room (account_id, user_id, name) select account_id, id, 'Room of ' || email from app_user");
		Path leavers = generate("leavers.csv", 300, "Email", "");
		try (Refusal refusal = refuse("termination_snapshot", "new.snapshot->>'email' = 'user250@acme.example'",
				"killed")) {
			roster("terminate", "--account", "acme", "--allow-mass-termination", "--file", leavers.toString());
		}
		// what a kill -9 leaves behind: executions still marked as running
		this.jdbc.update("update batch_job_execution set status = 'STARTED', end_time = null where job_instance_id = "
				+ "(select job_instance_id from batch_job_instance where job_name = 'terminateJob')");
		this.jdbc.update("update batch_step_execution set status = 'STARTED', end_time = null where step_name = 'terminateStep'");

		Result resumed = roster("terminate", "--account", "acme", "--allow-mass-termination", "--file",
				leavers.toString());

		assertThat(resumed.exitCode()).isZero();
		assertThat(resumed.out()).contains("COMPLETED read=300 terminated=300");
		assertTerminatedOnce(acmeId(), 300);
	}

	@Test
	void fileWithoutAnEmailColumnIsRejectedAsAWhole() {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("terminate/staff.csv").toString());

		Result result = roster("terminate", "--account", "acme", "--file",
				fixture("terminate/leavers-no-email-column.csv").toString());

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.out()).startsWith("terminate acme: REJECTED");
		assertThat(result.err()).contains("missing required column 'Email'").contains("Employee, Name");
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isZero();
	}

	@Test
	void jsonSummaryAndHelp() {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("terminate/staff.csv").toString());

		Result json = roster("terminate", "--account", "acme", "--json", "--file",
				fixture("terminate/leavers.csv").toString());
		Result help = roster("terminate", "--help");
		Result dueHelp = roster("terminate-due", "--help");

		assertThat(json.out()).startsWith("{\"job\":\"terminate\",\"account\":\"acme\",\"status\":\"COMPLETED\",\"read\":7,"
				+ "\"terminated\":3,\"scheduled\":0,\"cancelled\":0,\"unchanged\":0,\"rejected\":4,");
		assertThat(json.out()).contains("\"ignored_columns\":[\"Reason\"]");
		assertThat(help.exitCode()).isZero();
		assertThat(help.out()).contains("--dry-run").contains("Termination Date");
		assertThat(dueHelp.out()).contains("--account");
		assertThat(roster("terminate-due", "--account", "nope").exitCode()).isEqualTo(2);
	}

	@Test
	void aFileThatWouldTerminateTooManyStopsBeforeChangingAnythingUntilApproved() throws Exception {
		// given: 30 users; HR drops the full staff list, 30 rows, into the termination feed
		createAcme();
		Path users = generate("users.csv", 30, "Email,First Name,Last Name", ",Zoë,Ibáñez");
		roster("import-users", "--account", "acme", "--no-deliver", "--file", users.toString());
		Path everyone = generate("everyone.csv", 30, "Email", "");

		// when
		Result wouldStop = roster("terminate", "--account", "acme", "--dry-run", "--file", everyone.toString());
		Result stopped = roster("terminate", "--account", "acme", "--file", everyone.toString());
		Result again = roster("terminate", "--account", "acme", "--json", "--file", everyone.toString());

		// then: nothing changed; the report is the plan; exit code 3
		assertThat(wouldStop.exitCode()).isEqualTo(3);
		assertThat(wouldStop.err()).contains("dry run: terminate would stop: mass-termination guard");
		assertThat(stopped.exitCode()).isEqualTo(3);
		assertThat(stopped.out()).startsWith("terminate acme: STOPPED read=30 terminated=30 scheduled=0 cancelled=0 "
				+ "unchanged=0 rejected=0");
		assertThat(stopped.err()).contains("mass-termination guard: it would terminate 30 of 30 users (100%), more "
				+ "than 20% and more than 5; nothing was changed")
			.contains("--allow-mass-termination");
		assertThat(stopped.field("report")).endsWith("-plan.csv");
		assertThat(TestFiles.reportBy(stopped.field("report"), "Row").get("2")).containsEntry("Action", "terminate");
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isZero();
		assertThat(count("select count(*) from termination_snapshot")).isZero();
		assertThat(count("select count(*) from access_code where retired_at is not null")).isZero();
		// a stopped run is not a completed one: the same command stops again
		assertThat(again.exitCode()).isEqualTo(3);
		assertThat(again.out()).contains("\"status\":\"STOPPED\"").contains("\"exit_code\":3");

		Result approved = roster("terminate", "--account", "acme", "--allow-mass-termination", "--file",
				everyone.toString());

		assertThat(approved.exitCode()).isZero();
		assertThat(approved.out()).contains("COMPLETED read=30 terminated=30");
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isEqualTo(30);
		assertThat(roster("terminate", "--help").out()).contains("--allow-mass-termination");
	}

	@Test
	void theGuardCountsUsersTerminatedNowNotScheduledOnesNorRejectedRows() throws Exception {
		// given: 30 users, of whom 6 may go (20%); a feed that terminates 7 now, and one that terminates 6 now and
		// schedules 19 more
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file",
				generate("users.csv", 30, "Email,First Name,Last Name", ",Zoë,Ibáñez").toString());
		StringBuilder later = new StringBuilder("Email,Termination Date\n");
		for (int i = 1; i <= 25; i++) {
			later.append("user").append(i).append("@acme.example,").append((i <= 6) ? "" : "2099-01-31").append('\n');
		}
		// the same user twice, and people who are no users, count once and not at all
		later.append("user1@acme.example,\nnobody1@acme.example,\nnobody2@acme.example,\nnot-an-email,\n");
		Path scheduled = this.temp.resolve("later.csv");
		Files.writeString(scheduled, later);
		Path seven = generate("seven.csv", 7, "Email", "");

		Result stopped = roster("terminate", "--account", "acme", "--file", seven.toString());
		Result result = roster("terminate", "--account", "acme", "--file", scheduled.toString());

		assertThat(stopped.exitCode()).isEqualTo(3);
		assertThat(stopped.err()).contains("it would terminate 7 of 30 users (23%)");
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("COMPLETED read=29 terminated=6 scheduled=19 cancelled=0 unchanged=0 rejected=4");
	}

	@Test
	void aResumedTerminationKeepsTheDecisionTheGuardTookBeforeTheFirstChunk() throws Exception {
		// given: 600 users; a feed of 120 (20%: within the guard), refused by the database at its 110th row
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file",
				generate("users.csv", 600, "Email,First Name,Last Name", ",Zoë,Ibáñez").toString());
		Path leavers = generate("leavers.csv", 120, "Email", "");
		try (Refusal refusal = refuse("termination_snapshot", "new.snapshot->>'email' = 'user110@acme.example'",
				"disk full (simulated)")) {
			assertThat(roster("terminate", "--account", "acme", "--file", leavers.toString()).exitCode()).isEqualTo(1);
		}
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isEqualTo(100);
		// meanwhile the account shrinks: the 20 left of the feed are now more than the guard would allow
		StringBuilder others = new StringBuilder("Email\n");
		for (int i = 121; i <= 590; i++) {
			others.append("user").append(i).append("@acme.example\n");
		}
		Path shrink = this.temp.resolve("others.csv");
		Files.writeString(shrink, others);
		assertThat(roster("terminate", "--account", "acme", "--allow-mass-termination", "--file", shrink.toString())
			.exitCode()).isZero();

		// when
		Result resumed = roster("terminate", "--account", "acme", "--file", leavers.toString());

		// then: the guard passed this file before its first chunk; the resumed run does not ask again
		assertThat(resumed.exitCode()).isZero();
		assertThat(resumed.out()).contains("COMPLETED read=120 terminated=120");
		assertThat(count("select count(*) from batch_step_execution s join batch_job_execution e "
				+ "on e.job_execution_id = s.job_execution_id join batch_job_execution_params p "
				+ "on p.job_execution_id = e.job_execution_id and p.parameter_name = 'file' "
				+ "where s.step_name = 'terminateGuardStep' and p.parameter_value like '%leavers.csv'")).isEqualTo(1);
	}

	@Test
	void invisibleCharactersInAnEmailAreRemovedAndReported() throws Exception {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("terminate/staff.csv").toString());
		Path pasted = TestFiles.csv(this.temp, "pasted.csv", "Email", "ben.carter@acme.example\u200E",
				"\u200Fdan.okafor@acme\u200B.example", "eva.novak@acme.example");

		Result plan = roster("terminate", "--account", "acme", "--dry-run", "--file", pasted.toString());
		Result result = roster("terminate", "--account", "acme", "--file", pasted.toString());

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("read=3 terminated=3 scheduled=0 cancelled=0 unchanged=0 rejected=0");
		assertThat(result.err()).contains("invisible characters were removed from the email of 2 rows before "
				+ "reading it (rows 2 and 3)");
		assertThat(statuses()).containsEntry("ben.carter@acme.example", "TERMINATED")
			.containsEntry("dan.okafor@acme.example", "TERMINATED");
		assertThat(TestFiles.reportBy(plan.field("report"), "Row").get("2"))
			.containsEntry("Error", "invisible characters removed from the email");
		assertThat(TestFiles.reportBy(plan.field("report"), "Row").get("4").get("Error")).isEmpty();
	}

	/** Every listed user terminated once: one snapshot, codes retired in that same transaction, never touched again. */
	private void assertTerminatedOnce(long account, int users) {
		assertThat(count("select count(*) from app_user where account_id = ? and status = 'TERMINATED'", account))
			.isEqualTo(users);
		assertThat(count("select count(*) from termination_snapshot")).isEqualTo(users);
		assertThat(count("select count(distinct user_id) from termination_snapshot")).isEqualTo(users);
		assertThat(count("select count(*) from access_code where retired_at is not null")).isEqualTo(2L * users);
		assertThat(count("""
				select count(*) from access_code c join app_user u on u.id = c.user_id
				join termination_snapshot s on s.user_id = u.id
				where c.retired_at = u.terminated_at and s.terminated_at = u.terminated_at
					and c.code in (s.snapshot->>'host_code', s.snapshot->>'guest_code')""")).isEqualTo(2L * users);
		assertThat(count("select count(*) from meeting_room")).isZero();
		assertThat(count("select count(*) from termination_snapshot where jsonb_array_length(snapshot->'meeting_rooms') = 1"))
			.isEqualTo(users);
	}

	private Path generate(String name, int rows, String header, String rest) throws Exception {
		StringBuilder csv = new StringBuilder(header).append('\n');
		for (int i = 1; i <= rows; i++) {
			csv.append("user").append(i).append("@acme.example").append(rest).append('\n');
		}
		Path file = this.temp.resolve(name);
		Files.writeString(file, csv);
		return file;
	}

	/** A value of the user's one snapshot, by its path in the jsonb document. */
	private String snapshot(long userId, String... path) {
		List<String> values = this.jdbc.queryForList(
				"select snapshot #>> ?::text[] from termination_snapshot where user_id = ?", String.class,
				"{" + String.join(",", path) + "}", userId);
		assertThat(values).hasSize(1);
		return values.get(0);
	}

	private void delegate(long user, long delegate) {
		this.jdbc.update("insert into user_delegate (account_id, user_id, delegate_id) values (?, ?, ?)", acmeId(), user,
				delegate);
	}

	private long acmeId() {
		return this.accounts.find("acme").orElseThrow().id();
	}

	private long userId(String email) {
		return count("select id from app_user where email = ?", email);
	}

	private String codes(String email) {
		return this.jdbc.queryForObject("select host_code || '/' || guest_code from app_user where email = ?",
				String.class, email);
	}

	/** Acme's eight staff (terminate/staff.csv) and Globex's Tom, each with their activation email queued. */
	private void importStaffOfAcmeAndGlobex() {
		createAcme();
		createGlobex();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("terminate/staff.csv").toString());
		roster("import-users", "--account", "globex", "--no-deliver", "--file",
				TestFiles.csv(this.temp, "globex.csv", "Email,First Name,Last Name", "tom@globex.example,Tom,Taken")
					.toString());
	}

}
