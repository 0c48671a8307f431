package dev.roster.user;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import dev.roster.IntegrationTest;
import dev.roster.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Terminating a user expires the links already in their mailbox, in the termination's own transaction, whichever job
 * terminates them: when the termination rolls back, the links are as they were.
 */
class TerminationLinksTests extends IntegrationTest {

	private static final String LIVE = "2099-01-01 00:00:00+00";

	private static final String PAST = "2020-01-01 00:00:00+00";

	@TempDir
	Path temp;

	@BeforeEach
	void staffWithLinks() {
		// ten users of acme; Jane has a link of every purpose, one link already used and one long expired; Ana has one
		createAcme();
		roster("import-users", "--account", "acme", "--no-deliver", "--file", fixture("syncroster/staff.csv").toString());
		link("jane-register", "jane.doe@acme.example", "register", LIVE, false);
		link("jane-set-password", "jane.doe@acme.example", "set-password", LIVE, false);
		link("jane-reset-password", "jane.doe@acme.example", "reset-password", LIVE, false);
		link("jane-used", "jane.doe@acme.example", "set-password", LIVE, true);
		link("jane-expired", "jane.doe@acme.example", "reset-password", PAST, false);
		link("ana-set-password", "ana.lopez@acme.example", "set-password", LIVE, false);
	}

	@Test
	void terminateExpiresTheLinksInItsTransaction() {
		Path leavers = TestFiles.csv(this.temp, "leavers.csv", "Email", "jane.doe@acme.example");
		try (Refusal refusal = refuse("termination_snapshot", "new.snapshot->>'email' = 'jane.doe@acme.example'",
				"disk full (simulated)")) {
			Result failed = roster("terminate", "--account", "acme", "--file", leavers.toString());
			assertThat(failed.exitCode()).isEqualTo(1);
		}
		assertNothingChanged();

		Result result = roster("terminate", "--account", "acme", "--file", leavers.toString());

		assertThat(result.out()).contains("terminated=1");
		assertJaneTerminatedWithHerLinks();
	}

	@Test
	void terminateDueExpiresTheLinksInItsTransaction() {
		this.jdbc.update("update app_user set termination_due_on = current_date where email = 'jane.doe@acme.example'");
		try (Refusal refusal = refuse("termination_snapshot", "new.snapshot->>'email' = 'jane.doe@acme.example'",
				"disk full (simulated)")) {
			Result failed = roster("terminate-due");
			assertThat(failed.exitCode()).isEqualTo(1);
		}
		assertNothingChanged();

		Result result = roster("terminate-due");

		assertThat(result.out()).startsWith("terminate-due: COMPLETED terminated=1");
		assertJaneTerminatedWithHerLinks();
	}

	@Test
	void syncRosterExpiresTheLinksOfAnAbsentUserInItsTransaction() {
		// the roster lists everyone but Jane
		Path roster = TestFiles.csv(this.temp, "roster.csv", "Email,First Name,Last Name,Profile Type,Group,Office,"
				+ "Billing Code,Language", "ana.lopez@acme.example,Ana,López,Premium,Sales,Madrid,00420,es",
				"ben.carter@acme.example,Ben,Carter,,Engineering,London,,en",
				"carla.ruiz@acme.example,Carla,Ruiz,Standard,Support,Madrid,00777,es",
				"dan.okafor@acme.example,Dan,Okafor,Standard,Engineering,New York,01234,en",
				"eva.novak@acme.example,Eva,Novák,Premium,Sales,London,,en",
				"fay.wong@acme.example,Fay,Wong,,Support,New York,,en", "gus.berg@acme.example,Gus,Berg,,Sales,Madrid,,es",
				"hana.sato@acme.example,Hana,Sato,Premium,Engineering,London,,en",
				"ivan.petrov@acme.example,Ivan,Petrov,,Support,London,,en");
		try (Refusal refusal = refuse("termination_snapshot", "new.snapshot->>'email' = 'jane.doe@acme.example'",
				"disk full (simulated)")) {
			Result failed = roster("sync-roster", "--account", "acme", "--file", roster.toString(), "--no-deliver");
			assertThat(failed.exitCode()).isEqualTo(1);
		}
		assertNothingChanged();

		Result result = roster("sync-roster", "--account", "acme", "--file", roster.toString(), "--no-deliver");

		assertThat(result.out()).contains("terminated=1");
		assertJaneTerminatedWithHerLinks();
	}

	private void assertNothingChanged() {
		assertThat(count("select count(*) from app_user where status = 'TERMINATED'")).isZero();
		assertThat(links()).containsEntry("jane-register", LIVE)
			.containsEntry("jane-set-password", LIVE)
			.containsEntry("jane-reset-password", LIVE)
			.containsEntry("jane-used", LIVE)
			.containsEntry("jane-expired", PAST)
			.containsEntry("ana-set-password", LIVE);
	}

	private void assertJaneTerminatedWithHerLinks() {
		assertThat(statuses()).containsEntry("jane.doe@acme.example", "TERMINATED")
			.containsEntry("ana.lopez@acme.example", "ACTIVE");
		// the outstanding links expire at the very moment of the termination; a used or expired one is left as it was
		assertThat(links()).containsEntry("jane-register", "terminated")
			.containsEntry("jane-set-password", "terminated")
			.containsEntry("jane-reset-password", "terminated")
			.containsEntry("jane-used", LIVE)
			.containsEntry("jane-expired", PAST)
			.containsEntry("ana-set-password", LIVE);
		assertThat(this.jdbc.queryForObject("select snapshot->>'expired_links' from termination_snapshot",
				String.class)).isEqualTo("3");
	}

	/** Each link's expiry by its token, {@code terminated} when it is its user's termination time. */
	private Map<String, String> links() {
		Map<String, String> links = new TreeMap<>();
		this.jdbc.query("""
				select convert_from(t.token_hash, 'UTF8'),
					case when t.expires_at = u.terminated_at then 'terminated'
						else to_char(t.expires_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00' end
				from user_token t join app_user u on u.id = t.user_id""",
				(rs) -> {
					links.put(rs.getString(1), rs.getString(2));
				});
		return links;
	}

	/** A link token as delivery stores it; the token's text stands for its hash, so the test can name it. */
	private void link(String token, String email, String purpose, String expiresAt, boolean used) {
		this.jdbc.update("""
				insert into user_token (token_hash, user_id, purpose, expires_at, used_at)
				select convert_to(?, 'UTF8'), id, ?, ?::timestamptz, case when ? then now() end
				from app_user where email = ?""", token, purpose, expiresAt, used, email);
	}

}
