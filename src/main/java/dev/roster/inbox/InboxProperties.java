package dev.roster.inbox;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of {@code roster serve}, bound from {@code roster.inbox.*}.
 *
 * @param settle how long a file must stay unchanged (size and modification time) before it is taken
 * @param requireDoneMarker take a file only once a {@code <name>.done} marker is beside it, instead of waiting for it
 * to settle
 * @param maxParallelJobs how many accounts run a job at the same time; one account's jobs always run one at a time
 * @param pollInterval how often the drop folders are scanned
 * @param stopTimeout how long a stop waits for running jobs to finish their current chunk
 * @param backlogAlert health is DOWN when a file has waited longer than this for its turn
 * @param settings the operator's options and schedules file
 */
@ConfigurationProperties("roster.inbox")
record InboxProperties(@DefaultValue("10s") Duration settle, @DefaultValue("false") boolean requireDoneMarker,
		@DefaultValue("2") int maxParallelJobs, @DefaultValue("2s") Duration pollInterval,
		@DefaultValue("60s") Duration stopTimeout, @DefaultValue("1h") Duration backlogAlert,
		@DefaultValue("${roster.jobs-dir:./jobs}/serve.yaml") Path settings) {
}
