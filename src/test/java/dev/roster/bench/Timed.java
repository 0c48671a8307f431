package dev.roster.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.Callable;

/** Wall time and peak heap of a piece of work. */
record Timed<T>(T result, double seconds, long peakHeapBytes) {

	/**
	 * Runs {@code work}, measuring its wall time and the peak heap the JVM reached meanwhile: the sum of each heap
	 * pool's peak, an upper bound of the real peak, taken after resetting the pools' peaks.
	 */
	static <T> Timed<T> run(Callable<T> work) throws Exception {
		System.gc();
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pool.resetPeakUsage();
			}
		}
		long start = System.nanoTime();
		T result = work.call();
		double seconds = (System.nanoTime() - start) / 1e9;
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return new Timed<>(result, seconds, peak);
	}

}
