package dev.roster.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap used while something runs, above what was used before it (after a collection): sampled every 5 ms by
 * a thread of its own, since a peak between two samples of the work itself would go unseen.
 */
final class HeapPeak implements AutoCloseable {

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final long before;

	private final AtomicLong peak;

	private final AtomicBoolean sampling = new AtomicBoolean(true);

	private final Thread sampler;

	HeapPeak() {
		System.gc();
		this.before = this.memory.getHeapMemoryUsage().getUsed();
		this.peak = new AtomicLong(this.before);
		this.sampler = new Thread(() -> {
			while (this.sampling.get()) {
				this.peak.accumulateAndGet(this.memory.getHeapMemoryUsage().getUsed(), Math::max);
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		this.sampler.start();
	}

	/** Stops sampling and returns the peak above the start, in MiB. */
	double stopMb() throws InterruptedException {
		this.sampling.set(false);
		this.sampler.join();
		return (this.peak.get() - this.before) / (1024.0 * 1024.0);
	}

	@Override
	public void close() throws InterruptedException {
		stopMb();
	}

}
