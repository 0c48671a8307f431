package dev.roster.soak;

import java.util.ArrayList;
import java.util.List;

/** What a check found wrong; a few examples of each kind, and how many there were. */
final class Violations {

	private static final int EXAMPLES = 5;

	private final List<String> found = new ArrayList<>();

	private final java.util.Map<String, Integer> perKind = new java.util.LinkedHashMap<>();

	/** Records {@code detail} under {@code kind} unless {@code holds}. */
	void check(boolean holds, String kind, String detail) {
		if (holds) {
			return;
		}
		int seen = this.perKind.merge(kind, 1, Integer::sum);
		if (seen <= EXAMPLES) {
			this.found.add(kind + ": " + detail);
		}
	}

	void check(boolean holds, String kind) {
		check(holds, kind, "");
	}

	boolean isEmpty() {
		return this.perKind.isEmpty();
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		this.perKind.forEach((kind, count) -> {
			if (count > EXAMPLES) {
				text.append("  ").append(kind).append(": ").append(count).append(" in all\n");
			}
		});
		this.found.forEach((line) -> text.append("  ").append(line).append('\n'));
		return text.toString();
	}

}
