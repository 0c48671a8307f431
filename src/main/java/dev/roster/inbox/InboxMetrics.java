package dev.roster.inbox;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The drop folders' Micrometer meters: files taken, jobs ended by status, and the backlog. Spring Batch adds its own
 * {@code spring.batch.job} and {@code spring.batch.step} timers.
 */
final class InboxMetrics {

	private final MeterRegistry registry;

	InboxMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void gauges(Supplier<Number> waiting, Supplier<Number> running) {
		if (this.registry != null) {
			Gauge.builder("roster.inbox.waiting", waiting).description("Files and scheduled runs waiting for their account's turn").register(this.registry);
			Gauge.builder("roster.inbox.running", running).description("Accounts with a job running").register(this.registry);
		}
	}

	void taken(String account, String job) {
		if (this.registry != null) {
			Counter.builder("roster.inbox.files")
				.description("Files taken from the drop folders")
				.tag("account", account)
				.tag("job", job)
				.register(this.registry)
				.increment();
		}
	}

	void ended(String account, String job, String status, long millis) {
		if (this.registry != null) {
			Timer.builder("roster.inbox.jobs")
				.description("Jobs serve ran, by how they ended")
				.tag("account", account)
				.tag("job", job)
				.tag("status", status)
				.register(this.registry)
				.record(millis, TimeUnit.MILLISECONDS);
		}
	}

}
