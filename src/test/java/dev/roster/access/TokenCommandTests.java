package dev.roster.access;

import java.util.List;

import dev.roster.api.HttpTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code roster token}: the token printed once works over HTTP, a revoked one does not; mistakes are exit 2. */
class TokenCommandTests extends HttpTest {

	@BeforeEach
	void accounts() {
		createAcme();
		createGlobex();
	}

	@Test
	void createPrintsTheTokenOnceAsTheLastLineAndItWorksOverHttpUntilRevoked() throws Exception {
		// when
		Result created = roster("token", "create", "--account", "acme", "--name", "workday", "--jobs",
				"sync-roster,terminate");
		// then
		assertThat(created.exitCode()).isZero();
		List<String> lines = created.out().strip().lines().toList();
		String token = lines.get(lines.size() - 1);
		assertThat(token).startsWith(ApiTokens.PREFIX).hasSizeGreaterThan(40);
		assertThat(created.out().strip().lines().filter((line) -> line.contains(token))).hasSize(1);
		assertThat(lines.get(0)).contains("workday").contains("acme").contains("sync-roster, terminate");
		assertThat(created.out()).contains("shown this once");
		assertThat(count("select count(*) from api_token where token_hash = ?", (Object) Secrets.hash(token)))
			.isEqualTo(1);
		assertThat(count("select count(*) from audit_event where action = 'token.create'")).isEqualTo(1);
		assertThat(get("/api/v1/accounts/acme", token).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/accounts/globex", token).statusCode()).isEqualTo(404);

		Result revoked = roster("token", "revoke", "--account", "acme", "--name", "workday");
		assertThat(revoked.exitCode()).isZero();
		assertThat(revoked.out()).contains("revoked");
		assertThat(get("/api/v1/accounts/acme", token).statusCode()).isEqualTo(401);
		assertThat(roster("token", "revoke", "--account", "acme", "--name", "workday").exitCode()).isEqualTo(2);
	}

	@Test
	void anOperatorTokenSeesEveryAccount() throws Exception {
		Result created = roster("token", "create", "--operator", "--name", "support-scripts");
		assertThat(created.exitCode()).isZero();
		assertThat(created.out()).contains("every account");
		String token = created.out().strip().lines().reduce((first, second) -> second).orElseThrow();
		assertThat(get("/api/v1/accounts", token).body()).isEqualTo("{\"accounts\":[\"acme\",\"globex\"]}");
		assertThat(roster("token", "create", "--operator", "--name", "other", "--jobs", "terminate").exitCode())
			.isEqualTo(2);
		assertThat(roster("token", "revoke", "--operator", "--name", "support-scripts").exitCode()).isZero();
		assertThat(get("/api/v1/accounts", token).statusCode()).isEqualTo(401);
	}

	@Test
	void unknownJobsAndAccountsAreExit2NamingWhatIsAccepted() {
		Result unknownJob = roster("token", "create", "--account", "acme", "--name", "workday", "--jobs",
				"sync-roster,fire-everyone");
		assertThat(unknownJob.exitCode()).isEqualTo(2);
		assertThat(unknownJob.err()).contains("fire-everyone")
			.contains("import-users, terminate, terminate-due, reactivate, sync-roster, import-delegates, "
					+ "send-emails, deliver-emails, export-users, provision");
		Result unknownAccount = roster("token", "create", "--account", "initech", "--name", "workday", "--jobs",
				"terminate");
		assertThat(unknownAccount.exitCode()).isEqualTo(2);
		assertThat(unknownAccount.err()).contains("unknown account 'initech'");
		assertThat(roster("token", "create", "--account", "acme", "--name", "bad name!").exitCode()).isEqualTo(2);
		assertThat(roster("token", "create", "--name", "workday").exitCode()).isEqualTo(2);
		assertThat(roster("token", "create", "--account", "acme", "--operator", "--name", "workday").exitCode())
			.isEqualTo(2);
		assertThat(count("select count(*) from api_token")).isZero();
	}

	@Test
	void aNameIsTakenOnceAmongTheLiveTokensOfAnAccount() {
		assertThat(roster("token", "create", "--account", "acme", "--name", "workday").exitCode()).isZero();
		Result again = roster("token", "create", "--account", "acme", "--name", "workday");
		assertThat(again.exitCode()).isEqualTo(2);
		assertThat(again.err()).contains("exists");
		assertThat(roster("token", "create", "--account", "globex", "--name", "workday").exitCode()).isZero();
	}

	@Test
	void listShowsNameJobsCreatorLastUseAndRevocationButNeverTheToken() throws Exception {
		String used = lastLine(roster("token", "create", "--account", "acme", "--name", "workday", "--jobs",
				"sync-roster"));
		roster("token", "create", "--account", "acme", "--name", "old-script", "--jobs", "export-users");
		roster("token", "revoke", "--account", "acme", "--name", "old-script");
		roster("token", "create", "--account", "globex", "--name", "globex-hr");
		assertThat(get("/api/v1/accounts/acme", used).statusCode()).isEqualTo(200);
		// when
		Result list = roster("token", "list", "--account", "acme");
		// then
		assertThat(list.exitCode()).isZero();
		List<String> lines = list.out().lines().toList();
		assertThat(lines.get(0)).contains("NAME").contains("JOBS").contains("CREATED").contains("BY")
			.contains("LAST USE").contains("FROM").contains("REVOKED");
		assertThat(lines).hasSize(3);
		assertThat(lines.get(1)).startsWith("old-script").contains("export-users").contains("cli:");
		assertThat(lines.get(1).strip()).doesNotEndWith("-");
		assertThat(lines.get(2)).startsWith("workday").contains("sync-roster").contains("127.0.0.1");
		assertThat(lines.get(2).strip()).endsWith("-");
		assertThat(list.out()).doesNotContain(used).doesNotContain("globex-hr");
		assertThat(roster("token", "list", "--account", "initech").exitCode()).isEqualTo(2);
		assertThat(roster("token", "list", "--operator").out()).contains("no tokens");
	}

	private static String lastLine(Result result) {
		assertThat(result.exitCode()).isZero();
		return result.out().strip().lines().reduce((first, second) -> second).orElseThrow();
	}

}
