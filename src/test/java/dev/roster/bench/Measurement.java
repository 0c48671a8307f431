package dev.roster.bench;

/**
 * What one benchmark measured: Roster's time and heap, and the time of a baseline doing the same work, measured in
 * the same run.
 */
record Measurement(long rows, double seconds, double baselineSeconds, long peakHeapBytes) {

	double ratio() {
		return (this.seconds > 0) ? this.baselineSeconds / this.seconds : 0;
	}

	double peakHeapMb() {
		return this.peakHeapBytes / (1024.0 * 1024.0);
	}

}
