package dev.roster.terminate;

import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of terminate and terminate-due, bound from {@code roster.terminate.*}.
 *
 * @param chunkSize rows per transaction
 * @param timeZone the zone whose calendar decides whether a termination date is today, past or future (default: the
 * system's)
 */
@ConfigurationProperties("roster.terminate")
record TerminateProperties(@DefaultValue("1000") int chunkSize, ZoneId timeZone) {

	LocalDate today() {
		return LocalDate.now((this.timeZone != null) ? this.timeZone : ZoneId.systemDefault());
	}

}
