package dev.roster.bench;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.roster.intake.InputRow;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.TabularReader;

/**
 * Reading input files: CSV against reading its lines, Excel-style XLSX (every value a shared string) against the same
 * rows as CSV, and the import of an XLSX against the import of the same rows as CSV, all measured in the same run.
 */
final class IntakeBenchmarks {

	private IntakeBenchmarks() {
	}

	/** Twice BENCH_ROWS rows of CSV through {@link TabularReader}; baseline: the same file's lines, read plainly. */
	static Benchmark readCsv() {
		return new ImportBenchmarks.Named("read-csv", (context) -> {
			long rows = 2 * context.rows();
			Path csv = UserFiles.csv(context.file("users-" + rows + ".csv"), rows);
			Timed<Long> read = Timed.run(() -> readAll(csv));
			expectRows(read.result(), rows);
			Timed<Long> baseline = Timed.run(() -> {
				long lines = 0;
				try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
					while (in.readLine() != null) {
						lines++;
					}
				}
				return lines - 1;
			});
			return new Measurement(rows, read.seconds(), baseline.seconds(), read.peakHeapBytes());
		});
	}

	/** BENCH_ROWS rows of an Excel-style XLSX through {@link TabularReader}; baseline: the same rows as CSV. */
	static Benchmark readXlsx() {
		return new ImportBenchmarks.Named("read-xlsx", (context) -> {
			Path xlsx = UserFiles.xlsx(context.file("users.xlsx"), context.rows());
			Path csv = UserFiles.csv(context.file("users.csv"), context.rows());
			Timed<Long> read = Timed.run(() -> readAll(xlsx));
			expectRows(read.result(), context.rows());
			Timed<Long> baseline = Timed.run(() -> readAll(csv));
			expectRows(baseline.result(), context.rows());
			return new Measurement(context.rows(), read.seconds(), baseline.seconds(), read.peakHeapBytes());
		});
	}

	/** import-users of BENCH_ROWS users from an XLSX; baseline: the import of the same users from CSV, in this run. */
	static Benchmark importXlsx() {
		return new ImportBenchmarks.Named("import-xlsx", (context) -> {
			Path csv = UserFiles.csv(context.file("users.csv"), context.rows());
			Path xlsx = UserFiles.xlsx(context.file("users.xlsx"), context.rows());
			Timed<String> fromCsv = ImportBenchmarks.freshImport(context, csv);
			Timed<String> fromXlsx = ImportBenchmarks.freshImport(context, xlsx);
			return new Measurement(context.rows(), fromXlsx.seconds(), fromCsv.seconds(), fromXlsx.peakHeapBytes());
		});
	}

	private static long readAll(Path file) {
		long rows = 0;
		try (TabularReader reader = TabularReader.open(file, IntakeLimits.defaults())) {
			for (InputRow row = reader.next(); row != null; row = reader.next()) {
				rows++;
			}
		}
		return rows;
	}

	private static void expectRows(long read, long rows) {
		if (read != rows) {
			throw new IllegalStateException("read " + read + " rows, expected " + rows);
		}
	}

}
