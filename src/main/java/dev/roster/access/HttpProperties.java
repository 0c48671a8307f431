package dev.roster.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How {@code roster serve}'s HTTP door is reached and protected, bound from {@code roster.http.*}.
 *
 * @param publicUrl the address people open, behind the TLS proxy in production: the links of their emails start
 * with it
 * @param rateLimit how many requests one caller may make
 * @param maxBodySize the largest request body but a job's file (which the intake limits bound): a larger one is 413
 */
@ConfigurationProperties("roster.http")
public record HttpProperties(@DefaultValue("http://127.0.0.1:8080") String publicUrl,
		@DefaultValue RateLimit rateLimit, @DefaultValue("1MB") DataSize maxBodySize) {

	public HttpProperties {
		publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	/**
	 * A token bucket per API token, per signed-in person and per address of requests without credentials.
	 *
	 * @param requestsPerMinute the sustained rate
	 * @param burst how many requests may come at once after a quiet spell
	 */
	public record RateLimit(@DefaultValue("600") int requestsPerMinute, @DefaultValue("100") int burst) {

		public RateLimit {
			if (requestsPerMinute < 1 || burst < 1) {
				throw new IllegalArgumentException(
						"roster.http.rate-limit.requests-per-minute and .burst must be at least 1");
			}
		}

	}

}
