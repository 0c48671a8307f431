package dev.roster.syncroster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeenKeysTest {

	@Test
	void flagsEveryRepeatAcrossGrowth() {
		SeenKeys seen = new SeenKeys();
		for (int i = 0; i < 300_000; i++) {
			assertThat(seen.add("user" + i + "@acme.example")).isFalse();
		}
		for (int i = 0; i < 300_000; i += 1000) {
			assertThat(seen.add("user" + i + "@acme.example")).isTrue();
		}
		assertThat(seen.add("someone.else@acme.example")).isFalse();
	}

	@Test
	void hashIsNeverTheEmptySlot() {
		assertThat(SeenKeys.hash("")).isNotZero();
		assertThat(SeenKeys.hash("a")).isNotEqualTo(SeenKeys.hash("b"));
	}

}
