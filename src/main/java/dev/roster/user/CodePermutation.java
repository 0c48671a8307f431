package dev.roster.user;

import java.util.Objects;

/**
 * Turns a counter into a numeric access code of a fixed number of digits through a keyed pseudorandom permutation
 * of {@code [0, 10^length)}. Because it is a permutation, codes are unique by construction as long as every counter
 * is used once (the database sequence sees to that), so issuing a code needs no round trip to check for collisions;
 * because the permutation is keyed with a database secret, a code reveals neither its counter nor its neighbours.
 * <p>
 * A balanced Feistel network with a SipHash-2-4 round function permutes the smallest even bit width covering the
 * code space, and cycle-walking folds that back onto exactly {@code 10^length} values. Instances are immutable and
 * thread-safe.
 */
final class CodePermutation {

	static final int MIN_LENGTH = 6;

	static final int MAX_LENGTH = 12;

	// four rounds are the Luby-Rackoff minimum; a domain this small wants more margin, and eight (as in FF3-1) still
	// clears two million codes a second
	private static final int ROUNDS = 8;

	private static final long LENGTH_BLOCK = 8L << 56;

	private static final long[] POWERS_OF_TEN = new long[MAX_LENGTH + 1];

	// the zeros are a constant operand of the concatenation in code(), which then fills the result's backing
	// array directly: no scratch buffer per code
	private static final String[] ZEROS = new String[MAX_LENGTH + 1];

	static {
		POWERS_OF_TEN[0] = 1;
		ZEROS[0] = "";
		for (int i = 1; i <= MAX_LENGTH; i++) {
			POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
			ZEROS[i] = ZEROS[i - 1] + "0";
		}
	}

	private final long key0;

	private final long key1;

	private final int length;

	private final long size;

	private final int halfBits;

	private final long halfMask;

	CodePermutation(byte[] key, int length) {
		Objects.requireNonNull(key, "key must not be null");
		if (key.length < 16) {
			throw new IllegalArgumentException("key must have at least 16 bytes, got " + key.length);
		}
		if (length < MIN_LENGTH || length > MAX_LENGTH) {
			throw new IllegalArgumentException(
					"access code length must be " + MIN_LENGTH + ".." + MAX_LENGTH + " digits, got " + length);
		}
		// read once so later changes to the caller's array cannot alter the permutation
		this.key0 = littleEndian(key, 0);
		this.key1 = littleEndian(key, 8);
		this.length = length;
		this.size = POWERS_OF_TEN[length];
		int halfBits = 1;
		while (1L << (2 * halfBits) < this.size) {
			halfBits++;
		}
		this.halfBits = halfBits;
		this.halfMask = (1L << halfBits) - 1;
	}

	int length() {
		return this.length;
	}

	/** The code for {@code counter}: distinct counters in {@code [0, 10^length)} give distinct codes. */
	String code(long counter) {
		if (counter < 0) {
			throw new IllegalArgumentException("access code counter must not be negative, got " + counter);
		}
		if (counter >= this.size) {
			throw new IllegalArgumentException("access code space of 10^" + this.length + " codes is exhausted (counter "
					+ counter + ")");
		}
		long value = counter;
		// the Feistel network permutes [0, 2^2k); re-encrypting values above the code space walks each cycle back
		// into it, which keeps the map a bijection on [0, 10^length) and ends because the start lies inside
		do {
			value = encrypt(value);
		}
		while (value >= this.size);
		return ZEROS[this.length - digits(value)] + value;
	}

	private long encrypt(long value) {
		long left = value >>> this.halfBits;
		long right = value & this.halfMask;
		for (int round = 0; round < ROUNDS; round++) {
			long next = left ^ (sipHash24(this.key0, this.key1, ((long) round << 32) | right) & this.halfMask);
			left = right;
			right = next;
		}
		return (left << this.halfBits) | right;
	}

	private static int digits(long value) {
		int digits = 1;
		while (digits < MAX_LENGTH && value >= POWERS_OF_TEN[digits]) {
			digits++;
		}
		return digits;
	}

	/**
	 * Whether a person could guess {@code code}: one digit throughout, a run stepping up or down by one (wrapping
	 * from 9 to 0 or not), or a repeated pair of digits. Only the pattern matters, so this holds for any length.
	 */
	static boolean guessable(String code) {
		// callers skip a guessable code and take the next counter: the permutation stays intact, a few codes go unissued
		int length = code.length();
		if (length < 3) {
			return true;
		}
		int step = Math.floorMod(code.charAt(1) - code.charAt(0), 10);
		boolean run = step == 0 || step == 1 || step == 9;
		boolean pair = true;
		for (int i = 2; i < length && (run || pair); i++) {
			run = run && Math.floorMod(code.charAt(i) - code.charAt(i - 1), 10) == step;
			pair = pair && code.charAt(i) == code.charAt(i - 2);
		}
		return run || pair;
	}

	/** SipHash-2-4 of the eight bytes of {@code message} in little-endian order, keyed with {@code (k0, k1)}. */
	static long sipHash24(long k0, long k1, long message) {
		long v0 = k0 ^ 0x736f6d6570736575L;
		long v1 = k1 ^ 0x646f72616e646f6dL;
		long v2 = k0 ^ 0x6c7967656e657261L;
		long v3 = k1 ^ 0x7465646279746573L;
		v3 ^= message;
		// an eight-byte message is one full block (2 rounds), then a block holding only the length (2 rounds), then
		// finalisation (4 rounds): one loop with the injections at the boundaries keeps the SipRound written once
		for (int round = 1; round <= 8; round++) {
			v0 += v1;
			v1 = Long.rotateLeft(v1, 13) ^ v0;
			v0 = Long.rotateLeft(v0, 32);
			v2 += v3;
			v3 = Long.rotateLeft(v3, 16) ^ v2;
			v0 += v3;
			v3 = Long.rotateLeft(v3, 21) ^ v0;
			v2 += v1;
			v1 = Long.rotateLeft(v1, 17) ^ v2;
			v2 = Long.rotateLeft(v2, 32);
			if (round == 2) {
				v0 ^= message;
				v3 ^= LENGTH_BLOCK;
			}
			else if (round == 4) {
				v0 ^= LENGTH_BLOCK;
				v2 ^= 0xff;
			}
		}
		return v0 ^ v1 ^ v2 ^ v3;
	}

	private static long littleEndian(byte[] bytes, int offset) {
		long value = 0;
		for (int i = 7; i >= 0; i--) {
			value = (value << 8) | (bytes[offset + i] & 0xff);
		}
		return value;
	}

}
