package dev.roster.syncroster;

/**
 * The email keys a roster's valid rows have had so far, as 64-bit hashes in an open-addressing table: 8 bytes a row
 * (16 at most, with the table half full), so two million rows fit in 32 MB. It answers "maybe seen": a hash shared
 * by two different keys is a false alarm, so the rows it flags are only candidates, which the diff checks by key.
 * With none flagged, as in a roster without repeated emails, the database never groups a million keys to find none.
 */
final class SeenKeys {

	private long[] slots = new long[1 << 16];

	private int size;

	/** Records {@code key}; returns whether its hash was recorded before. */
	boolean add(String key) {
		long hash = hash(key);
		if (this.size * 2 >= this.slots.length) {
			grow();
		}
		return !insert(this.slots, hash);
	}

	private boolean insert(long[] slots, long hash) {
		int mask = slots.length - 1;
		int index = (int) hash & mask;
		while (slots[index] != 0) {
			if (slots[index] == hash) {
				return false;
			}
			index = (index + 1) & mask;
		}
		slots[index] = hash;
		this.size++;
		return true;
	}

	private void grow() {
		long[] old = this.slots;
		this.slots = new long[old.length * 2];
		this.size = 0;
		for (long hash : old) {
			if (hash != 0) {
				insert(this.slots, hash);
			}
		}
	}

	/** FNV-1a over the characters, then the SplitMix64 finaliser to spread the bits; never 0 (the empty slot). */
	static long hash(String key) {
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < key.length(); i++) {
			hash = (hash ^ key.charAt(i)) * 0x100000001b3L;
		}
		hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
		hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
		hash = hash ^ (hash >>> 31);
		return (hash != 0) ? hash : 1;
	}

}
