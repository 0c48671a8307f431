package dev.roster.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.roster.access.AuditLog;
import dev.roster.access.Caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's audit log, newest first, a page at a time: for the people of the account and operators. A machine's
 * token reads no audit log, its own uses included: what it did is for the people who answer for it.
 */
@RestController
class AuditController {

	static final int MAX_LIMIT = 200;

	private final AuditLog audit;

	private final AccountAccess access;

	AuditController(AuditLog audit, AccountAccess access) {
		this.audit = audit;
		this.access = access;
	}

	@GetMapping("/api/v1/accounts/{account}/audit")
	EventPage list(@PathVariable String account, @RequestParam(required = false) Long before,
			@RequestParam(defaultValue = "50") int limit) {
		this.access.account(account);
		Caller caller = Callers.current();
		if (!caller.person() && !caller.operator()) {
			throw ApiProblem.forbidden("an account's token does not read the audit log; its people do");
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw ApiProblem.badRequest("limit is between 1 and " + MAX_LIMIT);
		}
		List<AuditLog.Event> events = this.audit.list(account, before, limit + 1);
		boolean more = events.size() > limit;
		List<EventBody> page = events.stream().limit(limit).map(EventBody::of).toList();
		return new EventPage(page, more ? page.get(page.size() - 1).id() : null);
	}

	/** One page; {@code next} is the {@code before} of the next page, {@code null} on the last. */
	record EventPage(List<EventBody> events, Long next) {
	}

	/** An event as the API shows it; {@code detail} is its JSON object. */
	record EventBody(long id, Instant at, String actor, String action, String target, String source,
			@JsonRawValue String detail) {

		static EventBody of(AuditLog.Event event) {
			return new EventBody(event.id(), event.at(), event.actor(), event.action(), event.target(),
					event.source(), event.detail());
		}

	}

}
