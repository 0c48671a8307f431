package dev.roster.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CodePermutationTest {

	private static final byte[] KEY = "roster test key: not a real one!".getBytes(StandardCharsets.US_ASCII);

	@Test
	void sixDigitCodesFormAPermutationOfTheWholeSpace() {
		CodePermutation permutation = new CodePermutation(KEY, 6);
		BitSet seen = new BitSet(1_000_000);
		for (long counter = 0; counter < 1_000_000; counter++) {
			int code = (int) digitsOf(permutation.code(counter), 6);
			if (seen.get(code)) {
				fail("counter %d repeats code %06d", counter, code);
			}
			seen.set(code);
		}
		assertThat(seen.cardinality()).isEqualTo(1_000_000);
	}

	@Test
	void eightDigitCodesNeverRepeatAtEitherEndOfTheCounterRange() {
		CodePermutation permutation = new CodePermutation(KEY, 8);
		BitSet seen = new BitSet(100_000_000);
		for (long counter = 0; counter < 1_000_000; counter++) {
			markUnseen(seen, counter, digitsOf(permutation.code(counter), 8));
		}
		for (long counter = 99_000_000; counter < 100_000_000; counter++) {
			markUnseen(seen, counter, digitsOf(permutation.code(counter), 8));
		}
		assertThat(seen.cardinality()).isEqualTo(2_000_000);
	}

	@Test
	void twelveDigitCodesNeverRepeat() {
		CodePermutation permutation = new CodePermutation(KEY, 12);
		Set<Long> seen = new HashSet<>(2_000_000);
		for (long counter = 0; counter < 1_000_000; counter++) {
			long code = digitsOf(permutation.code(counter), 12);
			if (!seen.add(code)) {
				fail("counter %d repeats code %012d", counter, code);
			}
		}
		assertThat(seen).hasSize(1_000_000);
	}

	@Test
	void everyDigitPositionIsUniformlySpread() {
		CodePermutation permutation = new CodePermutation(KEY, 8);
		long[][] counts = new long[8][10];
		for (long counter = 0; counter < 1_000_000; counter++) {
			String code = permutation.code(counter);
			for (int position = 0; position < 8; position++) {
				counts[position][code.charAt(position) - '0']++;
			}
		}
		for (int position = 0; position < 8; position++) {
			// 9 degrees of freedom: 40 is far beyond the 0.001% tail, so only a real bias fails
			assertThat(chiSquare(counts[position])).as("chi-square of digit position %d", position).isLessThan(40);
		}
	}

	@Test
	void leadingThreeDigitsAreUniformlySpread() {
		CodePermutation permutation = new CodePermutation(KEY, 8);
		long[] counts = new long[1000];
		for (long counter = 0; counter < 1_000_000; counter++) {
			counts[(int) (digitsOf(permutation.code(counter), 8) / 100_000)]++;
		}
		// 999 degrees of freedom: mean 999, standard deviation about 45
		assertThat(chiSquare(counts)).isLessThan(1250);
	}

	@Test
	void consecutiveCountersGiveUnrelatedCodes() {
		CodePermutation permutation = new CodePermutation(KEY, 8);
		Set<Long> differences = new HashSet<>();
		long close = 0;
		long previous = digitsOf(permutation.code(0), 8);
		for (long counter = 1; counter <= 1_000_000; counter++) {
			long code = digitsOf(permutation.code(counter), 8);
			if (counter <= 10_000) {
				differences.add(code - previous);
			}
			if (Math.abs(code - previous) < 100_000) {
				close++;
			}
			previous = code;
		}
		assertThat(differences).as("distinct steps between 10,000 consecutive codes").hasSizeGreaterThan(9_900);
		// two random codes lie within 10^5 of each other with probability 2 * 10^5 / 10^8 = 0.2%
		assertThat(close / 1_000_000.0).as("fraction of consecutive codes within 10^5").isBetween(0.001, 0.01);
	}

	@Test
	void sameKeyGivesSameCodes() {
		CodePermutation permutation = new CodePermutation(KEY, 8);
		CodePermutation again = new CodePermutation(KEY.clone(), 8);
		for (long counter = 0; counter < 10_000; counter++) {
			assertThat(again.code(counter)).isEqualTo(permutation.code(counter));
		}
	}

	@Test
	void differentKeyGivesMostlyDifferentCodes() {
		byte[] otherKey = KEY.clone();
		otherKey[15] ^= 1;
		CodePermutation permutation = new CodePermutation(KEY, 8);
		CodePermutation other = new CodePermutation(otherKey, 8);
		int differing = 0;
		for (long counter = 0; counter < 10_000; counter++) {
			if (!other.code(counter).equals(permutation.code(counter))) {
				differing++;
			}
		}
		assertThat(differing).isGreaterThanOrEqualTo(9_900);
	}

	@Test
	void keyChangesAfterConstructionDoNotAlterCodes() {
		byte[] key = KEY.clone();
		CodePermutation permutation = new CodePermutation(key, 8);
		String before = permutation.code(42);
		key[0] ^= 1;
		assertThat(permutation.code(42)).isEqualTo(before);
	}

	@Test
	void everyLengthCoversExactlyItsCodeSpace() {
		for (int length = 6; length <= 12; length++) {
			long size = (long) Math.pow(10, length);
			CodePermutation permutation = new CodePermutation(KEY, length);
			long last = size - 1;
			assertThat(permutation.length()).isEqualTo(length);
			assertThat(permutation.code(0)).hasSize(length).containsOnlyDigits();
			assertThat(permutation.code(last)).hasSize(length).containsOnlyDigits();
			assertThatIllegalArgumentException().isThrownBy(() -> permutation.code(size))
				.withMessageContaining("10^" + length)
				.withMessageContaining("exhausted");
			assertThatIllegalArgumentException().isThrownBy(() -> permutation.code(-1));
			assertThatIllegalArgumentException().isThrownBy(() -> permutation.code(Long.MAX_VALUE));
		}
	}

	@Test
	void lengthsOutsideSixToTwelveAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CodePermutation(KEY, 5));
		assertThatIllegalArgumentException().isThrownBy(() -> new CodePermutation(KEY, 13));
	}

	@Test
	void keysShorterThanSixteenBytesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CodePermutation(new byte[15], 8));
		assertThat(new CodePermutation(new byte[16], 8).code(0)).hasSize(8);
	}

	@Test
	void guessableCodesAreRecognised() {
		assertThat(new String[] { "00000000", "77777777", "12345678", "87654321", "01234567", "90123456", "78901234",
				"10987654", "12121212", "90909090", "987654", "123456789012" })
			.allSatisfy((code) -> assertThat(CodePermutation.guessable(code)).as(code).isTrue());
	}

	@Test
	void ordinaryCodesAreNotGuessable() {
		assertThat(new String[] { "48291736", "12345679", "12121213", "77777778", "87654320", "13579135", "11223344",
				"02468024", "582017" })
			.allSatisfy((code) -> assertThat(CodePermutation.guessable(code)).as(code).isFalse());
	}

	@Test
	void sipHashMatchesTheReferenceTestVector() {
		// key 00..0f and message 00..07 from the SipHash reference implementation's test vectors
		assertThat(CodePermutation.sipHash24(0x0706050403020100L, 0x0f0e0d0c0b0a0908L, 0x0706050403020100L))
			.isEqualTo(0x93f5f5799a932462L);
	}

	private static long digitsOf(String code, int length) {
		if (code.length() != length) {
			fail("code %s should have %d digits", code, length);
		}
		long value = 0;
		for (int i = 0; i < length; i++) {
			char digit = code.charAt(i);
			if (digit < '0' || digit > '9') {
				fail("code %s should have only digits", code);
			}
			value = value * 10 + (digit - '0');
		}
		return value;
	}

	private static void markUnseen(BitSet seen, long counter, long code) {
		if (seen.get((int) code)) {
			fail("counter %d repeats code %08d", counter, code);
		}
		seen.set((int) code);
	}

	private static double chiSquare(long[] counts) {
		long total = 0;
		for (long count : counts) {
			total += count;
		}
		double expected = (double) total / counts.length;
		double chiSquare = 0;
		for (long count : counts) {
			chiSquare += (count - expected) * (count - expected) / expected;
		}
		return chiSquare;
	}

}
