package dev.roster.syncroster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.roster.IntegrationTest;
import dev.roster.MailServer;
import dev.roster.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class SyncRosterJobTests extends IntegrationTest {

	@TempDir
	Path temp;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void createsUpdatesReactivatesAndTerminatesToMatchTheRoster() {
		// given: ten users of acme, Hana terminated; Tom of globex
		givenStaff();
		roster("terminate", "--account", "acme", "--file",
				TestFiles.csv(this.temp, "hana.csv", "Email", "hana.sato@acme.example").toString());
		List<String> earlierCodes = this.jdbc.queryForList("select code from access_code", String.class);
		long outboxBefore = count("select count(*) from email_outbox");

		// when
		Result result = sync("syncroster/roster.csv");

		// then
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("sync-roster acme: COMPLETED read=12 created=1 updated=3 reactivated=1 "
				+ "terminated=2 unchanged=3 rejected=4");
		assertThat(statuses()).containsEntry("ana.lopez@acme.example", "ACTIVE")
			.containsEntry("ben.carter@acme.example", "ACTIVE")
			.containsEntry("fay.wong@acme.example", "ACTIVE 2099-12-31")
			.containsEntry("hana.sato@acme.example", "ACTIVE")
			.containsEntry("kim.new@acme.example", "ACTIVE")
			.containsEntry("ivan.petrov@acme.example", "TERMINATED")
			.containsEntry("jane.doe@acme.example", "TERMINATED")
			// rejected for an unknown office, Gus is neither updated nor taken for absent
			.containsEntry("gus.berg@acme.example", "ACTIVE")
			// one account's roster never touches another account's users
			.containsEntry("tom@globex.example", "ACTIVE");
		assertThat(field("ben.carter@acme.example", "first_name")).isEqualTo("Benjamin");
		assertThat(field("carla.ruiz@acme.example", "(select name from account_office where id = office_id)"))
			.isEqualTo("London");
		assertThat(field("gus.berg@acme.example", "(select name from account_office where id = office_id)"))
			.isEqualTo("Madrid");
		assertThat(field("hana.sato@acme.example", "(select name from account_group where id = group_id)"))
			.isEqualTo("Sales");
		assertThat(field("kim.new@acme.example", "language")).isEqualTo("es");
		// the rehired user has codes never issued before; the leavers went through a full termination
		assertThat(this.jdbc.queryForList("""
				select c.code from access_code c join app_user u on u.id = c.user_id
				where u.email in ('hana.sato@acme.example', 'kim.new@acme.example') and c.retired_at is null""",
				String.class)).hasSize(4).doesNotContainAnyElementsOf(earlierCodes);
		assertThat(count("select count(*) from termination_snapshot where snapshot->>'reason' = 'sync-roster: not in the roster'"))
			.isEqualTo(2);
		assertThat(count("select count(*) from access_code c join app_user u on u.id = c.user_id "
				+ "where u.status = 'TERMINATED' and c.retired_at is null")).isZero();
		assertThat(count("select count(*) from email_outbox where status = 'CANCELLED'")).isEqualTo(3);
		assertThat(count("select count(*) from email_outbox where job_execution_id = ? and kind = 'activation'",
				Long.parseLong(result.field("execution_id")))).isEqualTo(2);
		assertThat(count("select count(*) from email_outbox")).isEqualTo(outboxBefore + 2);

		Map<String, Map<String, String>> rejects = TestFiles.reportBy(result.field("report"), "Row");
		assertThat(rejects.keySet()).containsExactly("8", "11", "12", "13");
		assertThat(rejects.get("8").get("Error")).isEqualTo("unknown office 'Lisbon'; ask support to add it in column 'Office' (F)");
		assertThat(rejects.get("8").get("Employee Id")).isEqualTo("E07");
		assertThat(rejects.get("11").get("Error")).isEqualTo("email 'ben.carter@acme.example' already appears in row 3 of this file");
		assertThat(rejects.get("12").get("Error")).isEqualTo("email 'tom@globex.example' belongs to a user outside this account");
		assertThat(rejects.get("13").get("Error")).isEqualTo("unknown language 'fr'; use en or es in column 'Language' (H)");
		assertThat(count("select count(*) from sync_roster_row")).isZero();
		// the emails it queued were delivered at its end, as import-users does
		assertThat(result.count("sent")).isEqualTo(count("select count(*) from email_outbox where status = 'SENT'"))
			.isPositive();
		assertThat(count("select count(*) from email_outbox o join account a on a.id = o.account_id "
				+ "where a.slug = 'acme' and o.status = 'QUEUED'")).isZero();
		assertThat(MailServer.received()).extracting(MailServer.Received::to).contains("kim.new@acme.example");
	}

	@Test
	void everySyncDiffsAgainstTheUsersAsTheyAreSoTheSameRosterAgainUndoesWhatCameBetween() throws Exception {
		// given: roster A, then roster B, which adds Bob
		givenStaff();
		Path rosterA = TestFiles.csv(this.temp, "a.csv", "Email,First Name,Last Name", "ana.lopez@acme.example,Ana,López",
				"ben.carter@acme.example,Ben,Carter", "carla.ruiz@acme.example,Carla,Ruiz",
				"dan.okafor@acme.example,Dan,Okafor", "eva.novak@acme.example,Eva,Novák", "fay.wong@acme.example,Fay,Wong",
				"gus.berg@acme.example,Gus,Berg", "hana.sato@acme.example,Hana,Sato", "ivan.petrov@acme.example,Ivan,Petrov",
				"jane.doe@acme.example,Jane,Doe");
		Path rosterB = this.temp.resolve("b.csv");
		Files.writeString(rosterB, Files.readString(rosterA) + "bob.new@acme.example,Bob,New\n");
		Path copyOfA = Files.copy(rosterA, this.temp.resolve("a-again.csv"));
		Result first = roster("sync-roster", "--account", "acme", "--no-deliver", "--file", rosterA.toString());
		Result second = roster("sync-roster", "--account", "acme", "--no-deliver", "--file", rosterB.toString());
		assertThat(statuses()).containsEntry("bob.new@acme.example", "ACTIVE");

		// when: A again, byte for byte
		Result again = roster("sync-roster", "--account", "acme", "--no-deliver", "--json", "--file",
				copyOfA.toString());

		// then: Bob is gone again; it was a sync like any other, not an "already completed"
		assertThat(first.out()).contains("COMPLETED read=10 created=0 updated=0 reactivated=0 terminated=0 unchanged=10");
		assertThat(first.err()).contains("the account already matches the roster; nothing changed");
		assertThat(second.out()).contains("COMPLETED read=11 created=1 updated=0 reactivated=0 terminated=0");
		assertThat(again.exitCode()).isZero();
		assertThat(again.out()).contains("\"status\":\"COMPLETED\"").contains("\"terminated\":1,")
			.contains("\"created\":0,").contains("\"previous_execution_id\":null");
		assertThat(statuses()).containsEntry("bob.new@acme.example", "TERMINATED");
		assertThat(count("select count(*) from termination_snapshot")).isEqualTo(1);

		// and A once more: nothing to change, and it says so
		long codes = count("select count(*) from access_code");
		Result unchanged = roster("sync-roster", "--account", "acme", "--no-deliver", "--file", rosterA.toString());
		assertThat(unchanged.exitCode()).isZero();
		assertThat(unchanged.out()).startsWith("sync-roster acme: COMPLETED read=10 created=0 updated=0 reactivated=0 "
				+ "terminated=0 unchanged=10 rejected=0");
		assertThat(unchanged.err()).contains("the account already matches the roster; nothing changed");
		assertThat(count("select count(*) from access_code")).isEqualTo(codes);
		assertThat(count("select count(*) from termination_snapshot")).isEqualTo(1);
		assertThat(count("select count(*) from sync_roster_row")).isZero();
	}

	@Test
	void twoSyncsOfOneAccountNeverApplyAtTheSameTime() throws Exception {
		// given: another transaction holds the account's sync lock, as a sync applying its diff does
		givenStaff();
		long acme = this.accounts.find("acme").orElseThrow().id();
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService other = Executors.newSingleThreadExecutor();
		try {
			Future<?> holder = other.submit(() -> {
				new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
					this.jdbc.queryForList("select pg_advisory_xact_lock(?, ?)", SyncRosterDiff.LOCK_CLASS, (int) acme);
					locked.countDown();
					try {
						release.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
				return null;
			});
			assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

			// when
			Future<Result> sync = Executors.newSingleThreadExecutor().submit(() -> sync("syncroster/roster-five-gone.csv"));

			// then: it staged the roster, and waits to diff until the other one committed
			Thread.sleep(1500);
			assertThat(sync).isNotDone();
			assertNothingTerminated();
			release.countDown();
			holder.get(10, TimeUnit.SECONDS);
			Result result = sync.get(30, TimeUnit.SECONDS);
			assertThat(result.exitCode()).isZero();
			assertThat(result.out()).contains("terminated=5");
		}
		finally {
			release.countDown();
			other.shutdownNow();
		}
	}

	@Test
	void guardStopsAMassTerminationThenEachOverrideApprovesIt() {
		// given: ten active users; the roster lists four, so six would go (more than 20% and more than 5)
		givenStaff();
		// the dry run of a sync the guard would stop says so, the same way
		Result wouldStop = sync("syncroster/roster-six-gone.csv", "--dry-run");
		assertThat(wouldStop.exitCode()).isEqualTo(3);
		assertThat(wouldStop.err()).contains("dry run: the sync would stop");
		assertThat(wouldStop.field("report")).endsWith("-plan.csv");

		Result tripped = sync("syncroster/roster-six-gone.csv");

		assertThat(tripped.exitCode()).isEqualTo(3);
		assertThat(tripped.out()).startsWith("sync-roster acme: STOPPED read=4 created=0 updated=0 reactivated=0 "
				+ "terminated=6 unchanged=4 rejected=0");
		assertThat(tripped.err()).contains("it would terminate 6 of 10 users (60%)")
			.contains("nothing was changed")
			.contains("--max-terminations 6")
			.contains("--allow-mass-termination");
		assertNothingTerminated();
		// the plan lists every user it would terminate
		Map<String, Map<String, String>> plan = TestFiles.reportBy(tripped.field("report"), "Email");
		assertThat(plan).containsKeys("eva.novak@acme.example", "jane.doe@acme.example");
		assertThat(plan.get("jane.doe@acme.example")).containsEntry("Action", "terminate")
			.containsEntry("Row", "")
			.containsEntry("First Name", "Jane")
			.containsEntry("Error", "not in the roster");
		assertThat(plan.get("ana.lopez@acme.example")).containsEntry("Action", "none").containsEntry("Row", "2");

		// a stopped run is not a completed one: the same command stops again
		Result again = sync("syncroster/roster-six-gone.csv");
		assertThat(again.exitCode()).isEqualTo(3);
		assertThat(again.out()).startsWith("sync-roster acme: STOPPED");
		Result tooFew = sync("syncroster/roster-six-gone.csv", "--max-terminations", "5");
		assertThat(tooFew.exitCode()).isEqualTo(3);
		assertThat(tooFew.err()).contains("more than --max-terminations 5 allows");
		assertNothingTerminated();

		Result approved = sync("syncroster/roster-six-gone.csv", "--max-terminations", "6");

		assertThat(approved.exitCode()).isZero();
		assertThat(approved.out()).contains("COMPLETED read=4 created=0 updated=0 reactivated=0 terminated=6");
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isEqualTo(6);
		// the roster is a desired state: the same file again syncs again, and finds nothing to do
		assertThat(sync("syncroster/roster-six-gone.csv", "--max-terminations", "6").out())
			.startsWith("sync-roster acme: COMPLETED").contains("terminated=0");
		assertThat(sync("syncroster/roster-six-gone.csv").out()).contains("COMPLETED").contains("terminated=0");
	}

	@Test
	void allowMassTerminationApprovesAnyNumber() {
		givenStaff();
		assertThat(sync("syncroster/roster-six-gone.csv").exitCode()).isEqualTo(3);

		Result approved = sync("syncroster/roster-six-gone.csv", "--allow-mass-termination");

		assertThat(approved.exitCode()).isZero();
		assertThat(approved.out()).contains("terminated=6");
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isEqualTo(6);
		assertThat(roster("sync-roster", "--account", "acme", "--allow-mass-termination", "--max-terminations", "3",
				"--file", fixture("syncroster/roster-six-gone.csv").toString()).exitCode()).isEqualTo(2);
	}

	@Test
	void terminationsWithinTheGuardGoAhead() {
		// five of ten: more than 20%, but not more than the minimum of five
		givenStaff();

		Result result = sync("syncroster/roster-five-gone.csv");

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("COMPLETED read=5 created=0 updated=0 reactivated=0 terminated=5");
	}

	@Test
	void rowsRejectedForABadValueStillKeepTheirUsers() {
		givenStaff();

		Result result = sync("syncroster/roster-all-bad-office.csv", "--allow-mass-termination");

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("read=10 created=0 updated=0 reactivated=0 terminated=0 unchanged=0 rejected=10");
		assertNothingTerminated();
	}

	@Test
	void aFileWithNoValidRowsNeverTerminatesAnyoneWhateverTheOptions() {
		givenStaff();

		Result result = sync("syncroster/roster-header-only.csv", "--allow-mass-termination");

		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.out()).startsWith("sync-roster acme: STOPPED read=0");
		assertThat(result.err()).contains("no valid rows");
		assertNothingTerminated();
	}

	@Test
	void aFileThatLostEmailsTerminatesNoOneAbsentWhateverTheOptions() {
		// six rows lost their email (blank, '#N/A', no domain): their users look absent, but the file cannot say so
		givenStaff();

		Result result = sync("syncroster/roster-lost-emails.csv", "--allow-mass-termination");

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("read=10 created=0 updated=0 reactivated=0 terminated=0 unchanged=4 rejected=6");
		assertThat(result.err()).contains("6 users not in the roster were not terminated (whatever the options): "
				+ "rows 6, 7, 8, 9, 10 and 11 were rejected for their email, so this file cannot show who is absent");
		assertNothingTerminated();
	}

	@Test
	void aRowRejectedForItsEmailKeepsAbsentUsersButTheRestOfTheRosterApplies() {
		// given: the full roster of the first test, plus one row whose email cell is empty
		givenStaff();
		roster("terminate", "--account", "acme", "--file",
				TestFiles.csv(this.temp, "hana.csv", "Email", "hana.sato@acme.example").toString());
		roster("terminate", "--account", "acme", "--file", TestFiles.csv(this.temp, "later.csv",
				"Email,Termination Date", "eva.novak@acme.example,2099-01-31").toString());
		Path dated = this.temp.resolve("roster-dated.csv");
		writeWithEvaLeaving(fixture("syncroster/roster-blank-email.csv"), dated);

		// when
		Result plan = roster("sync-roster", "--account", "acme", "--dry-run", "--file", dated.toString());
		Result result = roster("sync-roster", "--account", "acme", "--max-terminations", "100", "--file",
				dated.toString());

		// then: creates, updates, the rehire and the dated termination apply; Ivan and Jane, absent, stay
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("sync-roster acme: COMPLETED read=12 created=1 updated=3 reactivated=1 "
				+ "terminated=1 unchanged=2 rejected=4");
		assertThat(statuses()).containsEntry("ivan.petrov@acme.example", "ACTIVE")
			.containsEntry("jane.doe@acme.example", "ACTIVE")
			.containsEntry("eva.novak@acme.example", "TERMINATED")
			.containsEntry("kim.new@acme.example", "ACTIVE")
			.containsEntry("hana.sato@acme.example", "ACTIVE");
		assertThat(count("select count(*) from termination_snapshot where snapshot->>'reason' = 'sync-roster: not in the roster'"))
			.isZero();
		assertThat(result.err()).contains("2 users not in the roster were not terminated (whatever the options): "
				+ "row 13 was rejected for its email, so this file cannot show who is absent; fix that row and sync again");
		Map<String, Map<String, String>> rejects = TestFiles.reportBy(result.field("report"), "Row");
		assertThat(rejects.get("13").get("Error")).isEqualTo("missing email in column 'Email' (A)");
		// the plan says the same, user by user
		assertThat(plan.err()).contains("2 users not in the roster were not terminated");
		Map<String, Map<String, String>> lines = TestFiles.reportBy(plan.field("report"), "Email");
		assertThat(lines.get("ivan.petrov@acme.example")).containsEntry("Action", "none").containsEntry("Row", "");
		assertThat(lines.get("ivan.petrov@acme.example").get("Error"))
			.isEqualTo("not in the roster, but not terminated: row 13 was rejected for its email, so this file "
					+ "cannot show who is absent");
		assertThat(lines.get("eva.novak@acme.example")).containsEntry("Action", "terminate");
	}

	@Test
	void invisibleCharactersAroundOrInsideAnEmailAreRemovedAndTheRowNamesItsUser() {
		// given: Ben's address pasted with a left-to-right mark after it, Carla's with a zero-width space inside it,
		// Dan's with a no-break space, Eva's with a right-to-left mark; the rest of the staff as they are
		givenStaff();
		Path roster = TestFiles.csv(this.temp, "pasted.csv", "Email,First Name,Last Name",
				"ana.lopez@acme.example,Ana,López", "ben.carter@acme.example\u200E,Ben,Carter",
				"carla\u200B.ruiz@acme.example,Carla,Ruiz", "dan.okafor\u00A0@acme.example,Dan,Okafor",
				"eva.novak@acme.example\u200F,Eva,Novák", "fay.wong@acme.example,Fay,Wong", "gus.berg@acme.example,Gus,Berg",
				"hana.sato@acme.example,Hana,Sato", "ivan.petrov@acme.example,Ivan,Petrov", "jane.doe@acme.example,Jane,Doe");

		Result plan = roster("sync-roster", "--account", "acme", "--dry-run", "--file", roster.toString());
		Result result = roster("sync-roster", "--account", "acme", "--file", roster.toString());

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("read=10 created=0 updated=0 reactivated=0 terminated=0 unchanged=10 rejected=0");
		assertThat(result.err()).contains("invisible characters were removed from the email of 4 rows before "
				+ "reading it (rows 3, 4, 5 and 6)");
		assertNothingTerminated();
		assertThat(count("select count(*) from app_user where email like '%\u200E%' or email like '%\u200B%'")).isZero();
		Map<String, Map<String, String>> lines = TestFiles.reportBy(plan.field("report"), "Row");
		assertThat(lines.get("3")).containsEntry("Action", "none")
			.containsEntry("Error", "invisible characters removed from the email");
		assertThat(lines.get("2").get("Error")).isEmpty();
	}

	@Test
	void dryRunWritesTheFullPlanAndChangesNothing() {
		givenStaff();
		roster("terminate", "--account", "acme", "--file",
				TestFiles.csv(this.temp, "hana.csv", "Email", "hana.sato@acme.example").toString());
		long codes = count("select count(*) from access_code");
		long emails = count("select count(*) from email_outbox");

		Result plan = sync("syncroster/roster.csv", "--dry-run");

		assertThat(plan.exitCode()).isZero();
		assertThat(plan.out()).contains("COMPLETED read=12 created=1 updated=3 reactivated=1 terminated=2 unchanged=3 rejected=4");
		Map<String, Map<String, String>> lines = TestFiles.reportBy(plan.field("report"), "Email");
		assertThat(lines.get("ben.carter@acme.example")).containsEntry("Action", "update")
			.containsEntry("Error", "first name 'Ben' -> 'Benjamin'");
		assertThat(lines.get("carla.ruiz@acme.example").get("Error")).isEqualTo("office 'Madrid' -> 'London'");
		assertThat(lines.get("fay.wong@acme.example").get("Error")).isEqualTo("termination scheduled for 2099-12-31");
		assertThat(lines.get("hana.sato@acme.example")).containsEntry("Action", "reactivate");
		assertThat(lines.get("hana.sato@acme.example").get("Error")).startsWith("rehired").contains("group 'Engineering' -> 'Sales'");
		assertThat(lines.get("kim.new@acme.example")).containsEntry("Action", "create").containsEntry("Row", "10");
		assertThat(lines.get("ivan.petrov@acme.example")).containsEntry("Action", "terminate").containsEntry("Row", "");
		assertThat(lines.get("jane.doe@acme.example")).containsEntry("Action", "terminate");
		assertThat(lines.get("gus.berg@acme.example")).containsEntry("Action", "rejected");
		assertThat(lines.get("DAN.OKAFOR@acme.example")).containsEntry("Action", "none");
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isEqualTo(1);
		assertThat(count("select count(*) from app_user where email = 'kim.new@acme.example'")).isZero();
		assertThat(field("ben.carter@acme.example", "first_name")).isEqualTo("Ben");
		assertThat(count("select count(*) from access_code")).isEqualTo(codes);
		assertThat(count("select count(*) from email_outbox")).isEqualTo(emails);

		assertThat(sync("syncroster/roster.csv").out()).contains("COMPLETED").contains("created=1");
	}

	@Test
	void aRosterWithATerminationDateColumnCancelsTheScheduledTerminationOfAUserItKeeps() {
		givenStaff();
		roster("terminate", "--account", "acme", "--file", TestFiles.csv(this.temp, "later.csv",
				"Email,Termination Date", "ana.lopez@acme.example,2099-03-31").toString());
		assertThat(statuses()).containsEntry("ana.lopez@acme.example", "ACTIVE 2099-03-31");

		// a roster without the column lists people still employed, leavers-to-be included: the date stays
		Result withoutColumn = sync("syncroster/roster-five-gone.csv");
		assertThat(withoutColumn.out()).contains("COMPLETED").contains("unchanged=5");
		assertThat(statuses()).containsEntry("ana.lopez@acme.example", "ACTIVE 2099-03-31");

		Result result = sync("syncroster/roster.csv", "--dry-run");
		Result applied = sync("syncroster/roster.csv");

		assertThat(TestFiles.reportBy(result.field("report"), "Email").get("ana.lopez@acme.example"))
			.containsEntry("Action", "update")
			.containsEntry("Error", "scheduled termination on 2099-03-31 cancelled");
		assertThat(applied.exitCode()).isZero();
		assertThat(statuses()).containsEntry("ana.lopez@acme.example", "ACTIVE");
	}

	@Test
	void aSyncThatFailsMidwayChangesNothingAndTheSameCommandRunsItAgain() {
		givenStaff();
		try (Refusal refusal = refuse("termination_snapshot", "new.snapshot->>'email' = 'jane.doe@acme.example'",
				"disk full (simulated)")) {
			Result failed = sync("syncroster/roster.csv");
			assertThat(failed.exitCode()).isEqualTo(1);
			assertThat(failed.err()).contains("disk full (simulated)");
		}
		// all or nothing: the creates, updates and terminations before the failure were rolled back
		assertThat(count("select count(*) from app_user where email = 'kim.new@acme.example'")).isZero();
		assertThat(field("ben.carter@acme.example", "first_name")).isEqualTo("Ben");
		assertNothingTerminated();
		// and then as if killed: the execution still marked as running, its staged rows lost with the database
		this.jdbc.update("update batch_job_execution set status = 'STARTED', end_time = null where job_instance_id in "
				+ "(select job_instance_id from batch_job_instance where job_name = 'syncRosterJob')");
		this.jdbc.update("update batch_step_execution set status = 'STARTED', end_time = null "
				+ "where step_name = 'syncRosterApplyStep'");
		this.jdbc.update("truncate sync_roster_row");

		Result resumed = sync("syncroster/roster.csv");

		assertThat(resumed.exitCode()).isZero();
		assertThat(resumed.out()).contains("COMPLETED read=12 created=1 updated=4 reactivated=0 terminated=2 "
				+ "unchanged=3 rejected=4");
		assertThat(count("select count(*) from termination_snapshot")).isEqualTo(2);
		assertThat(count("select count(*) from sync_roster_row")).isZero();
	}

	@Test
	void aDeliveryThatFailsAtTheEndIsResumedWithoutSyncingAgain() {
		givenStaff();
		MailServer.stop();
		Result down;
		try {
			down = sync("syncroster/roster.csv");
		}
		finally {
			MailServer.start();
		}
		// the sync itself was applied; only its emails wait
		assertThat(down.exitCode()).isEqualTo(1);
		assertThat(down.out()).startsWith("sync-roster acme: FAILED read=12 created=1 updated=4 reactivated=0 "
				+ "terminated=2 unchanged=3 rejected=4 sent=0 failed=0");
		assertThat(down.err()).contains("emails stay queued").contains("run the same command again to resume");
		assertThat(statuses()).containsEntry("kim.new@acme.example", "ACTIVE")
			.containsEntry("jane.doe@acme.example", "TERMINATED");
		long snapshots = count("select count(*) from termination_snapshot");

		Result resumed = sync("syncroster/roster.csv");

		assertThat(resumed.exitCode()).isZero();
		assertThat(resumed.out()).startsWith("sync-roster acme: COMPLETED read=12 created=1 updated=4 reactivated=0 "
				+ "terminated=2 unchanged=3 rejected=4 sent=");
		assertThat(MailServer.received()).extracting(MailServer.Received::to).contains("kim.new@acme.example");
		assertThat(count("select count(*) from termination_snapshot")).isEqualTo(snapshots);
		assertThat(count("select count(*) from sync_roster_row")).isZero();
		assertThat(count("select count(*) from batch_step_execution where step_name = 'syncRosterStageStep'")).isEqualTo(1);
	}

	@Test
	void aRosterWithoutTheNameColumnsIsRejectedAsAWhole() {
		givenStaff();

		Result result = sync("syncroster/roster-no-last-name.csv", "--allow-mass-termination");

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("missing required column");
		assertNothingTerminated();
		assertThat(roster("sync-roster", "--help").out()).contains("--allow-mass-termination")
			.contains("--max-terminations")
			.contains("--no-deliver");
	}

	/** The roster with a Termination Date column for Eva, today: she leaves with this sync. */
	private static void writeWithEvaLeaving(Path from, Path to) {
		try {
			String roster = Files.readString(from).replace("eva.novak@acme.example,Eva,Novák,Premium,Sales,London,,English,,E05",
					"eva.novak@acme.example,Eva,Novák,Premium,Sales,London,,English," + java.time.LocalDate.now() + ",E05");
			Files.writeString(to, roster);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private void givenStaff() {
		createAcme();
		createGlobex();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("syncroster/staff.csv").toString());
		roster("import-users", "--account", "globex", "--no-deliver", "--file",
				TestFiles.csv(this.temp, "globex.csv", "Email,First Name,Last Name", "tom@globex.example,Tom,Taken")
					.toString());
	}

	private Result sync(String fixture, String... options) {
		List<String> args = new java.util.ArrayList<>(List.of("sync-roster", "--account", "acme", "--file",
				fixture(fixture).toString()));
		args.addAll(List.of(options));
		return roster(args.toArray(String[]::new));
	}

	private void assertNothingTerminated() {
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isZero();
		assertThat(count("select count(*) from termination_snapshot")).isZero();
		assertThat(count("select count(*) from access_code where retired_at is not null")).isZero();
	}

	private String field(String email, String expression) {
		return this.jdbc.queryForObject("select " + expression + " from app_user where email = ?", String.class, email);
	}

}
