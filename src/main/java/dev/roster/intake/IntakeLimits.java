package dev.roster.intake;

/**
 * The sizes an input file may reach before it is refused. A cell longer than {@code maxCellChars} does not refuse the
 * file: only its row is rejected, by the caller.
 *
 * @param maxFileBytes the largest file accepted, in bytes
 * @param maxRows the most data rows (blank rows not counted) a file may hold
 * @param maxCellChars the longest cell value, in UTF-16 characters, that a row may carry
 * @param maxColumns the most columns a row may have values in: a value further right refuses the file
 * @param maxInflateRatio how many times its compressed size a part of an XLSX workbook may expand to
 * @param maxUnzippedBytes how many bytes the parts of an XLSX workbook read may expand to, all together
 */
public record IntakeLimits(long maxFileBytes, long maxRows, int maxCellChars, int maxColumns, int maxInflateRatio,
		long maxUnzippedBytes) {

	static final long DEFAULT_MAX_FILE_BYTES = 256L * 1024 * 1024;

	static final long DEFAULT_MAX_ROWS = 2_000_000;

	static final int DEFAULT_MAX_CELL_CHARS = 1_000;

	static final int DEFAULT_MAX_COLUMNS = 1_000;

	static final int DEFAULT_MAX_INFLATE_RATIO = 100;

	static final long DEFAULT_MAX_UNZIPPED_BYTES = 2L * 1024 * 1024 * 1024;

	public IntakeLimits {
		if (maxFileBytes < 1 || maxRows < 1 || maxCellChars < 1 || maxColumns < 1 || maxInflateRatio < 1
				|| maxUnzippedBytes < 1) {
			throw new IllegalArgumentException("intake limits must be positive: " + maxFileBytes + ", " + maxRows
					+ ", " + maxCellChars + ", " + maxColumns + ", " + maxInflateRatio + ", " + maxUnzippedBytes);
		}
	}

	/**
	 * File size, rows and cell length as given; columns and XLSX decompression at their defaults.
	 */
	public IntakeLimits(long maxFileBytes, long maxRows, int maxCellChars) {
		this(maxFileBytes, maxRows, maxCellChars, DEFAULT_MAX_COLUMNS, DEFAULT_MAX_INFLATE_RATIO,
				DEFAULT_MAX_UNZIPPED_BYTES);
	}

	/**
	 * 256 MiB, 2,000,000 rows, 1,000 characters per cell, 1,000 columns, and XLSX parts that expand at most 100
	 * times and to 2 GiB in all.
	 */
	public static IntakeLimits defaults() {
		return new IntakeLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_ROWS, DEFAULT_MAX_CELL_CHARS);
	}

}
