package dev.roster.api;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.roster.access.Caller;
import dev.roster.access.HttpProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per caller, after authentication: an API token, a signed-in person (all their sessions), or the
 * address of a request without credentials. A caller over its rate is answered 429 with {@code Retry-After}, before
 * any work is done for it. The buckets live in memory: one serve process is the whole HTTP door.
 */
final class RateLimitFilter extends OncePerRequestFilter {

	/** Buckets kept before full ones (idle callers) are dropped; a full bucket is the same as none. */
	private static final int MAX_BUCKETS = 10_000;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final double perNano;

	private final double burst;

	RateLimitFilter(HttpProperties.RateLimit limit) {
		this.perNano = limit.requestsPerMinute() / 60e9;
		this.burst = limit.burst();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long now = System.nanoTime();
		if (this.buckets.size() > MAX_BUCKETS) {
			this.buckets.values().removeIf((bucket) -> bucket.fullAt(now, this.perNano, this.burst));
		}
		Bucket bucket = this.buckets.computeIfAbsent(key(request), (key) -> new Bucket(this.burst, now));
		long wait = bucket.take(now, this.perNano, this.burst);
		if (wait > 0) {
			long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			ApiErrors.write(response, HttpStatus.TOO_MANY_REQUESTS,
					"too many requests: try again in " + seconds + ((seconds == 1) ? " second" : " seconds"));
			return;
		}
		chain.doFilter(request, response);
	}

	private static String key(HttpServletRequest request) {
		return Callers.find().map(Caller::who).orElseGet(() -> "address:" + ApiSecurityConfiguration.source(request));
	}

	/** Tokens refill continuously up to the burst; a request takes one. */
	private static final class Bucket {

		private double tokens;

		private long at;

		Bucket(double tokens, long at) {
			this.tokens = tokens;
			this.at = at;
		}

		/** Takes a token and returns 0, or returns how many nanoseconds until there is one. */
		synchronized long take(long now, double perNano, double burst) {
			this.tokens = Math.min(burst, this.tokens + (now - this.at) * perNano);
			this.at = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return 0;
			}
			return (long) Math.ceil((1 - this.tokens) / perNano);
		}

		synchronized boolean fullAt(long now, double perNano, double burst) {
			return this.tokens + (now - this.at) * perNano >= burst;
		}

	}

}
