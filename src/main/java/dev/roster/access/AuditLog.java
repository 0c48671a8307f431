package dev.roster.access;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who did what, when and from where: every launch, approval, sign-in and token use. Events are only ever added.
 */
@Repository
public class AuditLog {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records an event of {@code account} (a slug, or {@code null} for one of the whole service).
	 *
	 * @param actor who: {@link Caller#who()}, or {@code system}
	 * @param action what, a word ({@code job.launch}, {@code sign-in}, {@code token.use})
	 * @param target on what ({@code job 42}), or {@code null}
	 * @param source from where: the client's address, or the door ({@code cli})
	 */
	public void record(String account, String actor, String action, String target, String source,
			Map<String, ?> detail) {
		this.jdbc.sql("""
				insert into audit_event (account_id, actor, action, target, source, detail)
				values ((select id from account where slug = :account), :actor, :action, :target, :source, :detail::jsonb)""")
			.param("account", account)
			.param("actor", actor)
			.param("action", action)
			.param("target", target)
			.param("source", source)
			.param("detail", JSON.writeValueAsString(detail))
			.update();
	}

	/**
	 * Records an event about a person in every account they administer, so each account's admins see it, and as an
	 * event of the whole service for an operator (or a person of no account yet).
	 */
	public void recordForPerson(boolean operator, Collection<String> accounts, String actor, String action,
			String target, String source, Map<String, ?> detail) {
		if (operator || accounts.isEmpty()) {
			record(null, actor, action, target, source, detail);
		}
		for (String account : accounts) {
			record(account, actor, action, target, source, detail);
		}
	}

	/** An account's events, newest first, those with an id below {@code before} when it is given. */
	public List<Event> list(String account, Long before, int limit) {
		return this.jdbc.sql("""
				select e.id, e.at, e.actor, e.action, e.target, e.source, e.detail::text
				from audit_event e join account a on a.id = e.account_id
				where a.slug = :account and (:before::bigint is null or e.id < :before)
				order by e.id desc limit :limit""")
			.param("account", account)
			.param("before", before)
			.param("limit", limit)
			.query((rs, n) -> new Event(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
			.list();
	}

	/** An event as listed; {@code detail} is its JSON object. */
	public record Event(long id, Instant at, String actor, String action, String target, String source,
			String detail) {
	}

}
