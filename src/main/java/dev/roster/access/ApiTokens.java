package dev.roster.access;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API tokens: created with a name, shown once, stored as a hash, revoked by name. A token of an account launches the
 * jobs it was created for; an operator's token acts as support staff. Every use is recorded (when, from where).
 */
@Repository
public class ApiTokens {

	/** The start of every token's text, so a leaked one is recognised (and found by secret scanners). */
	public static final String PREFIX = "rst_";

	/** The accepted text of a token's name: it says which system holds the token. */
	public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private final JdbcClient jdbc;

	private final AuditLog audit;

	ApiTokens(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/**
	 * Creates a token for {@code account} (a slug), or an operator's token when it is {@code null}, and returns its
	 * text: the only time it exists outside the caller's hands.
	 */
	public String create(String account, String name, Collection<String> jobs, String createdBy) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("a token's name is 1 to 64 letters, digits, '.', '_' or '-', starting "
					+ "with a letter or digit, e.g. workday: '" + name + "' is not");
		}
		String secret = Secrets.generate(PREFIX);
		try {
			int created = this.jdbc.sql("""
					insert into api_token (account_id, name, token_hash, jobs, operator, created_by)
					select a.id, :name, :hash, :jobs, cast(:account as text) is null, :by
					from (select 1) one left join account a on a.slug = cast(:account as text)
					where cast(:account as text) is null or a.id is not null""")
				.param("name", name)
				.param("hash", Secrets.hash(secret))
				.param("jobs", jobs.toArray(String[]::new))
				.param("account", account)
				.param("by", createdBy)
				.update();
			if (created == 0) {
				throw new IllegalArgumentException("unknown account '" + account + "'");
			}
		}
		catch (DuplicateKeyException ex) {
			throw new IllegalArgumentException("a token named '" + name + "' exists"
					+ ((account != null) ? " for account " + account : " among operators' tokens")
					+ "; revoke it first, or choose another name");
		}
		return secret;
	}

	/** Revokes the live token of that name; returns whether there was one. */
	public boolean revoke(String account, String name) {
		return this.jdbc.sql("""
				update api_token set revoked_at = now()
				where name = :name and revoked_at is null
				  and account_id is not distinct from (select id from account where slug = :account)""")
			.param("name", name)
			.param("account", account)
			.update() > 0;
	}

	/** The account's tokens, live and revoked, or the operators' when {@code account} is {@code null}. */
	public List<TokenInfo> list(String account) {
		return this.jdbc.sql("""
				select t.id, a.slug, t.name, t.jobs, t.operator, t.created_at, t.created_by, t.revoked_at,
				       t.last_used_at, t.last_used_from
				from api_token t left join account a on a.id = t.account_id
				where a.slug is not distinct from :account
				order by t.name, t.id""")
			.param("account", account)
			.query((rs, n) -> new TokenInfo(rs.getLong(1), rs.getString(2), rs.getString(3),
					List.of((String[]) rs.getArray(4).getArray()), rs.getBoolean(5), instant(rs.getTimestamp(6)),
					rs.getString(7), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), rs.getString(10)))
			.list();
	}

	/**
	 * The caller a presented token acts as, if it is a live token; its use is recorded on the token, at most once
	 * every few seconds so a busy machine does not turn reads into writes, and in the audit log as {@code token.use}
	 * on its first use from an address (one other than its last) and otherwise at most hourly.
	 */
	public Optional<Caller> authenticate(String secret, String from) {
		if (secret == null || !secret.startsWith(PREFIX)) {
			return Optional.empty();
		}
		Optional<Caller> caller = this.jdbc.sql("""
				select t.id, a.slug, t.name, t.jobs, t.operator
				from api_token t left join account a on a.id = t.account_id
				where t.token_hash = ? and t.revoked_at is null""")
			.param(Secrets.hash(secret))
			.query((rs, n) -> {
				String account = rs.getString(2);
				boolean operator = rs.getBoolean(5);
				return new Caller(Caller.Kind.TOKEN, rs.getLong(1),
						((account != null) ? account : "operator") + "/" + rs.getString(3), operator,
						(account != null) ? Set.of(account) : Set.of(), Set.of((String[]) rs.getArray(4).getArray()));
			})
			.optional();
		caller.ifPresent((found) -> {
			// the set clause sees the row as it was; now() is the statement's one instant, so the returned row says
			// whether this use is the one to audit
			List<Boolean> audited = this.jdbc.sql("""
					update api_token set last_used_at = now(), last_used_from = :from,
					       use_audited_at = case when last_used_from is distinct from :from or use_audited_at is null
					                                  or use_audited_at <= now() - interval '1 hour'
					                             then now() else use_audited_at end
					where id = :id and (last_used_at is null or last_used_at < now() - interval '5 seconds'
					                    or last_used_from is distinct from :from)
					returning use_audited_at = now()""")
				.param("id", found.id())
				.param("from", from)
				.query(Boolean.class)
				.list();
			if (audited.contains(Boolean.TRUE)) {
				this.audit.record(found.operator() ? null : found.accounts().iterator().next(), found.who(),
						"token.use", "token " + found.name(), from, Map.of());
			}
		});
		return caller;
	}

	private static Instant instant(java.sql.Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** A token as listed: never its text, which is not kept. */
	public record TokenInfo(long id, String account, String name, List<String> jobs, boolean operator,
			Instant createdAt, String createdBy, Instant revokedAt, Instant lastUsedAt, String lastUsedFrom) {
	}

}
