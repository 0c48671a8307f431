package dev.roster.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * When a job's process gets its SIGKILL, drawn from the seed. Together the kinds cover a whole run: the start (JVM,
 * the orphaned server stopped and a new one started, migrations, the launch), the work (a share of what is left,
 * then up to 300 ms more so the kill falls inside a chunk as often as between two), the one transaction of a sync,
 * and the end (the job already marked completed, the process not yet gone).
 */
sealed interface KillPoint {

	/** Killed {@code share} of the way through the start, as long as the last start took. */
	record Start(double share) implements KillPoint {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "start@%.0f%%", this.share * 100);
		}

	}

	/** Killed once {@code share} of the work left is done, {@code extraMillis} later. */
	record Work(double share, int extraMillis) implements KillPoint {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "work@%.0f%%+%dms", this.share * 100, this.extraMillis);
		}

	}

	/** Killed inside the final transaction of a sync, {@code share} of the way through as long as staging took. */
	record Apply(double share) implements KillPoint {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "apply@%.0f%%", this.share * 100);
		}

	}

	/** Killed as soon as the execution is seen completed: the process is still printing and stopping. */
	record End() implements KillPoint {

		@Override
		public String toString() {
			return "end";
		}

	}

	/**
	 * {@code kills} points for one job. An end kill leaves the job completed, so at most one is drawn and it comes
	 * last: the next run answers {@code ALREADY_COMPLETED} (a sync diffs again and finds nothing to do).
	 */
	static List<KillPoint> plan(Random random, int kills, boolean transactional) {
		List<KillPoint> points = new ArrayList<>();
		KillPoint end = null;
		for (int i = 0; i < kills; i++) {
			double draw = random.nextDouble();
			if (draw < 0.2) {
				points.add(new Start(random.nextDouble()));
			}
			else if (draw < 0.85 || end != null) {
				points.add((transactional && random.nextDouble() < 0.4) ? new Apply(random.nextDouble())
						: new Work(random.nextDouble(), random.nextInt(300)));
			}
			else {
				end = new End();
			}
		}
		if (end != null) {
			points.add(end);
		}
		return points;
	}

}
