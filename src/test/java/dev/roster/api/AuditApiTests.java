package dev.roster.api;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** An account's audit log over HTTP, a page at a time, and the token uses it records. */
class AuditApiTests extends HttpTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@BeforeEach
	void accounts() {
		createAcme();
		createGlobex();
	}

	@Test
	void eventsComeNewestFirstAPageAtATime() throws Exception {
		for (int i = 1; i <= 5; i++) {
			this.context.getBean(dev.roster.access.AuditLog.class)
				.record("acme", "person:ana@acme.example", "job.launch", "job " + i, "127.0.0.1", Map.of("n", i));
		}
		this.context.getBean(dev.roster.access.AuditLog.class)
			.record("globex", "person:gus@globex.example", "job.launch", "job 9", "127.0.0.1", Map.of());
		String operator = operatorToken();
		// when
		JsonNode first = JSON.readTree(get("/api/v1/accounts/acme/audit?limit=2", operator).body());
		// then
		assertThat(first.get("events").valueStream().map((event) -> event.get("target").asString()))
			.containsExactly("job 5", "job 4");
		assertThat(first.get("events").get(0).get("detail").get("n").asInt()).isEqualTo(5);
		assertThat(first.get("events").get(0).get("actor").asString()).isEqualTo("person:ana@acme.example");
		assertThat(first.get("events").get(0).get("at").asString()).endsWith("Z");
		long next = first.get("next").asLong();
		JsonNode second = JSON.readTree(get("/api/v1/accounts/acme/audit?limit=2&before=" + next, operator).body());
		assertThat(second.get("events").valueStream().map((event) -> event.get("target").asString()))
			.containsExactly("job 3", "job 2");
		JsonNode last = JSON
			.readTree(get("/api/v1/accounts/acme/audit?limit=2&before=" + second.get("next").asLong(), operator)
				.body());
		// the operator token's own first use is an event of no account: acme's log shows acme's events only
		assertThat(last.get("events").valueStream().map((event) -> event.get("target").asString()))
			.containsExactly("job 1");
		assertThat(last.get("next").isNull()).isTrue();
		assertThat(get("/api/v1/accounts/acme/audit?limit=0", operator).statusCode()).isEqualTo(400);
		assertThat(get("/api/v1/accounts/acme/audit?limit=1000", operator).statusCode()).isEqualTo(400);
	}

	@Test
	void anAccountsTokenReadsNoAuditLogAndAnotherAccountsIs404() throws Exception {
		String acme = token("acme", "sync-roster");
		HttpResponse<String> own = get("/api/v1/accounts/acme/audit", acme);
		assertThat(own.statusCode()).isEqualTo(403);
		assertThat(own.body()).contains("audit log");
		assertThat(get("/api/v1/accounts/globex/audit", acme).statusCode()).isEqualTo(404);
		assertThat(get("/api/v1/accounts/acme/audit", null).statusCode()).isEqualTo(401);
	}

	@Test
	void aTokensUseIsAuditedOnItsFirstUseFromAnAddressThenAtMostHourly() throws Exception {
		String token = this.tokens.create("acme", "workday", List.of("sync-roster"), "test");
		// first use
		get("/api/v1/accounts/acme", token);
		assertThat(tokenUses()).isEqualTo(1);
		assertThat(this.jdbc.queryForMap("select actor, target, source from audit_event where action = 'token.use'"))
			.containsEntry("actor", "token:acme/workday")
			.containsEntry("target", "token acme/workday")
			.containsEntry("source", "127.0.0.1");
		// more uses within the hour, some after the token's few seconds without a write
		get("/api/v1/accounts/acme", token);
		this.jdbc.update("update api_token set last_used_at = now() - interval '1 minute'");
		get("/api/v1/accounts/acme", token);
		assertThat(tokenUses()).isEqualTo(1);
		// from another address
		this.jdbc.update("update api_token set last_used_from = '10.1.2.3'");
		get("/api/v1/accounts/acme", token);
		assertThat(tokenUses()).isEqualTo(2);
		// an hour later
		this.jdbc.update("update api_token set last_used_at = now() - interval '61 minutes', "
				+ "use_audited_at = now() - interval '61 minutes'");
		get("/api/v1/accounts/acme", token);
		assertThat(tokenUses()).isEqualTo(3);
	}

	private long tokenUses() {
		return count("select count(*) from audit_event e join account a on a.id = e.account_id "
				+ "where a.slug = 'acme' and e.action = 'token.use'");
	}

}
