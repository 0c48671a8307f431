package dev.roster.user;

import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The calendar of termination dates, bound from {@code roster.calendar.*}: a file's termination date is compared
 * with today in this zone, for every job that reads one and for terminate-due.
 *
 * @param timeZone the zone whose calendar says what today is (default: the system's)
 */
@ConfigurationProperties("roster.calendar")
public record CalendarProperties(ZoneId timeZone) {

	public LocalDate today() {
		return LocalDate.now((this.timeZone != null) ? this.timeZone : ZoneId.systemDefault());
	}

}
