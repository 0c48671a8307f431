package dev.roster.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.roster.IntegrationTest;
import dev.roster.MailServer;
import dev.roster.RosterHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.integration.jdbc.metadata.JdbcMetadataStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code roster serve} in the test's application context: real files in {@code $ROSTER_HOME/inbox}, real jobs, the
 * embedded PostgreSQL. Settle time and polling are short so each test takes a second or two.
 */
class DropFolderTests extends IntegrationTest {

	private static final Duration SETTLE = Duration.ofMillis(300);

	private static final Duration WAIT = Duration.ofSeconds(60);

	@Autowired
	Serve serve;

	@Autowired
	RosterHome home;

	@Autowired
	DataSource dataSource;

	@Autowired
	InboxHealthIndicator health;

	@Autowired
	JdbcMetadataStore metadataStore;

	@TempDir
	Path temp;

	Path inbox;

	String today;

	@BeforeEach
	void emptyFolders() throws IOException {
		for (String folder : List.of("inbox", "work", "archive", "failed", "reports")) {
			delete(this.home.home().resolve(folder));
		}
		this.inbox = this.home.home().resolve("inbox").toAbsolutePath();
		this.today = LocalDate.now().toString();
	}

	@AfterEach
	void stopServing() {
		this.serve.stop();
	}

	@Test
	void fileWrittenAsPartThenRenamedIsImportedAndArchivedWithItsReport() throws IOException {
		createAcme();
		this.serve.start(settings(false, 2));
		Path part = dropFolder("acme", "import-users").resolve("invites.csv.part");
		Files.copy(fixture("importusers/invites.csv"), part);

		// a .part file is never taken, however long it waits
		await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> Files.exists(part) && instances() == 0);
		Files.move(part, part.resolveSibling("invites.csv"));

		Path archived = archive("acme", "import-users").resolve("invites.csv");
		await().atMost(WAIT).until(() -> Files.exists(archived));
		assertThat(count("select count(*) from app_user where status = 'ACTIVE'")).isEqualTo(6);
		assertThat(archive("acme", "import-users")).isDirectoryContaining("regex:.*/import-users-[0-9]+-rejects\\.csv");
		assertThat(dropFolder("acme", "import-users")).isEmptyDirectory();
		assertThat(count("select count(*) from int_metadata_store")).isZero();
		// the launch history names the door, and the file by its name in the drop folder
		assertThat(this.jdbc.queryForList("select door || ' ' || launched_by || ' ' || file_name || ' ' || status "
				+ "from job_launch", String.class)).containsExactly("drop-folder drop-folder invites.csv COMPLETED");
	}

	@Test
	void fileStillGrowingIsNotTakenUntilItStops() throws Exception {
		createAcme();
		Path growing = dropFolder("acme", "import-users").resolve("growing.csv");
		Files.writeString(growing, "Email,First Name,Last Name\n");
		AtomicInteger rows = new AtomicInteger();
		ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
		writer.scheduleAtFixedRate(() -> append(growing, "grow" + rows.incrementAndGet() + "@acme.example,Gro,Wing\n"),
				0, 50, TimeUnit.MILLISECONDS);
		try {
			this.serve.start(settings(false, 2));
			// written to every 50 ms: never unchanged for the settle time
			await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> instances() == 0);
		}
		finally {
			writer.shutdown();
			assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}

		await().atMost(WAIT).until(() -> Files.exists(archive("acme", "import-users").resolve("growing.csv")));
		assertThat(count("select count(*) from app_user")).isEqualTo(rows.get());
	}

	@Test
	void withDoneMarkersAFileIsTakenOnlyOnceItsMarkerExists() throws IOException {
		createAcme();
		this.serve.start(new InboxProperties(SETTLE, true, 2, Duration.ofMillis(100), WAIT, Duration.ofHours(1),
				this.temp.resolve("serve.yaml")));
		Path file = dropFolder("acme", "import-users").resolve("invites.csv");
		Files.copy(fixture("importusers/invites.csv"), file);

		await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> Files.exists(file) && instances() == 0);
		Files.writeString(file.resolveSibling("invites.csv.done"), "");

		await().atMost(WAIT).until(() -> Files.exists(archive("acme", "import-users").resolve("invites.csv")));
		assertThat(count("select count(*) from app_user")).isEqualTo(6);
		assertThat(dropFolder("acme", "import-users")).isEmptyDirectory();
	}

	@Test
	void sameContentDroppedAgainIsArchivedAsADuplicateAndNotRun() throws IOException {
		createAcme();
		// imported by hand first: the drop folder must see the very same job instance
		roster("import-users", "--account", "acme", "--file", fixture("importusers/invites-updated.csv").toString());
		this.serve.start(settings(false, 2));
		Files.copy(fixture("importusers/invites.csv"), dropFolder("acme", "import-users").resolve("first.csv"));
		await().atMost(WAIT).until(() -> Files.exists(archive("acme", "import-users").resolve("first.csv")));

		Files.copy(fixture("importusers/invites.csv"), dropFolder("acme", "import-users").resolve("again.csv"));
		Files.copy(fixture("importusers/invites-updated.csv"), dropFolder("acme", "import-users").resolve("hand.csv"));

		Path again = archive("acme", "import-users").resolve("again.csv.duplicate.txt");
		Path hand = archive("acme", "import-users").resolve("hand.csv.duplicate.txt");
		await().atMost(WAIT).until(() -> Files.exists(again) && Files.exists(hand));
		assertThat(archive("acme", "import-users").resolve("again.csv")).exists();
		assertThat(Files.readString(again)).contains("Not run: the same content").contains("already processed");
		long byHand = count("select min(job_execution_id) from batch_job_execution");
		assertThat(Files.readString(hand)).contains("already processed by execution " + byHand);
		assertThat(count("select count(*) from batch_job_execution")).isEqualTo(2);
		assertThat(count("select count(*) from email_outbox")).isEqualTo(7);
	}

	@Test
	void rejectedFileGoesToFailedWithItsReason() throws IOException {
		createAcme();
		this.serve.start(settings(false, 2));
		Files.copy(fixture("importusers/invites-no-email-column.csv"),
				dropFolder("acme", "import-users").resolve("no-email.csv"));

		Path error = failed("acme", "import-users").resolve("no-email.csv.error.txt");
		await().atMost(WAIT).until(() -> Files.exists(error));
		assertThat(failed("acme", "import-users").resolve("no-email.csv")).exists();
		assertThat(Files.readString(error)).startsWith("no-email.csv was not processed: the file was rejected as a whole")
			.contains("missing required columns 'Email'")
			.contains("Correct the file and drop it again into inbox/acme/import-users/");
		assertThat(count("select count(*) from app_user")).isZero();
	}

	@Test
	void unknownFoldersAreReportedAndLeftAlone() throws IOException {
		createAcme();
		this.serve.start(settings(false, 2));
		Path stray = Files.createDirectories(this.inbox.resolve("nope/import-users")).resolve("x.csv");
		Files.copy(fixture("importusers/invites.csv"), stray);
		Path odd = Files.createDirectories(this.inbox.resolve("acme/imports")).resolve("y.csv");
		Files.copy(fixture("importusers/invites.csv"), odd);

		await().atMost(WAIT).until(() -> this.health.health(true).getDetails().containsKey("unusedPaths"));
		Health health = this.health.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails().get("unusedPaths").toString()).contains("inbox/nope: no account 'nope'")
			.contains("inbox/acme/imports: no job 'imports'");
		assertThat(stray).exists();
		assertThat(odd).exists();
		assertThat(count("select count(*) from app_user")).isZero();
		// every account gets every drop folder of SPEC §6
		assertThat(this.inbox.resolve("acme")).isDirectoryContaining((path) -> path.endsWith("sync-roster"))
			.isDirectoryContaining((path) -> path.endsWith("import-delegates"))
			.isDirectoryContaining((path) -> path.endsWith("send-emails"));
	}

	@Test
	void accountsRunInParallelAndOneAccountsFilesOneAtATimeInArrivalOrder() throws Exception {
		createAcme();
		createGlobex();
		this.accounts.define(new dev.roster.account.AccountDefinition("initech", "Initech", List.of(), List.of(),
				List.of(), null, null));
		Path acmeFirst = drop("acme", "first.csv", users("a", 1, 300), Instant.now().minusSeconds(30));
		Path acmeSecond = drop("acme", "second.csv", users("a", 301, 600), Instant.now().minusSeconds(20));
		drop("globex", "g.csv", users("g", 1, 300), Instant.now().minusSeconds(10));
		drop("initech", "i.csv", users("i", 1, 300), Instant.now().minusSeconds(10));
		try (Connection blocker = this.dataSource.getConnection(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			// every job waits at its first write until the test lets go
			statement.execute("lock table app_user in share mode");
			this.serve.start(settings(false, 2));

			// two accounts run at once, up to max-parallel-jobs; acme's second file waits for its first
			await().atMost(WAIT).until(() -> count("select count(*) from batch_job_execution where status = 'STARTED'") == 2);
			await().during(Duration.ofSeconds(1)).atMost(WAIT)
				.until(() -> count("select count(*) from batch_job_execution") == 2);
			assertThat(this.jdbc.queryForList("""
					select p.parameter_value from batch_job_execution_params p
					where p.parameter_name = 'account' order by p.parameter_value""", String.class))
				.containsExactly("acme", "globex");
			blocker.rollback();
		}

		await().atMost(WAIT).until(() -> count("select count(*) from batch_job_execution where status = 'COMPLETED'") == 4);
		// filed just after its execution completed
		await().atMost(WAIT).until(() -> Files.exists(archive("acme", "import-users").resolve("second.csv")));
		assertThat(count("select count(*) from app_user")).isEqualTo(1200);
		List<Map<String, Object>> acme = this.jdbc.queryForList("""
				select p.parameter_value file, e.start_time, e.end_time from batch_job_execution e
				join batch_job_execution_params p on p.job_execution_id = e.job_execution_id and p.parameter_name = 'file'
				where p.parameter_value like '%/acme/%' order by e.start_time""");
		assertThat(acme).extracting((row) -> Path.of((String) row.get("file")).getFileName().toString())
			.containsExactly(acmeFirst.getFileName().toString(), acmeSecond.getFileName().toString());
		// one at a time: the second started after the first had ended
		assertThat(((java.sql.Timestamp) acme.get(1).get("start_time")).toInstant())
			.isAfterOrEqualTo(((java.sql.Timestamp) acme.get(0).get("end_time")).toInstant());
	}

	@Test
	void stoppingLeavesTheRunningJobInTheWorkFolderAndTheNextStartResumesIt() throws IOException {
		createAcme();
		// the 6,000 emails stay queued: this test is about the import's resumption, not about delivery
		Files.writeString(this.temp.resolve("serve.yaml"), """
				accounts:
				  acme:
				    options:
				      import-users:
				        no-deliver: true
				""");
		Path file = drop("acme", "big.csv", users("big", 1, 6000), Instant.now().minusSeconds(60));
		this.serve.start(settings(false, 2));
		await().atMost(WAIT).until(() -> count("select count(*) from app_user") >= 500);

		this.serve.stop();

		// taken: out of the inbox, waiting in the work folder with Roster's copy
		assertThat(file).doesNotExist();
		assertThat(workFiles("acme", "import-users")).singleElement()
			.satisfies((copy) -> assertThat(copy.getFileName()).hasToString("big.csv"));
		assertThat(this.jdbc.queryForObject("select status from batch_job_execution", String.class)).isEqualTo("STOPPED");
		long before = count("select count(*) from app_user");
		assertThat(before).isLessThan(6000);

		this.serve.start(settings(false, 2));
		await().atMost(WAIT).until(() -> Files.exists(archive("acme", "import-users").resolve("big.csv")));
		assertThat(workFiles("acme", "import-users")).isEmpty();
		assertThat(count("select count(*) from app_user")).isEqualTo(6000);
		assertThat(count("select count(*) from email_outbox")).isEqualTo(6000);
		// resumed, not restarted: the second execution read only what the first had not committed
		assertThat(count("""
				select s.read_count from batch_step_execution s where s.step_name = 'importUsersStep'
				and s.job_execution_id = (select max(job_execution_id) from batch_job_execution)""")).isEqualTo(6000 - before);
	}

	@Test
	void scheduleDeliversTheNewestCompleteFileOfItsFolderOnceAndTheDropFolderRunsIt() throws IOException {
		createAcme();
		Path hr = Files.createDirectories(this.temp.resolve("hr-exports"));
		write(hr.resolve("monday.csv"), users("mon", 1, 3), Instant.now().minusSeconds(3600));
		write(hr.resolve("tuesday.csv"), users("tue", 1, 5), Instant.now().minusSeconds(600));
		Files.writeString(hr.resolve("wednesday.csv.part"), users("wed", 1, 9));
		Path settings = this.temp.resolve("serve.yaml");
		Files.writeString(settings, """
				accounts:
				  acme:
				    options:
				      import-users:
				        mode: invite
				    schedules:
				      new-hires:
				        cron: "* * * * * *"
				        run: import-users
				        from: %s
				""".formatted(hr));
		this.serve.start(new InboxProperties(SETTLE, false, 2, Duration.ofMillis(100), WAIT, Duration.ofHours(1),
				settings));

		await().atMost(WAIT).until(() -> Files.exists(archive("acme", "import-users").resolve("tuesday.csv")));
		assertThat(this.jdbc.queryForList("select email from app_user where status = 'INVITED' order by email",
				String.class)).hasSize(5).allMatch((email) -> email.startsWith("tue"));
		// it fires every second: once processed, the same file is not delivered again
		await().during(Duration.ofSeconds(2)).atMost(WAIT)
			.until(() -> count("select count(*) from batch_job_execution") == 1
					&& isEmpty(dropFolder("acme", "import-users")));
		assertThat(hr.resolve("tuesday.csv")).exists();
	}

	@Test
	void settingsThatCannotRunStopTheStart() throws IOException {
		createAcme();
		Path settings = this.temp.resolve("serve.yaml");
		Files.writeString(settings, """
				accounts:
				  acme:
				    schedules:
				      nightly:
				        cron: "0 0 2 * * *"
				        run: sync-roster
				""");
		InboxProperties properties = new InboxProperties(SETTLE, false, 2, Duration.ofMillis(100), WAIT,
				Duration.ofHours(1), settings);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> this.serve.start(properties))
			.isInstanceOf(ServeSettingsException.class)
			.hasMessage("serve.yaml accounts.acme.schedules.nightly: 'from' is required");
		assertThat(this.serve.isRunning()).isFalse();
	}

	@Test
	void terminateReactivateAndDelegateFilesRunTheirJobsWithTheAccountsOptions() throws IOException {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("reactivate/staff.csv").toString());
		Files.writeString(this.temp.resolve("serve.yaml"), """
				accounts:
				  acme:
				    options:
				      reactivate:
				        no-deliver: true
				      import-delegates:
				        replace: true
				""");
		this.serve.start(settings(false, 2));

		dropAndAwaitArchived("acme", "terminate", "leavers.csv", Files.readString(fixture("reactivate/leavers.csv")));
		assertThat(statuses()).containsEntry("ben.carter@acme.example", "TERMINATED")
			.containsEntry("dan.okafor@acme.example", "TERMINATED")
			.containsEntry("ana.lopez@acme.example", "ACTIVE");
		// the report of the row naming another account's user is filed beside the file
		assertThat(archive("acme", "terminate")).isDirectoryContaining("regex:.*/terminate-[0-9]+-rejects\\.csv");

		dropAndAwaitArchived("acme", "reactivate", "rehires.csv", "Email\nben.carter@acme.example\n");
		assertThat(statuses()).containsEntry("ben.carter@acme.example", "ACTIVE")
			.containsEntry("dan.okafor@acme.example", "TERMINATED");
		// no-deliver: the activation email waits in the outbox
		assertThat(count("""
				select count(*) from email_outbox o join app_user u on u.id = o.user_id
				where u.email = 'ben.carter@acme.example' and o.status = 'QUEUED'""")).isOne();

		dropAndAwaitArchived("acme", "import-delegates", "first.csv", """
				Host Email,Delegate Email
				ana.lopez@acme.example,ben.carter@acme.example
				ana.lopez@acme.example,carla.ruiz@acme.example
				""");
		// replace: the second file is ana's whole list
		dropAndAwaitArchived("acme", "import-delegates", "second.csv", """
				Host Email,Delegate Email
				ana.lopez@acme.example,eva.novak@acme.example
				""");
		assertThat(this.jdbc.queryForList("""
				select d.email from user_delegate ud join app_user h on h.id = ud.user_id
				join app_user d on d.id = ud.delegate_id where h.email = 'ana.lopez@acme.example'""", String.class))
			.containsExactly("eva.novak@acme.example");
		assertThat(MailServer.received()).isEmpty();
	}

	@Test
	void syncStoppedByTheGuardLandsInFailedWithTheCommandThatApprovesIt() throws IOException {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("syncroster/staff.csv").toString());
		this.serve.start(settings(false, 2));
		Files.copy(fixture("syncroster/roster-six-gone.csv"), dropFolder("acme", "sync-roster").resolve("roster.csv"));

		Path error = failed("acme", "sync-roster").resolve("roster.csv.error.txt");
		await().atMost(WAIT).until(() -> Files.exists(error));
		Path failedFile = failed("acme", "sync-roster").resolve("roster.csv").toAbsolutePath();
		assertThat(Files.readString(error))
			.startsWith("roster.csv was not processed: a safety guard stopped the job before it changed anything")
			.contains("it would terminate 6 of 10 users (60%)")
			.contains("roster sync-roster --account acme --file " + failedFile + " --allow-mass-termination");
		assertThat(failed("acme", "sync-roster")).isDirectoryContaining("regex:.*/sync-roster-[0-9]+-plan\\.csv");
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isZero();

		// the approval, as the error file spells it
		Result approved = roster("sync-roster", "--account", "acme", "--file", failedFile.toString(), "--no-deliver",
				"--allow-mass-termination");
		assertThat(approved.out()).contains("COMPLETED").contains("terminated=6");
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isEqualTo(6);
	}

	@Test
	void aRosterWhoseContentRanBeforeSyncsAgain() throws IOException {
		// given: the roster as it is, then one that adds Bob
		createAcme();
		String rosterA = Files.readString(fixture("syncroster/staff.csv"));
		String rosterB = rosterA + "bob.new@acme.example,Bob,New,,Sales,Madrid,,en\n";
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("syncroster/staff.csv").toString());
		this.serve.start(settings(false, 2));
		dropAndAwaitArchived("acme", "sync-roster", "roster-a.csv", rosterA);
		dropAndAwaitArchived("acme", "sync-roster", "roster-b.csv", rosterB);
		assertThat(statuses()).containsEntry("bob.new@acme.example", "ACTIVE");

		// when: a byte-identical copy of the first roster is dropped again
		dropAndAwaitArchived("acme", "sync-roster", "roster-a-again.csv", rosterA);

		// then: it is the account's desired state, not a duplicate: Bob is gone again
		assertThat(statuses()).containsEntry("bob.new@acme.example", "TERMINATED")
			.containsEntry("ana.lopez@acme.example", "ACTIVE");
		assertThat(archive("acme", "sync-roster").resolve("roster-a-again.csv.duplicate.txt")).doesNotExist();
		assertThat(count("select count(*) from batch_job_execution where status = 'COMPLETED'")).isEqualTo(4);
	}

	@Test
	void terminationFileStoppedByTheGuardLandsInFailedWithTheCommandThatApprovesIt() throws IOException {
		// given: ten users, and HR's full roster dropped into the termination folder by mistake
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("syncroster/staff.csv").toString());
		this.serve.start(settings(false, 2));
		Files.copy(fixture("syncroster/staff.csv"), dropFolder("acme", "terminate").resolve("leavers.csv"));

		// then
		Path error = failed("acme", "terminate").resolve("leavers.csv.error.txt");
		await().atMost(WAIT).until(() -> Files.exists(error));
		Path failedFile = failed("acme", "terminate").resolve("leavers.csv").toAbsolutePath();
		assertThat(Files.readString(error))
			.startsWith("leavers.csv was not processed: a safety guard stopped the job before it changed anything")
			.contains("it would terminate 10 of 10 users")
			.contains("roster terminate --account acme --file " + failedFile + " --allow-mass-termination");
		assertThat(failed("acme", "terminate")).isDirectoryContaining("regex:.*/terminate-[0-9]+-plan\\.csv");
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isZero();

		// the approval, as the error file spells it
		Result approved = roster("terminate", "--account", "acme", "--file", failedFile.toString(),
				"--allow-mass-termination");
		assertThat(approved.out()).contains("COMPLETED").contains("terminated=10");
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isEqualTo(10);
	}

	@Test
	void schedulesSyncTheNewestRosterWithinTheAccountsLimitAndDeliverQueuedEmails() throws IOException {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("syncroster/staff.csv").toString());
		Path hr = Files.createDirectories(this.temp.resolve("hr-rosters"));
		Files.copy(fixture("syncroster/roster-six-gone.csv"), hr.resolve("roster.csv"));
		Files.writeString(this.temp.resolve("serve.yaml"), """
				accounts:
				  acme:
				    options:
				      sync-roster:
				        max-terminations: 6
				        no-deliver: true
				    schedules:
				      nightly: { cron: "* * * * * *", run: sync-roster, from: %s }
				      retries: { cron: "* * * * * *", run: deliver-emails }
				""".formatted(hr));
		this.serve.start(settings(false, 2));

		await().atMost(WAIT).until(() -> Files.exists(archive("acme", "sync-roster").resolve("roster.csv"))
				&& count("select count(*) from email_outbox where status in ('QUEUED', 'SENDING')") == 0);
		// six were absent from the roster: within the account's max-terminations, so the guard let them go
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isEqualTo(6);
		assertThat(statuses()).containsEntry("ana.lopez@acme.example", "ACTIVE")
			.containsEntry("jane.doe@acme.example", "TERMINATED");
		// every email was sent, or cancelled with its user's termination, whichever schedule came first
		long sent = count("select count(*) from email_outbox where status = 'SENT'");
		assertThat(sent + count("select count(*) from email_outbox where status = 'CANCELLED'")).isEqualTo(10);
		assertThat(sent).isGreaterThanOrEqualTo(4);
		await().atMost(WAIT).until(() -> MailServer.received().size() == sent);
		assertThat(MailServer.received()).extracting(MailServer.Received::to)
			.allSatisfy((to) -> assertThat(to).endsWith("@acme.example"));
	}

	@Test
	void scheduleAppliesTerminationsThatCameDue() throws IOException {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("syncroster/staff.csv").toString());
		Path leaver = this.temp.resolve("leaver.csv");
		Files.writeString(leaver, "Email,Termination Date\njane.doe@acme.example,2099-12-31\n");
		assertThat(roster("terminate", "--account", "acme", "--file", leaver.toString()).out()).contains("scheduled=1");
		this.jdbc.update("update app_user set termination_due_on = current_date - 1 where email = 'jane.doe@acme.example'");
		Files.writeString(this.temp.resolve("serve.yaml"), """
				accounts:
				  acme:
				    schedules:
				      due: { cron: "* * * * * *", run: terminate-due }
				""");
		this.serve.start(settings(false, 2));

		await().atMost(WAIT).until(() -> "TERMINATED".equals(statuses().get("jane.doe@acme.example")));
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isOne();
		assertThat(this.jdbc.queryForObject("select snapshot->>'reason' from termination_snapshot", String.class))
			.isEqualTo("terminate-due");
		// it fires every second and each run is new; the user is terminated once
		await().atMost(WAIT).until(() -> count("""
				select count(*) from batch_job_execution e join batch_job_instance i using (job_instance_id)
				where i.job_name = 'terminateDueJob' and e.status = 'COMPLETED'""") >= 3);
		assertThat(count("select count(*) from termination_snapshot")).isOne();
	}

	@Test
	void sendEmailsFileResendsTheKindTheAccountChose() throws IOException {
		createAcme();
		roster("import-users", "--account", "acme", "--file", fixture("syncroster/staff.csv").toString());
		assertThat(MailServer.received()).hasSize(10);
		MailServer.reset();
		Files.writeString(this.temp.resolve("serve.yaml"), """
				accounts:
				  acme:
				    options:
				      send-emails:
				        kind: activation
				""");
		this.serve.start(settings(false, 2));

		dropAndAwaitArchived("acme", "send-emails", "resend.csv", "Email\nana.lopez@acme.example\nben.carter@acme.example\n");

		assertThat(MailServer.received()).extracting(MailServer.Received::to)
			.containsExactlyInAnyOrder("ana.lopez@acme.example", "ben.carter@acme.example");
		assertThat(count("select count(*) from email_outbox where kind = 'activation' and status = 'SENT'")).isEqualTo(12);
	}

	@Test
	void symbolicLinksUnderTheInboxAreReportedAndNeverRead() throws IOException {
		createAcme();
		createGlobex();
		String marker = "secret-marker-7f3a";
		String rows = "Email,First Name,Last Name\n" + marker + "@acme.example,Se,Cret\n";
		Path outside = Files.createDirectories(this.temp.resolve("outside"));
		Path secret = Files.writeString(outside.resolve(marker + ".csv"), rows);
		// a linked file in a job folder, a linked job folder, a linked account folder
		Path linkedFile = Files.createSymbolicLink(dropFolder("acme", "import-users").resolve("linked.csv"), secret);
		Path jobTarget = Files.createDirectories(this.temp.resolve("outside-job"));
		Files.writeString(jobTarget.resolve("leavers.csv"), "Email\n" + marker + "@acme.example\n");
		Files.createDirectories(this.inbox.resolve("acme"));
		Path linkedJob = Files.createSymbolicLink(this.inbox.resolve("acme/terminate"), jobTarget);
		Path accountTarget = Files.createDirectories(this.temp.resolve("outside-account/import-users"));
		Files.writeString(accountTarget.resolve("invites.csv"), rows);
		Path linkedAccount = Files.createSymbolicLink(this.inbox.resolve("globex"), accountTarget.getParent());
		this.serve.start(settings(false, 2));

		// a real file beside them runs, so the links have been scanned many times over by then
		dropAndAwaitArchived("acme", "import-users", "real.csv", "Email,First Name,Last Name\nreal@acme.example,Re,Al\n");
		await().atMost(WAIT).until(() -> this.health.health(true).getDetails().containsKey("unusedPaths"));

		assertThat(count("select count(*) from batch_job_instance")).isOne();
		assertThat(this.jdbc.queryForList("select email from app_user", String.class)).containsExactly("real@acme.example");
		String problems = this.health.health(true).getDetails().get("unusedPaths").toString();
		assertThat(problems).contains("inbox/acme/import-users/linked.csv: " + DropFolderScanner.LINK)
			.contains("inbox/acme/terminate: " + DropFolderScanner.LINK)
			.contains("inbox/globex: " + DropFolderScanner.LINK)
			.doesNotContain(marker)
			.doesNotContain(this.temp.toString());
		// the links and their targets are as they were: nothing moved, nothing created through them
		assertThat(Files.isSymbolicLink(linkedFile)).isTrue();
		assertThat(Files.isSymbolicLink(linkedJob)).isTrue();
		assertThat(Files.isSymbolicLink(linkedAccount)).isTrue();
		assertThat(secret).hasContent(rows);
		assertThat(jobTarget).isDirectoryContaining((path) -> path.endsWith("leavers.csv"));
		try (Stream<Path> created = Files.list(accountTarget.getParent())) {
			assertThat(created).containsExactly(accountTarget);
		}
		assertThat(accountTarget).isDirectoryContaining((path) -> path.endsWith("invites.csv"));
		assertThat(this.home.home().resolve("failed")).doesNotExist();
	}

	@Test
	void filesACrashLeftInTheWorkFolderAreResumedFirstAndArchivedOnce() throws Exception {
		createAcme();
		Path hand = this.temp.resolve("by-hand.csv");
		Files.copy(fixture("importusers/invites-updated.csv"), hand);
		roster("import-users", "--account", "acme", "--file", hand.toString());
		// the crash came after the copy's job completed and before the copy was filed: this very take ran it
		Path completed = Files.createDirectories(
				this.home.home().resolve("work/acme/import-users/20261122T100000.000Z-0001"));
		Files.copy(hand, completed.resolve("done-before.csv"));
		this.metadataStore.put("inbox.taken:acme/import-users/20261122T100000.000Z-0001", WorkFolder.sha256(hand));
		// the crash came between the move and the copy
		Path moved = Files.createDirectories(
				this.home.home().resolve("work/acme/import-users/20261122T100001.000Z-0001/.dropped"));
		Files.writeString(moved.resolve("moved.csv"), users("moved", 1, 50));
		// dropped later, older by its modification time: it still waits for what was taken before it
		drop("acme", "later.csv", users("later", 1, 50), Instant.now().minusSeconds(3600));

		this.serve.start(settings(false, 2));

		await().atMost(WAIT).until(() -> Files.exists(archive("acme", "import-users").resolve("later.csv")));
		assertThat(archive("acme", "import-users")).isDirectoryContaining((path) -> path.endsWith("done-before.csv"))
			.isDirectoryContaining((path) -> path.endsWith("moved.csv"));
		// resumed, not a duplicate: no note, and no second run of its content
		assertThat(archive("acme", "import-users").resolve("done-before.csv.duplicate.txt")).doesNotExist();
		assertThat(archive("acme", "import-users").resolve("moved.2.csv")).doesNotExist();
		assertThat(count("select count(*) from batch_job_execution")).isEqualTo(3);
		assertThat(count("select count(*) from app_user where email like 'moved%'")).isEqualTo(50);
		List<String> order = this.jdbc.queryForList("""
				select p.parameter_value from batch_job_execution e
				join batch_job_execution_params p on p.job_execution_id = e.job_execution_id and p.parameter_name = 'file'
				order by e.job_execution_id""", String.class);
		assertThat(order).extracting((file) -> Path.of(file).getFileName().toString())
			.containsExactly("by-hand.csv", "moved.csv", "later.csv");
		assertThat(workFiles("acme", "import-users")).isEmpty();
		assertThat(count("select count(*) from int_metadata_store")).isZero();
	}

	@Test
	void aWriteToTheDroppedFileAfterItWasTakenDoesNotChangeWhatRuns() throws Exception {
		createAcme();
		String original = users("orig", 1, 2000);
		Path file = drop("acme", "roster.csv", original, Instant.now().minusSeconds(60));
		try (FileChannel producer = FileChannel.open(file, StandardOpenOption.WRITE);
				Connection blocker = this.dataSource.getConnection();
				Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			// the job waits at its first write until the test lets go
			statement.execute("lock table app_user in share mode");
			this.serve.start(settings(false, 2));
			await().atMost(WAIT).until(() -> count("select count(*) from batch_job_execution where status = 'STARTED'") == 1);

			// the producer still holds the file and rewrites its tail in place: other people, same length
			String rewritten = original.replace("orig1", "evil1");
			int from = original.length() / 2;
			producer.write(ByteBuffer.wrap(rewritten.substring(from).getBytes(StandardCharsets.UTF_8)), from);
			producer.force(true);
			blocker.rollback();
		}

		Path archived = archive("acme", "import-users").resolve("roster.csv");
		await().atMost(WAIT).until(() -> Files.exists(archived));
		assertThat(archived).hasContent(original);
		assertThat(this.jdbc.queryForObject("""
				select parameter_value from batch_job_execution_params where parameter_name = 'file.sha256'""",
				String.class)).isEqualTo(WorkFolder.sha256(archived));
		assertThat(count("select count(*) from app_user where email like 'orig%'")).isEqualTo(2000);
		assertThat(count("select count(*) from app_user where email like 'evil%'")).isZero();
	}

	@Test
	void namesThatTakeAllOfTheFileSystemsBytesAreFiledWithTheirNotes() throws IOException {
		assertThat(System.getProperty("sun.jnu.encoding"))
			.as("file names need a UTF-8 locale (the build sets LANG=C.UTF-8) to hold multi-byte characters")
			.isEqualTo("UTF-8");
		createAcme();
		this.serve.start(settings(false, 2));
		String ascii = "a".repeat(251) + ".csv";
		String wide = "日".repeat(83) + "é.csv";
		assertThat(FileNames.bytes(ascii)).isEqualTo(255);
		assertThat(FileNames.bytes(wide)).isEqualTo(255);
		String invites = Files.readString(fixture("importusers/invites.csv"));
		String rejected = Files.readString(fixture("importusers/invites-no-email-column.csv"));

		dropAndAwaitArchived("acme", "import-users", ascii, invites);
		// the same content under the same name: a duplicate, numbered within the limit, with its note
		drop("acme", "import-users", ascii, invites, Instant.now());
		Path second = archive("acme", "import-users").resolve("a".repeat(249) + ".2.csv");
		await().atMost(WAIT).until(() -> Files.exists(second));
		assertThat(archive("acme", "import-users").resolve("a".repeat(235) + ".2.csv.duplicate.txt"))
			.content().startsWith("Not run: the same content");
		// rejected as a whole, twice
		drop("acme", "import-users", wide, rejected, Instant.now());
		await().atMost(WAIT).until(() -> Files.exists(failed("acme", "import-users").resolve(wide)));
		drop("acme", "import-users", wide, rejected, Instant.now());
		Path wideSecond = failed("acme", "import-users").resolve("日".repeat(83) + ".2.csv");
		await().atMost(WAIT).until(() -> Files.exists(wideSecond));

		Path firstError = failed("acme", "import-users").resolve("日".repeat(80) + ".csv.error.txt");
		Path secondError = failed("acme", "import-users").resolve("日".repeat(79) + ".2.csv.error.txt");
		await().atMost(WAIT).until(() -> Files.exists(secondError));
		assertThat(firstError).content().startsWith(wide + " was not processed: the file was rejected as a whole");
		assertThat(secondError).content().startsWith(wide + " was not processed: the file was rejected as a whole");
		try (Stream<Path> filed = Stream.concat(Files.list(archive("acme", "import-users")),
				Files.list(failed("acme", "import-users")))) {
			assertThat(filed).allSatisfy((path) -> assertThat(FileNames.bytes(path.getFileName().toString()))
				.isLessThanOrEqualTo(FileNames.MAX_BYTES));
		}
		assertThat(count("select count(*) from app_user")).isEqualTo(6);
		assertThat(count("select count(*) from int_metadata_store")).isZero();
	}

	@Test
	void scheduleDeliversAFileWhoseNameTakesAllOfTheFileSystemsBytes() throws IOException {
		createAcme();
		Path hr = Files.createDirectories(this.temp.resolve("hr-long"));
		String name = "b".repeat(251) + ".csv";
		write(hr.resolve(name), users("long", 1, 4), Instant.now().minusSeconds(600));
		Files.writeString(this.temp.resolve("serve.yaml"), """
				accounts:
				  acme:
				    schedules:
				      new-hires: { cron: "* * * * * *", run: import-users, from: %s }
				""".formatted(hr));
		this.serve.start(settings(false, 2));

		await().atMost(WAIT).until(() -> Files.exists(archive("acme", "import-users").resolve(name)));
		assertThat(count("select count(*) from app_user")).isEqualTo(4);
	}

	@Test
	void scheduleDeliversTheRosterAgainOnceItCompletedButNotWhileItWaits() throws Exception {
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("syncroster/staff.csv").toString());
		Path hr = Files.createDirectories(this.temp.resolve("hr-rosters"));
		Files.copy(fixture("syncroster/roster.csv"), hr.resolve("roster.csv"));
		Files.setLastModifiedTime(hr.resolve("roster.csv"), FileTime.from(Instant.now().minusSeconds(600)));
		Files.writeString(this.temp.resolve("serve.yaml"), """
				accounts:
				  acme:
				    options:
				      sync-roster: { max-terminations: 10, no-deliver: true }
				    schedules:
				      nightly: { cron: "* * * * * *", run: sync-roster, from: %s }
				""".formatted(hr));
		try (Connection blocker = this.dataSource.getConnection(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("lock table app_user in share mode");
			this.serve.start(settings(false, 2));

			// taken and running (held at its first write): it fires every second, and delivers no second copy
			await().atMost(WAIT).until(() -> workFiles("acme", "sync-roster").size() == 1);
			await().during(Duration.ofSeconds(2)).atMost(WAIT)
				.until(() -> isEmpty(dropFolder("acme", "sync-roster")) && workFiles("acme", "sync-roster").size() == 1);
			blocker.rollback();
		}
		await().atMost(WAIT).until(() -> Files.exists(archive("acme", "sync-roster").resolve("roster.csv")));

		// the roster is the account's desired state: the same content is delivered again, and filed again
		await().atMost(WAIT).until(() -> Files.exists(archive("acme", "sync-roster").resolve("roster.2.csv")));
		this.serve.stop();
		assertThat(hr.resolve("roster.csv")).exists();
		assertThat(this.home.home().resolve("failed")).doesNotExist();
	}

	private void dropAndAwaitArchived(String account, String job, String name, String content) throws IOException {
		drop(account, job, name, content, Instant.now());
		Path archived = archive(account, job).resolve(name);
		Path failed = failed(account, job).resolve(name + ".error.txt");
		await().atMost(WAIT).until(() -> Files.exists(archived) || Files.exists(failed));
		assertThat(failed).doesNotExist();
	}

	private InboxProperties settings(boolean doneMarker, int maxParallelJobs) {
		return new InboxProperties(SETTLE, doneMarker, maxParallelJobs, Duration.ofMillis(100), WAIT,
				Duration.ofHours(1), this.temp.resolve("serve.yaml"));
	}

	private Path drop(String account, String name, String content, Instant modified) throws IOException {
		return drop(account, "import-users", name, content, modified);
	}

	private Path drop(String account, String job, String name, String content, Instant modified) throws IOException {
		// a short hidden name: the dropped one may already take the file system's 255 bytes
		Path hidden = dropFolder(account, job).resolve(".dropping-" + System.nanoTime());
		write(hidden, content, modified);
		return Files.move(hidden, hidden.resolveSibling(name));
	}

	private static void write(Path file, String content, Instant modified) throws IOException {
		Files.writeString(file, content, StandardCharsets.UTF_8);
		Files.setLastModifiedTime(file, FileTime.from(modified));
	}

	private static String users(String prefix, int from, int to) {
		StringBuilder csv = new StringBuilder("Email,First Name,Last Name\n");
		for (int i = from; i <= to; i++) {
			csv.append(prefix).append(i).append("@example.com,Name").append(i).append(",Surname\n");
		}
		return csv.toString();
	}

	private Path dropFolder(String account, String job) throws IOException {
		return Files.createDirectories(this.inbox.resolve(account).resolve(job));
	}

	private Path archive(String account, String job) {
		return this.home.home().resolve("archive").resolve(account).resolve(job).resolve(this.today);
	}

	private Path failed(String account, String job) {
		return this.home.home().resolve("failed").resolve(account).resolve(job).resolve(this.today);
	}

	/** The copies waiting in {@code work/<account>/<job>/<take>/}. */
	private List<Path> workFiles(String account, String job) throws IOException {
		Path folder = this.home.home().resolve("work").resolve(account).resolve(job);
		if (!Files.exists(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	private long instances() {
		return count("select count(*) from batch_job_instance");
	}

	private static boolean isEmpty(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.findAny().isEmpty();
		}
	}

	private static void append(Path file, String line) {
		try {
			Files.writeString(file, line, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path folder) throws IOException {
		if (Files.exists(folder)) {
			try (Stream<Path> paths = Files.walk(folder)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

}
