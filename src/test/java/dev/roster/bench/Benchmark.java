package dev.roster.bench;

/** One named benchmark. */
interface Benchmark {

	String name();

	Measurement run(BenchContext context) throws Exception;

}
