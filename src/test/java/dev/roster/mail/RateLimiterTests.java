package dev.roster.mail;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTests {

	private static final long MS = 1_000_000L;

	@Test
	void spacesTheMessagesOfAnAccountEvenly() {
		RateLimiter limiter = new RateLimiter(100);

		// four messages asked for at the same instant go out 10 ms apart
		assertThat(limiter.reserve(1, 0)).isZero();
		assertThat(limiter.reserve(1, 0)).isEqualTo(10 * MS);
		assertThat(limiter.reserve(1, 0)).isEqualTo(20 * MS);
		assertThat(limiter.reserve(1, 5 * MS)).isEqualTo(25 * MS);
	}

	@Test
	void accountsHaveTheirOwnPaceAndAnIdleAccountStartsAgainAtOnce() {
		RateLimiter limiter = new RateLimiter(10);

		assertThat(limiter.reserve(1, 0)).isZero();
		assertThat(limiter.reserve(2, 0)).isZero();
		assertThat(limiter.reserve(1, 0)).isEqualTo(100 * MS);
		// a second later, the slot booked for 100 ms is long past: no wait, and no burst of saved-up slots
		assertThat(limiter.reserve(1, 1000 * MS)).isZero();
		assertThat(limiter.reserve(1, 1000 * MS)).isEqualTo(100 * MS);
	}

	@Test
	void zeroMeansNoLimit() {
		RateLimiter limiter = new RateLimiter(0);

		for (int i = 0; i < 1000; i++) {
			assertThat(limiter.reserve(1, 0)).isZero();
		}
	}

}
