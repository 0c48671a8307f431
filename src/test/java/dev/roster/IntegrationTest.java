package dev.roster;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;

import dev.roster.account.AccountDefinition;
import dev.roster.account.AccountStore;
import dev.roster.cli.RosterCli;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: one application context shape, so Spring caches it and the whole run shares one
 * embedded PostgreSQL; every table is emptied before each test. Commands run through the real command line.
 */
@SpringBootTest(properties = { "roster.home=target/test-roster-home", "roster.embedded-database.fsync=false",
		"roster.import-users.chunk-size=100", "roster.terminate.chunk-size=100", "roster.reactivate.chunk-size=100",
		"roster.sync.chunk-size=100", "roster.delegates.chunk-size=100", "roster.mail.connections=2",
		"roster.mail.chunk-size=20", "roster.mail.max-attempts=3", "roster.mail.initial-backoff=100ms",
		"roster.mail.max-wait=3s", "roster.mail.rate-per-account=0", "spring.mail.host=127.0.0.1" })
public abstract class IntegrationTest {

	/** Every integration test sends to the one GreenMail server of the run. */
	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", MailServer::port);
	}

	static {
		// each run starts from an empty database, so a migration added beside others never meets a half-old schema
		FileSystemUtils.deleteRecursively(new File("target/test-roster-home/postgres"));
		FileSystemUtils.deleteRecursively(new File("target/test-http-home/postgres"));
	}

	@Autowired
	protected JdbcTemplate jdbc;

	@Autowired
	protected ApplicationContext context;

	@Autowired
	protected AccountStore accounts;

	@BeforeEach
	void emptyTablesAndMailbox() {
		MailServer.reset();
		this.jdbc.execute("""
				truncate sync_roster_row, delegate_row, job_seen_email, job_row_report, user_token, email_outbox, termination_snapshot,
					meeting_room, user_delegate, app_user, access_code, account_profile_type, account_office,
					account_group, account_email_domain, account, batch_step_execution_context, batch_job_execution_context,
					batch_step_execution, batch_job_execution_params, batch_job_execution, batch_job_instance,
					int_metadata_store, job_launch, audit_event, api_token, person_token, account_admin, person
				restart identity""");
	}

	/** The account most tests use: the reference data of the fixtures under src/test/resources. */
	protected void createAcme() {
		this.accounts.define(new AccountDefinition("acme", "Acme Corporation", List.of("Sales", "Engineering", "Support"),
				List.of("Madrid", "London", "New York"), List.of("Standard", "Premium"), "Standard", "00420"));
	}

	protected void createGlobex() {
		this.accounts.define(new AccountDefinition("globex", "Globex", List.of("Sales"), List.of("Springfield"),
				List.of("Basic"), "Basic", null));
	}

	protected static Path fixture(String name) {
		return Path.of("src/test/resources", name);
	}

	protected Result roster(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = RosterCli.run(this.context, new PrintWriter(out, true), new PrintWriter(err, true), args);
		return new Result(exitCode, out.toString(), err.toString());
	}

	protected long count(String sql, Object... args) {
		Long count = this.jdbc.queryForObject(sql, Long.class, args);
		return (count != null) ? count : 0;
	}

	/**
	 * Makes the database refuse, with {@code message}, every row inserted into {@code table} for which
	 * {@code condition} (about {@code new}) holds — a full disk or a lost connection at a chosen row — until closed.
	 */
	protected Refusal refuse(String table, String condition, String message) {
		String name = "refuse_" + table + "_" + Long.toHexString(System.nanoTime());
		this.jdbc.execute("""
				create function %1$s() returns trigger language plpgsql as $$
				begin
					if %2$s then raise exception '%3$s'; end if;
					return new;
				end $$""".formatted(name, condition, message));
		this.jdbc.execute("create trigger %1$s before insert on %2$s for each row execute function %1$s()"
			.formatted(name, table));
		return () -> {
			this.jdbc.execute("drop trigger " + name + " on " + table);
			this.jdbc.execute("drop function " + name + "()");
		};
	}

	/** A refusal set up by {@link #refuse}; closing it lets the rows in again. */
	protected interface Refusal extends AutoCloseable {

		@Override
		void close();

	}

	/** Every user's status, by email, followed by its scheduled termination date when it has one. */
	protected Map<String, String> statuses() {
		Map<String, String> statuses = new TreeMap<>();
		this.jdbc.query("select email, status, termination_due_on from app_user", (rs) -> {
			String due = rs.getString(3);
			statuses.put(rs.getString(1), rs.getString(2) + ((due != null) ? " " + due : ""));
		});
		return statuses;
	}

	/** What a command printed and how it exited. */
	protected record Result(int exitCode, String out, String err) {

		/** The value of {@code name=} in the summary line. */
		public String field(String name) {
			for (String part : this.out.strip().split(" ")) {
				if (part.startsWith(name + "=")) {
					return part.substring(name.length() + 1);
				}
			}
			throw new AssertionError("no " + name + "= in: " + this.out);
		}

		public long count(String name) {
			return Long.parseLong(field(name));
		}

	}

}
