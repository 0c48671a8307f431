package dev.roster.soak;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import dev.roster.soak.RosterProcesses.Execution;
import dev.roster.soak.RosterProcesses.Run;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The crash soak: one account taken through every job that changes it — import-users, deliver-emails,
 * import-delegates, terminate, reactivate, sync-roster, send-emails, deliver-emails again, terminate-due — each run
 * as its own process, killed with SIGKILL {@code kills} times at points drawn from the seed, then run again until it
 * completes. After each job the database is compared, whole, with what the files alone say it must hold
 * ({@link Model}), and the job's own promises are checked: the final summary, the rejects report, the snapshots,
 * new codes never issued before, and every email accepted by the mail server once, or more often only when the outbox
 * flags it as a possible duplicate.
 */
final class CrashSoak implements AutoCloseable {

	static final String ACCOUNT = "soak";

	private static final String DOMAIN = "@soak.example";

	private static final String[] FIRST_NAMES = { "Ana", "José", "María", "Wei", "Olga", "Zoë", "Ángel", "Nuño", "Li",
			"Sam", "Ben", "Fatima" };

	private static final String[] LAST_NAMES = { "Ruiz", "García", "Núñez", "O'Brien", "Smith", "Müller", "Chen",
			"Kowalski", "Okafor", "Silva" };

	private static final String[] GROUPS = { "Sales", "Engineering", "Support", "" };

	private static final String[] OFFICES = { "Madrid", "London", "New York", "" };

	private static final String[] PROFILE_TYPES = { "", "Standard", "Premium" };

	private static final String[] BILLING_CODES = { "", "00777", "0042" };

	private static final String[] LANGUAGES = { "", "en", "es" };

	private static final List<String> USER_COLUMNS = List.of("Email", "First Name", "Last Name", "Group", "Office",
			"Profile Type", "Billing Code", "Language");

	/** The settings of a soak: rows of the import (the other files are sized from it), kills per job, the seed. */
	record Settings(int rows, int kills, long seed, Path directory) {
	}

	/** How a job's progress is seen while it runs, to spread the kills over its work. */
	private enum Progress {

		/** rows committed, by the step's read count; a resumed run reads only the rest */
		ROWS,
		/** rows staged; every run of a sync stages the whole file again */
		STAGE,
		/** emails the mail server accepted */
		DELIVERY,
		/** batches of due users committed */
		DUE

	}

	private record Job(String name, List<String> args, Progress progress, long size, boolean transactional) {
	}

	/** The runs of one job, the last one to its end. */
	private record Soaked(List<Run> runs, Run last, JobSummary summary) {

		long kills() {
			return this.runs.stream().filter(Run::killed).count();
		}

		String points() {
			return this.runs.stream().filter(Run::killed).map((run) -> run.kill().toString())
				.collect(Collectors.joining(",", "[", "]"));
		}

	}

	private final Settings settings;

	private final Consumer<String> out;

	private final Path home;

	private final Path work;

	private final Path logs;

	private final SoakDatabase database;

	private final MailSink mail;

	private final RosterProcesses roster;

	private final Random random;

	private final LocalDate today = LocalDate.now();

	private final Map<String, Integer> chunkSizes = new LinkedHashMap<>();

	private Model model = new Model();

	private long accountId;

	private long lastExecution;

	private int jobs;

	private long deliveryKills;

	private final List<String> notes = new ArrayList<>();

	CrashSoak(Settings settings, Consumer<String> out) throws IOException {
		this.settings = settings;
		this.out = out;
		this.home = Files.createDirectories(settings.directory().resolve("home"));
		this.work = Files.createDirectories(settings.directory().resolve("files"));
		this.logs = Files.createDirectories(settings.directory().resolve("logs"));
		int port = freePort();
		this.database = new SoakDatabase(this.home, port);
		this.mail = new MailSink();
		this.random = new Random(settings.seed());
		int rows = settings.rows();
		// chunks small enough that every job commits a few dozen times, whatever the size
		this.chunkSizes.put("ROSTER_IMPORTUSERS_CHUNKSIZE", clamp(rows / 25, 5, 5000));
		this.chunkSizes.put("ROSTER_SYNC_CHUNKSIZE", clamp(rows / 25, 5, 5000));
		this.chunkSizes.put("ROSTER_DELEGATES_CHUNKSIZE", clamp(rows / 250, 5, 1000));
		this.chunkSizes.put("ROSTER_TERMINATE_CHUNKSIZE", clamp(rows / 400, 5, 1000));
		this.chunkSizes.put("ROSTER_REACTIVATE_CHUNKSIZE", clamp(rows / 800, 5, 1000));
		this.chunkSizes.put("ROSTER_SENDEMAILS_CHUNKSIZE", clamp(rows / 250, 5, 1000));
		this.chunkSizes.put("ROSTER_MAIL_CHUNKSIZE", clamp(rows / 100, 5, 200));
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("ROSTER_HOME", this.home.toString());
		environment.put("ROSTER_EMBEDDEDDATABASE_PORT", Integer.toString(port));
		// the kills are of the JVM, never of PostgreSQL, so what fsync protects against does not happen here
		environment.put("ROSTER_EMBEDDEDDATABASE_FSYNC", "false");
		environment.put("SPRING_MAIL_HOST", "127.0.0.1");
		environment.put("SPRING_MAIL_PORT", Integer.toString(this.mail.port()));
		environment.put("ROSTER_MAIL_RATEPERACCOUNT", "0");
		this.chunkSizes.forEach((name, size) -> environment.put(name, Integer.toString(size)));
		this.roster = new RosterProcesses(this.work, this.logs, environment, this.database,
				List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
	}

	/**
	 * Runs the whole soak; one line per job on {@code out}.
	 * @return whether every check held
	 */
	boolean run() throws Exception {
		long started = System.nanoTime();
		createAccount();
		boolean ok = importUsers() && deliver("deliver-emails") && importDelegates() && terminate() && reactivate()
				&& syncRoster() && sendEmails() && deliver("deliver-emails-again") && terminateDue();
		this.notes.forEach((note) -> this.out.accept("soak note: " + note));
		this.out.accept(String.format(Locale.ROOT, "soak %s rows=%d kills=%d seed=%d processes=%d seconds=%.0f",
				ok ? "ok" : "FAILED", this.settings.rows(), this.settings.kills(), this.settings.seed(),
				this.roster.launches(), (System.nanoTime() - started) / 1e9));
		return ok;
	}

	// --- the jobs ---

	private void createAccount() throws Exception {
		Run run = this.roster.run("00-account-create", List.of("account", "create", ACCOUNT, "--name", "Soak Test",
				"--group", "Sales", "--group", "Engineering", "--group", "Support", "--office", "Madrid", "--office",
				"London", "--office", "New York", "--profile-type", "Standard", "--profile-type", "Premium",
				"--default-profile-type", "Standard", "--billing-code", "00420"));
		if (run.exitCode() != 0) {
			throw new IllegalStateException("account create exited " + run.exitCode() + ": " + run.errors());
		}
		inspect((connection) -> {
			this.accountId = SoakDatabase.countOf(connection, "select id from account where slug = ?", ACCOUNT);
			return null;
		});
	}

	private boolean importUsers() throws Exception {
		Model expected = this.model.copy();
		Path file = this.work.resolve("import-users.csv");
		Set<Long> rejectedRows = new TreeSet<>();
		List<String> emails = new ArrayList<>();
		int rows = this.settings.rows();
		try (CSVPrinter csv = csv(file, USER_COLUMNS)) {
			for (int i = 1; i <= rows; i++) {
				long row = i + 1;
				double draw = this.random.nextDouble();
				if (draw < 0.01) {
					rejectedRows.add(row);
					switch (this.random.nextInt(3)) {
						case 0 -> csv.printRecord("not-an-email-" + i, "Ana", "Ruiz", "", "", "", "", "");
						case 1 -> csv.printRecord("user" + i + DOMAIN, "Ana", "Ruiz", "", "Lisbon", "", "", "");
						default -> csv.printRecord("user" + i + DOMAIN, "Ana", "", "", "", "", "", "");
					}
				}
				else if (draw < 0.015 && !emails.isEmpty()) {
					// an email repeated in the file, in other letters: the first occurrence wins
					rejectedRows.add(row);
					String repeated = emails.get(this.random.nextInt(emails.size())).toUpperCase(Locale.ROOT);
					csv.printRecord(repeated, "Repeated", "Row", "", "", "", "", "");
				}
				else {
					String email = ((i % 11 == 0) ? "User" + i + "@Soak.Example" : "user" + i + DOMAIN);
					List<String> cells = randomCells();
					csv.printRecord(concat(email, cells));
					expected.create(email, stored(cells));
					emails.add(email);
				}
			}
		}
		long created = expected.users.size() - this.model.users.size();
		Job job = new Job("import-users", List.of("import-users", "--account", ACCOUNT, "--file", file.toString(),
				"--no-deliver"), Progress.ROWS, rows, false);
		return finish(job, soak(job), expected, (summary, connection, violations) -> {
			summaryCovers(summary, Map.of("read", (long) rows, "created", created, "updated", 0L, "unchanged", 0L,
					"rejected", (long) rejectedRows.size()), violations);
			rejectsReport(summary, rejectedRows, violations);
		}, "users " + created + " created once each with two codes and one activation email queued, "
				+ rejectedRows.size() + " rows rejected into the report");
	}

	private boolean deliver(String name) throws Exception {
		Model expected = this.model.copy();
		long queued = this.model.queued();
		expected.deliver();
		Job job = new Job(name, List.of("deliver-emails", "--account", ACCOUNT), Progress.DELIVERY, queued, false);
		Soaked soaked = soak(job);
		this.deliveryKills += soaked.kills();
		return finish(job, soaked, expected, (summary, connection, violations) -> {
			violations.check("COMPLETED".equals(summary.status()), "final status", summary.status());
			long execution = (summary.executionId() != null) ? summary.executionId() : -1;
			long sentByIt = SoakDatabase.countOf(connection, """
					select count(*) from email_outbox where delivery_execution_id = ? and status = 'SENT'""", execution);
			long duplicatesByIt = SoakDatabase.countOf(connection, """
					select count(*) from email_outbox where delivery_execution_id = ? and status = 'SENT'
						and possible_duplicate""", execution);
			violations.check(summary.count("sent") == sentByIt && summary.count("failed") == 0
					&& summary.count("queued") == 0 && summary.count("possible_duplicates") == duplicatesByIt,
					"final summary", summary.counts() + " where the run sent " + sentByIt + " (" + duplicatesByIt
							+ " possible duplicates)");
			if (summary.report() != null) {
				List<Map<String, String>> report = report(summary.report());
				long flagged = report.stream().filter((line) -> "yes".equals(line.get("Possible Duplicate"))).count();
				violations.check(flagged == duplicatesByIt, "delivery report",
						flagged + " possible duplicates listed where the run sent " + duplicatesByIt);
			}
			mailCopies(connection, violations);
		}, queued + " emails sent, each accepted by the server once or flagged a possible duplicate");
	}

	private boolean importDelegates() throws Exception {
		Model expected = this.model.copy();
		Path file = this.work.resolve("import-delegates.csv");
		List<Model.User> users = new ArrayList<>(this.model.live());
		int rows = Math.max(20, this.settings.rows() / 10);
		Set<Long> rejectedRows = new TreeSet<>();
		List<List<String>> written = new ArrayList<>();
		try (CSVPrinter csv = csv(file, List.of("Host Email", "Delegate Email"))) {
			for (int i = 0; i < rows; i++) {
				long row = i + 2;
				Model.User host = users.get(this.random.nextInt(users.size()));
				double draw = this.random.nextDouble();
				if (draw < 0.01) {
					rejectedRows.add(row);
					csv.printRecord(host.email, host.email);
				}
				else if (draw < 0.02) {
					rejectedRows.add(row);
					csv.printRecord(host.email, "nobody" + i + DOMAIN);
				}
				else if (draw < 0.04 && !written.isEmpty()) {
					rejectedRows.add(row);
					csv.printRecord(written.get(this.random.nextInt(written.size())));
				}
				else {
					Model.User delegate = users.get(this.random.nextInt(users.size()));
					List<String> pair = List.of(host.key, delegate.key);
					if (delegate == host || expected.delegations.contains(pair)) {
						rejectedRows.add(row);
					}
					else {
						expected.delegations.add(pair);
					}
					csv.printRecord(host.email, delegate.email);
					written.add(List.of(host.email, delegate.email));
				}
			}
		}
		long added = expected.delegations.size() - this.model.delegations.size();
		Job job = new Job("import-delegates", List.of("import-delegates", "--account", ACCOUNT, "--file",
				file.toString()), Progress.ROWS, rows, false);
		return finish(job, soak(job), expected, (summary, connection, violations) -> {
			summaryCovers(summary, Map.of("read", (long) rows, "added", added, "removed", 0L, "unchanged", 0L,
					"rejected", (long) rejectedRows.size()), violations);
			rejectsReport(summary, rejectedRows, violations);
		}, added + " delegations added once each, " + rejectedRows.size() + " rows rejected into the report");
	}

	private boolean terminate() throws Exception {
		// rooms are the portal's; the soak gives some users a few, for terminations to delete
		Map<String, StateCheck.Stored> before = inspect((connection) -> {
			try (PreparedStatement insert = connection.prepareStatement(
					"insert into meeting_room (account_id, user_id, name) values (?, ?, ?)")) {
				Map<String, StateCheck.Stored> stored = StateCheck.users(connection, this.accountId);
				for (Model.User user : this.model.live()) {
					if (this.random.nextDouble() < 0.05) {
						int rooms = 1 + this.random.nextInt(2);
						for (int room = 1; room <= rooms; room++) {
							insert.setLong(1, this.accountId);
							insert.setLong(2, stored.get(user.key).id());
							insert.setString(3, user.fields.firstName() + "'s room " + room);
							insert.addBatch();
						}
						user.rooms += rooms;
					}
				}
				insert.executeBatch();
				return stored;
			}
		});
		Model expected = this.model.copy();
		Path file = this.work.resolve("terminate.csv");
		List<Model.User> users = new ArrayList<>(this.model.live());
		Collections.shuffle(users, this.random);
		int now = Math.max(10, users.size() / 20);
		int later = Math.max(6, users.size() * 3 / 100);
		LocalDate due = this.today.plusDays(30);
		List<List<String>> lines = new ArrayList<>();
		List<Model.User> terminated = users.subList(0, now);
		for (Model.User user : terminated) {
			lines.add(List.of(user.email, ""));
		}
		for (Model.User user : users.subList(now, now + later)) {
			lines.add(List.of(user.email, due.toString()));
			expected.user(user.email).due = due;
		}
		int unknown = Math.max(2, users.size() * 3 / 1000);
		for (int i = 0; i < unknown; i++) {
			lines.add(List.of("gone" + i + DOMAIN, ""));
		}
		Collections.shuffle(lines, this.random);
		// emails repeated later in the file: rejected, the first occurrence applied
		lines.add(lines.get(0));
		lines.add(lines.get(1));
		Set<Long> rejectedRows = new TreeSet<>();
		try (CSVPrinter csv = csv(file, List.of("Email", "Termination Date"))) {
			for (int i = 0; i < lines.size(); i++) {
				csv.printRecord(lines.get(i));
				if (lines.get(i).get(0).startsWith("gone") || i >= lines.size() - 2) {
					rejectedRows.add(i + 2L);
				}
			}
		}
		Map<String, Set<String>> delegatesBefore = new HashMap<>();
		Map<String, Set<String>> delegateOfBefore = new HashMap<>();
		for (List<String> pair : this.model.delegations) {
			delegatesBefore.computeIfAbsent(pair.get(0), (key) -> new TreeSet<>()).add(pair.get(1));
			delegateOfBefore.computeIfAbsent(pair.get(1), (key) -> new TreeSet<>()).add(pair.get(0));
		}
		Set<String> leavers = terminated.stream().map((user) -> user.key).collect(Collectors.toSet());
		Map<String, Integer> roomsBefore = new HashMap<>();
		for (Model.User user : terminated) {
			roomsBefore.put(user.key, user.rooms);
			expected.terminate(expected.user(user.email), "terminate");
		}
		int rows = lines.size();
		Job job = new Job("terminate", List.of("terminate", "--account", ACCOUNT, "--file", file.toString()),
				Progress.ROWS, rows, false);
		return finish(job, soak(job), expected, (summary, connection, violations) -> {
			summaryCovers(summary, Map.of("read", (long) rows, "terminated", (long) now, "scheduled", (long) later,
					"cancelled", 0L, "unchanged", 0L, "rejected", (long) rejectedRows.size()), violations);
			rejectsReport(summary, rejectedRows, violations);
			try (PreparedStatement statement = SoakDatabase.prepare(connection, """
					select u.email_key, s.snapshot->>'host_code', s.snapshot->>'guest_code',
						jsonb_array_length(s.snapshot->'meeting_rooms'),
						(select coalesce(array_agg(lower(x) order by lower(x)), '{}')
							from jsonb_array_elements_text(s.snapshot->'delegates') x),
						(select coalesce(array_agg(lower(x) order by lower(x)), '{}')
							from jsonb_array_elements_text(s.snapshot->'delegate_of') x)
					from termination_snapshot s join app_user u on u.id = s.user_id
					where s.account_id = ? and s.snapshot->>'reason' = 'terminate'""", this.accountId);
					ResultSet snapshots = statement.executeQuery()) {
				while (snapshots.next()) {
					String key = snapshots.getString(1);
					StateCheck.Stored stored = before.get(key);
					violations.check(stored != null && stored.hostCode().equals(snapshots.getString(2))
							&& stored.guestCode().equals(snapshots.getString(3)), "snapshot codes", key);
					violations.check(roomsBefore.getOrDefault(key, -1) == snapshots.getInt(4), "snapshot rooms", key);
					// a delegation between two leavers is gone from the snapshot of whichever was terminated later
					violations.check(delegationsAsBefore(snapshots.getArray(5),
							delegatesBefore.getOrDefault(key, Set.of()), leavers), "snapshot delegates", key);
					violations.check(delegationsAsBefore(snapshots.getArray(6),
							delegateOfBefore.getOrDefault(key, Set.of()), leavers), "snapshot delegate_of", key);
				}
			}
		}, now + " users terminated once each (codes retired, rooms and delegations gone, one snapshot with what was "
				+ "removed), " + later + " scheduled, " + rejectedRows.size() + " rows rejected");
	}

	private boolean reactivate() throws Exception {
		Set<String> codesBefore = inspect(StateCheck::codes);
		Model expected = this.model.copy();
		Path file = this.work.resolve("reactivate.csv");
		List<Model.User> terminated = new ArrayList<>(
				this.model.users.values().stream().filter((user) -> !user.live()).toList());
		Collections.shuffle(terminated, this.random);
		List<Model.User> back = terminated.subList(0, terminated.size() * 6 / 10);
		List<Model.User> active = new ArrayList<>(this.model.live());
		Collections.shuffle(active, this.random);
		List<Model.User> alreadyActive = active.subList(0, Math.max(2, this.settings.rows() / 200));
		List<String> lines = new ArrayList<>();
		back.forEach((user) -> lines.add(user.email));
		alreadyActive.forEach((user) -> lines.add(user.email));
		lines.add("gone-a" + DOMAIN);
		lines.add("gone-b" + DOMAIN);
		Collections.shuffle(lines, this.random);
		lines.add(lines.get(0).toUpperCase(Locale.ROOT));
		Set<Long> rejectedRows = new TreeSet<>();
		try (CSVPrinter csv = csv(file, List.of("Email"))) {
			for (int i = 0; i < lines.size(); i++) {
				csv.printRecord(lines.get(i));
				if (lines.get(i).startsWith("gone") || i == lines.size() - 1) {
					rejectedRows.add(i + 2L);
				}
			}
		}
		back.forEach((user) -> expected.reactivate(expected.user(user.email)));
		int rows = lines.size();
		Job job = new Job("reactivate", List.of("reactivate", "--account", ACCOUNT, "--file", file.toString(),
				"--no-deliver"), Progress.ROWS, rows, false);
		return finish(job, soak(job), expected, (summary, connection, violations) -> {
			summaryCovers(summary, Map.of("read", (long) rows, "reactivated", (long) back.size(), "unchanged",
					(long) alreadyActive.size(), "rejected", (long) rejectedRows.size()), violations);
			rejectsReport(summary, rejectedRows, violations);
			newCodes(connection, back, codesBefore, violations);
		}, back.size() + " users reactivated once each with two codes never issued before and one activation email "
				+ "queued, " + alreadyActive.size() + " unchanged, " + rejectedRows.size() + " rejected");
	}

	private boolean syncRoster() throws Exception {
		Set<String> codesBefore = inspect(StateCheck::codes);
		Model expected = this.model.copy();
		Path file = this.work.resolve("sync-roster.csv");
		List<Model.User> live = new ArrayList<>(this.model.live());
		Collections.shuffle(live, this.random);
		int absentCount = Math.max(6, live.size() * 3 / 100);
		List<Model.User> absent = new ArrayList<>();
		List<Model.User> listed = new ArrayList<>();
		for (Model.User user : live) {
			if (absent.size() < absentCount && user.due == null) {
				absent.add(user);
			}
			else {
				listed.add(user);
			}
		}
		List<Model.User> rehired = this.model.users.values().stream().filter((user) -> !user.live()).toList();
		List<List<String>> lines = new ArrayList<>();
		Set<Integer> rejected = new HashSet<>();
		int updated = 0;
		int badOffice = 0;
		for (Model.User user : listed) {
			Model.Fields fields = user.fields;
			if (badOffice < 2 && this.random.nextDouble() < 0.05) {
				// a row rejected for a bad value still names its user: neither updated nor taken for absent
				badOffice++;
				rejected.add(lines.size());
				lines.add(concat(user.email, cells(fields, "Lisbon")));
				continue;
			}
			if (this.random.nextDouble() < 0.05) {
				fields = fields.withLastName(fields.lastName() + " Jr");
				expected.user(user.email).fields = fields;
				updated++;
			}
			lines.add(concat(user.email, cells(fields, null)));
		}
		for (Model.User user : rehired) {
			lines.add(concat(user.email, cells(user.fields, null)));
			expected.reactivate(expected.user(user.email));
		}
		int created = Math.max(10, this.settings.rows() / 20);
		for (int i = 1; i <= created; i++) {
			String email = "new" + i + DOMAIN;
			List<String> cells = randomCells();
			lines.add(concat(email, cells));
			expected.create(email, stored(cells));
		}
		for (Model.User user : absent) {
			expected.terminate(expected.user(user.email), "sync-roster: not in the roster");
		}
		// shuffle, keeping which lines are rejected; then repeat one valid line at the end
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			order.add(i);
		}
		Collections.shuffle(order, this.random);
		Set<Long> rejectedRows = new TreeSet<>();
		int repeated = order.stream().filter((index) -> !rejected.contains(index)).findFirst().orElseThrow();
		order.add(repeated);
		try (CSVPrinter csv = csv(file, USER_COLUMNS)) {
			for (int i = 0; i < order.size(); i++) {
				csv.printRecord(lines.get(order.get(i)));
				if (rejected.contains(order.get(i)) || i == order.size() - 1) {
					rejectedRows.add(i + 2L);
				}
			}
		}
		int rows = order.size();
		long unchanged = rows - rejectedRows.size() - created - updated - rehired.size();
		Map<String, Long> applied = Map.of("read", (long) rows, "created", (long) created, "updated", (long) updated,
				"reactivated", (long) rehired.size(), "terminated", (long) absent.size(), "unchanged", unchanged,
				"rejected", (long) rejectedRows.size());
		// a run resumed after the diff committed diffs again and finds the account already matching
		Map<String, Long> again = Map.of("read", (long) rows, "unchanged", rows - (long) rejectedRows.size(),
				"rejected", (long) rejectedRows.size());
		int finalUpdated = updated;
		Job job = new Job("sync-roster", List.of("sync-roster", "--account", ACCOUNT, "--file", file.toString(),
				"--no-deliver"), Progress.STAGE, rows, true);
		return finish(job, soak(job), expected, (summary, connection, violations) -> {
			boolean already = "ALREADY_COMPLETED".equals(summary.status());
			violations.check(summary.countsAre(applied) || summary.countsAre(again) || (already && summary.allZero()),
					"final summary", summary.status() + " " + summary.counts() + " where the diff is " + applied);
			rejectsReport(summary, rejectedRows, violations);
			newCodes(connection, rehired, codesBefore, violations);
			newCodes(connection, expected.users.values().stream().filter((user) -> user.email.startsWith("new")).toList(),
					codesBefore, violations);
		}, "the account matches the roster: " + created + " created, " + finalUpdated + " updated, " + rehired.size()
				+ " reactivated, " + absent.size() + " absent terminated, " + rejectedRows.size()
				+ " rejected rows leaving their users alone, all in one transaction");
	}

	private boolean sendEmails() throws Exception {
		Model expected = this.model.copy();
		Path file = this.work.resolve("send-emails.csv");
		List<Model.User> live = new ArrayList<>(this.model.live());
		Collections.shuffle(live, this.random);
		List<Model.User> chosen = live.subList(0, Math.max(10, live.size() / 10));
		List<String> lines = new ArrayList<>();
		chosen.forEach((user) -> lines.add(user.email));
		List<Model.User> terminated = this.model.users.values().stream().filter((user) -> !user.live()).limit(2).toList();
		terminated.forEach((user) -> lines.add(user.email));
		lines.add("gone-c" + DOMAIN);
		Collections.shuffle(lines, this.random);
		lines.add(lines.get(0));
		Set<String> rejectedEmails = new HashSet<>();
		terminated.forEach((user) -> rejectedEmails.add(user.email));
		rejectedEmails.add("gone-c" + DOMAIN);
		Set<Long> rejectedRows = new TreeSet<>();
		try (CSVPrinter csv = csv(file, List.of("Email"))) {
			for (int i = 0; i < lines.size(); i++) {
				csv.printRecord(lines.get(i));
				if (rejectedEmails.contains(lines.get(i)) || i == lines.size() - 1) {
					rejectedRows.add(i + 2L);
				}
			}
		}
		chosen.forEach((user) -> expected.user(user.email).email("password-reset", Model.QUEUED, 1));
		int rows = lines.size();
		Job job = new Job("send-emails", List.of("send-emails", "--account", ACCOUNT, "--file", file.toString(),
				"--kind", "password-reset", "--no-deliver"), Progress.ROWS, rows, false);
		return finish(job, soak(job), expected, (summary, connection, violations) -> {
			summaryCovers(summary, Map.of("read", (long) rows, "rejected", (long) rejectedRows.size(), "queued",
					(long) chosen.size()), violations);
			rejectsReport(summary, rejectedRows, violations);
		}, chosen.size() + " password-reset emails queued once each, " + rejectedRows.size() + " rows rejected");
	}

	private boolean terminateDue() throws Exception {
		// a month passes: the scheduled dates move to the day before yesterday
		LocalDate past = this.today.minusDays(2);
		long moved = inspect((connection) -> {
			try (PreparedStatement update = SoakDatabase.prepare(connection, """
					update app_user set termination_due_on = ?
					where account_id = ? and termination_due_on is not null""", past, this.accountId)) {
				return (long) update.executeUpdate();
			}
		});
		Model expected = this.model.copy();
		List<Model.User> due = this.model.users.values().stream().filter((user) -> user.due != null).toList();
		for (Model.User user : due) {
			this.model.user(user.email).due = past;
			expected.terminate(expected.user(user.email), "terminate-due");
		}
		if (moved != due.size()) {
			this.out.accept("soak terminate-due FAILED: " + moved + " scheduled terminations where the files made "
					+ due.size());
			return false;
		}
		Job job = new Job("terminate-due", List.of("terminate-due", "--account", ACCOUNT), Progress.DUE, due.size(),
				false);
		return finish(job, soak(job), expected, (summary, connection, violations) -> {
			violations.check("COMPLETED".equals(summary.status()), "final status", summary.status());
			long byIt = SoakDatabase.countOf(connection,
					"select count(*) from termination_snapshot where job_execution_id = ?",
					(summary.executionId() != null) ? summary.executionId() : -1);
			violations.check(summary.count("terminated") == byIt, "final summary",
					summary.counts() + " where the run terminated " + byIt);
		}, due.size() + " scheduled terminations applied once each");
	}

	// --- running a job with its kills ---

	private Soaked soak(Job job) throws Exception {
		this.jobs++;
		// java.util.Random's first draws of neighbouring seeds are alike: mixed, each job gets kills of its own
		Random plan = new Random(new java.util.SplittableRandom(this.settings.seed() * 1_000 + this.jobs).nextLong());
		List<KillPoint> kills = KillPoint.plan(plan, this.settings.kills(), job.transactional());
		List<Run> runs = new ArrayList<>();
		long after = this.lastExecution;
		long done = 0;
		int batch = this.chunkSizes.get("ROSTER_TERMINATE_CHUNKSIZE");
		for (KillPoint kill : kills) {
			long acceptedBefore = this.mail.accepted();
			ToLongFunction<Execution> progress = switch (job.progress()) {
				case ROWS, STAGE -> (execution) -> (execution != null) ? execution.read() : 0;
				case DELIVERY -> (execution) -> this.mail.accepted() - acceptedBefore;
				case DUE -> (execution) -> (execution != null) ? execution.commits() * batch : 0;
			};
			long left = (job.progress() == Progress.STAGE) ? job.size() : job.size() - done;
			Run run = this.roster.attempt(label(job, runs.size() + 1), job.args(), kill, after, progress, left);
			runs.add(run);
			if (run.execution() != null) {
				after = Math.max(after, run.execution().id());
			}
			if (!run.killed()) {
				break;
			}
			done += progress.applyAsLong(run.execution());
		}
		Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
		if (last == null || last.killed()) {
			last = this.roster.attempt(label(job, runs.size() + 1), job.args(), null, after, (execution) -> 0, 0);
			runs.add(last);
		}
		if (last.execution() != null) {
			after = Math.max(after, last.execution().id());
		}
		this.lastExecution = after;
		JobSummary summary = null;
		if (last.exitCode() == 0) {
			try {
				summary = JobSummary.parse(last.summary());
			}
			catch (IllegalArgumentException ex) {
				// reported by finish
			}
		}
		return new Soaked(runs, last, summary);
	}

	private String label(Job job, int attempt) {
		return String.format(Locale.ROOT, "%02d-%s-%d", this.jobs, job.name(), attempt);
	}

	@FunctionalInterface
	private interface JobChecks {

		void check(JobSummary summary, Connection connection, Violations violations) throws Exception;

	}

	@FunctionalInterface
	private interface Inspection<T> {

		T inspect(Connection connection) throws Exception;

	}

	/** Checks a job that ran to its end against {@code expected}, prints its line, and moves the model on. */
	private boolean finish(Job job, Soaked soaked, Model expected, JobChecks checks, String checked) throws Exception {
		Violations violations = new Violations();
		Run last = soaked.last();
		violations.check(last.exitCode() == 0, "final run", last.describe() + ": " + last.summary() + " "
				+ tail(last.errors()));
		violations.check(soaked.summary() != null || last.exitCode() != 0, "summary line", last.summary());
		for (Run run : soaked.runs()) {
			violations.check(run.killed() || run.exitCode() == 0, "a run that was not killed failed",
					run.describe() + ": " + run.summary() + " " + tail(run.errors()));
		}
		long missed = soaked.runs().stream().filter((run) -> !run.killed() && run.kill() != null).count();
		if (missed > 0) {
			this.notes.add(job.name() + ": " + missed + " planned kill(s) came after the process had ended");
		}
		violations.check(this.database.postmaster().isEmpty(), "embedded PostgreSQL stopped at a clean exit");
		if (violations.isEmpty()) {
			inspect((connection) -> {
				StateCheck.check(connection, this.accountId, expected, violations);
				checks.check(soaked.summary(), connection, violations);
				return null;
			});
		}
		double seconds = soaked.runs().stream().mapToDouble(Run::seconds).sum();
		String line = String.format(Locale.ROOT, "soak %s rows=%d kills=%d%s seed=%d %s (%.0fs, %d runs): %s",
				job.name(), job.size(), soaked.kills(), soaked.points(), this.settings.seed(),
				violations.isEmpty() ? "ok" : "FAILED", seconds, soaked.runs().size(),
				violations.isEmpty() ? checked : "\n" + violations + "  logs: " + this.logs);
		this.out.accept(line);
		if (violations.isEmpty()) {
			this.model = expected;
		}
		return violations.isEmpty();
	}

	/**
	 * The counts of a final summary cover the whole input after resumes (the counters are saved with each chunk). A run
	 * killed after the job completed leaves the next one to answer {@code ALREADY_COMPLETED}: every count zero, since
	 * that run did nothing, and the execution that did the work named instead of its own.
	 */
	private static void summaryCovers(JobSummary summary, Map<String, Long> expected, Violations violations) {
		boolean already = "ALREADY_COMPLETED".equals(summary.status());
		violations.check("COMPLETED".equals(summary.status()) || already, "final status", summary.status());
		if (already) {
			violations.check(summary.allZero() && summary.executionId() == null
					&& summary.previousExecutionId() != null, "final summary",
					"ALREADY_COMPLETED " + summary.counts() + " execution_id=" + summary.executionId()
							+ " previous_execution_id=" + summary.previousExecutionId()
							+ " where it must say zero counts and name the earlier execution");
		}
		else {
			violations.check(summary.countsAre(expected), "final summary",
					summary.status() + " " + summary.counts() + " where the file makes " + expected);
		}
	}

	/**
	 * Whether a snapshot's list of delegations is the user's delegations before the job, less those with another
	 * user of the same file terminated before them.
	 */
	private static boolean delegationsAsBefore(java.sql.Array listed, Set<String> before, Set<String> leavers)
			throws SQLException {
		Set<String> snapshot = new TreeSet<>(List.of((String[]) listed.getArray()));
		if (!before.containsAll(snapshot)) {
			return false;
		}
		return before.stream().filter((other) -> !snapshot.contains(other)).allMatch(leavers::contains);
	}

	/** The rejects report names exactly the rejected rows, none twice, however many runs wrote it. */
	private void rejectsReport(JobSummary summary, Set<Long> rejectedRows, Violations violations) throws IOException {
		if (summary.report() == null) {
			violations.check("ALREADY_COMPLETED".equals(summary.status()), "rejects report",
					"the summary names none");
			return;
		}
		List<Long> rows = report(summary.report()).stream().map((line) -> Long.valueOf(line.get("Row"))).toList();
		violations.check(rows.size() == new HashSet<>(rows).size(), "rejects report", "a row listed twice");
		violations.check(new TreeSet<>(rows).equals(rejectedRows), "rejects report",
				"rows " + abbreviate(rows) + " where the file has " + abbreviate(rejectedRows) + " rejected");
	}

	private List<Map<String, String>> report(String path) throws IOException {
		Path file = this.work.resolve(path);
		List<Map<String, String>> lines = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			reader.mark(1);
			if (reader.read() != '\uFEFF') {
				reader.reset();
			}
			for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().get().parse(reader)) {
				lines.add(record.toMap());
			}
		}
		return lines;
	}

	/** The live codes of {@code users} were never issued before the job. */
	private void newCodes(Connection connection, List<Model.User> users, Set<String> codesBefore,
			Violations violations) throws SQLException {
		Map<String, StateCheck.Stored> stored = StateCheck.users(connection, this.accountId);
		for (Model.User user : users) {
			StateCheck.Stored now = stored.get(user.key);
			if (now != null && now.hostCode() != null) {
				violations.check(!codesBefore.contains(now.hostCode()) && !codesBefore.contains(now.guestCode()),
						"codes issued again", user.email);
			}
		}
	}

	/**
	 * Every email the server accepted, by Message-ID, against the outbox: each sent email accepted at least once; a
	 * second copy only of an email flagged as a possible duplicate; never more copies than deliveries were killed,
	 * plus one; nothing accepted that the outbox does not hold.
	 */
	private void mailCopies(Connection connection, Violations violations) throws SQLException {
		Map<String, MailSink.Received> received = new HashMap<>(this.mail.received());
		long duplicated = 0;
		long flagged = 0;
		long unreported = 0;
		try (PreparedStatement statement = SoakDatabase.prepare(connection, """
				select o.id, o.message_id, o.status, o.possible_duplicate, u.email_key,
					exists (select 1 from batch_job_execution e
						where e.job_execution_id = o.delivery_execution_id and e.status = 'COMPLETED')
				from email_outbox o join app_user u on u.id = o.user_id
				where o.account_id = ?""", this.accountId); ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				String id = rows.getString(2);
				MailSink.Received copies = (id != null) ? received.remove(id) : null;
				int count = (copies != null) ? copies.copies() : 0;
				boolean possibleDuplicate = rows.getBoolean(4);
				String what = "outbox " + rows.getLong(1) + " (" + rows.getString(3) + ") to " + rows.getString(5);
				if ("SENT".equals(rows.getString(3))) {
					violations.check(count >= 1, "sent but never accepted", what);
				}
				if (copies != null) {
					violations.check(copies.recipient().equals(rows.getString(5)), "accepted for another recipient",
							what + " went to " + copies.recipient());
				}
				violations.check(count <= 1 || possibleDuplicate, "sent twice, not flagged a possible duplicate",
						what + ": " + count + " copies");
				violations.check(count <= 1 + this.deliveryKills, "more copies than kills",
						what + ": " + count + " copies after " + this.deliveryKills + " killed deliveries");
				if (count > 1) {
					duplicated++;
					if (!rows.getBoolean(6)) {
						unreported++;
					}
				}
				if (possibleDuplicate) {
					flagged++;
				}
			}
		}
		violations.check(received.isEmpty(), "accepted emails the outbox does not hold", received.keySet().toString());
		violations.check(this.mail.withoutId() == 0, "accepted emails without a Message-ID");
		if (flagged > 0) {
			this.notes.add(String.format(Locale.ROOT,
					"after %d killed deliveries: %d emails flagged possible duplicates, %d of them accepted twice, "
							+ "%d of those in no delivery report (sent by a run that was killed later)",
					this.deliveryKills, flagged, duplicated, unreported));
		}
	}

	// --- files ---

	private CSVPrinter csv(Path file, List<String> header) throws IOException {
		Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
		CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
		printer.printRecord(header);
		return printer;
	}

	/** The cells after Email of a new user, as an HR export might write them. */
	private List<String> randomCells() {
		String office = pick(OFFICES);
		if (this.random.nextDouble() < 0.1) {
			office = office.toLowerCase(Locale.ROOT);
		}
		return List.of(pick(FIRST_NAMES), pick(LAST_NAMES), pick(GROUPS), office, pick(PROFILE_TYPES),
				pick(BILLING_CODES), pick(LANGUAGES));
	}

	/** What Roster stores for those cells: the account's names for its reference data, defaults for blanks. */
	private static Model.Fields stored(List<String> cells) {
		return new Model.Fields(cells.get(0), cells.get(1), reference(GROUPS, cells.get(2)),
				reference(OFFICES, cells.get(3)), cells.get(4).isEmpty() ? "Standard" : cells.get(4),
				cells.get(5).isEmpty() ? "00420" : cells.get(5), cells.get(6).isEmpty() ? "en" : cells.get(6));
	}

	private static String reference(String[] names, String cell) {
		for (String name : names) {
			if (!name.isEmpty() && name.equalsIgnoreCase(cell)) {
				return name;
			}
		}
		return null;
	}

	/** A user's stored fields as roster cells; {@code office} instead of theirs when given. */
	private static List<String> cells(Model.Fields fields, String office) {
		return List.of(fields.firstName(), fields.lastName(), blank(fields.group()),
				(office != null) ? office : blank(fields.office()), fields.profileType(), fields.billingCode(),
				fields.language());
	}

	private static String blank(String value) {
		return (value != null) ? value : "";
	}

	private static List<String> concat(String first, List<String> rest) {
		List<String> all = new ArrayList<>();
		all.add(first);
		all.addAll(rest);
		return all;
	}

	private String pick(String[] values) {
		return values[this.random.nextInt(values.length)];
	}

	// --- the database between jobs ---

	/** Starts the database for a look between two jobs, and stops it again. */
	private <T> T inspect(Inspection<T> inspection) throws Exception {
		try (SoakDatabase.Server server = this.database.start(this.logs.resolve("postgres-checks.log"));
				Connection connection = this.database.connect()) {
			T result = inspection.inspect(connection);
			this.lastExecution = Math.max(this.lastExecution,
					SoakDatabase.countOf(connection, "select coalesce(max(job_execution_id), 0) from batch_job_execution"));
			return result;
		}
	}

	@Override
	public void close() throws Exception {
		try {
			this.roster.close();
		}
		finally {
			this.mail.close();
		}
	}

	private static String tail(String text) {
		return (text.length() <= 2000) ? text : "..." + text.substring(text.length() - 2000);
	}

	private static String abbreviate(java.util.Collection<Long> rows) {
		List<Long> sorted = new ArrayList<>(new TreeSet<>(rows));
		return (sorted.size() <= 12) ? sorted.toString()
				: sorted.subList(0, 12).toString().replace("]", ", ... " + sorted.size() + " in all]");
	}

	private static int clamp(int value, int min, int max) {
		return Math.max(min, Math.min(max, value));
	}

	private static int freePort() throws IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
