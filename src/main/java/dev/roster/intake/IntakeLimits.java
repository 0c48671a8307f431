package dev.roster.intake;

/**
 * The sizes an input file may reach before it is refused. A cell longer than {@code maxCellChars} does not refuse the
 * file: only its row is rejected, by the caller.
 *
 * @param maxFileBytes the largest file accepted, in bytes
 * @param maxRows the most data rows (blank rows not counted) a file may hold
 * @param maxCellChars the longest cell value, in UTF-16 characters, that a row may carry
 */
public record IntakeLimits(long maxFileBytes, long maxRows, int maxCellChars) {

	public IntakeLimits {
		if (maxFileBytes < 1 || maxRows < 1 || maxCellChars < 1) {
			throw new IllegalArgumentException("intake limits must be positive: " + maxFileBytes + ", " + maxRows
					+ ", " + maxCellChars);
		}
	}

	/**
	 * 256 MiB, 2,000,000 rows and 1,000 characters per cell.
	 */
	public static IntakeLimits defaults() {
		return new IntakeLimits(256L * 1024 * 1024, 2_000_000, 1_000);
	}

}
