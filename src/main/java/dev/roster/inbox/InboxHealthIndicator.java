package dev.roster.inbox;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The drop folders' part of {@code /actuator/health}: what waits and what runs, the inbox paths serve cannot use,
 * and DOWN once a file has waited for its account's turn longer than {@code roster.inbox.backlog-alert}.
 */
class InboxHealthIndicator extends AbstractHealthIndicator {

	private final Serve serve;

	InboxHealthIndicator(Serve serve) {
		super("Inbox health check failed");
		this.serve = serve;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		var backlog = this.serve.backlog();
		if (backlog.isEmpty()) {
			builder.up().withDetail("serving", false);
			return;
		}
		Serve.Backlog state = backlog.get();
		Duration waited = (state.oldestWaiting() != null) ? Duration.between(state.oldestWaiting(), Instant.now())
				: Duration.ZERO;
		builder.withDetail("serving", true)
			.withDetail("waiting", state.waiting())
			.withDetail("running", state.running())
			.withDetail("oldestWaitingSeconds", waited.toSeconds());
		if (!state.problems().isEmpty()) {
			builder.withDetail("unusedPaths", state.problems()
				.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + ": " + entry.getValue())
				.toList());
		}
		if (waited.compareTo(state.alertAfter()) > 0) {
			builder.down().withDetail("reason", "a file has waited " + waited.toMinutes() + " min for its turn");
		}
		else {
			builder.up();
		}
	}

}
