package dev.roster.intake;

/**
 * Validates rows that name existing users by email (terminate, reactivate, import-delegates, send-emails): the same
 * email rule as {@link UserRowRules}, invisible characters removed first in the same way, and problems worded the
 * same way, naming the column as the user wrote it and its letter.
 */
public final class EmailListRules {

	private final ColumnMap columns;

	private final IntakeLimits limits;

	public EmailListRules(ColumnMap columns, IntakeLimits limits) {
		this.columns = columns;
		this.limits = limits;
	}

	/** The cleaned value of {@code field} in {@code row}; {@code ""} when blank or when the file has no such column. */
	public String value(InputRow row, String field) {
		return this.columns.get(row, field);
	}

	/** Whether the file has a column for {@code field}. */
	public boolean hasColumn(String field) {
		return !this.columns.columnLetter(field).isEmpty();
	}

	/**
	 * What is wrong with the row as a whole, or {@code null}: its {@link InputRow#problem()}, values beyond the header
	 * (probably shifted by a delimiter inside an unquoted value) or a value longer than the cell limit in one of
	 * {@code fields}.
	 */
	public String rowProblem(InputRow row, String... fields) {
		if (row.problem() != null) {
			return row.problem();
		}
		for (int i = this.columns.width(); i < row.cells().size(); i++) {
			if (!row.cells().get(i).isEmpty()) {
				return "row has " + row.cells().size() + " values but the header has " + this.columns.width()
						+ " columns (a delimiter inside an unquoted value?)";
			}
		}
		for (String field : fields) {
			int length = value(row, field).length();
			if (length > this.limits.maxCellChars()) {
				return inColumn("value too long (" + length + " characters; at most " + this.limits.maxCellChars()
						+ ")", field);
			}
		}
		return null;
	}

	/**
	 * The address in {@code field}: its cleaned value without the invisible characters
	 * {@link UserRowRules#withoutInvisible} removes; {@code ""} when blank.
	 */
	public String email(InputRow row, String field) {
		return UserRowRules.withoutInvisible(value(row, field));
	}

	/** Whether invisible characters had to be removed from {@code field} to read it as {@link #email}. */
	public boolean emailCleaned(InputRow row, String field) {
		return email(row, field).length() != value(row, field).length();
	}

	/**
	 * What is wrong with the email in {@code field}, or {@code null} when it is a valid address once invisible
	 * characters are removed ({@link #email}).
	 * @param what how the message names it ({@code email}, {@code host email})
	 */
	public String emailProblem(InputRow row, String field, String what) {
		String cell = value(row, field);
		String email = UserRowRules.withoutInvisible(cell);
		if (cell.isEmpty()) {
			return inColumn("missing " + what, field);
		}
		if (email.isEmpty()) {
			return inColumn("missing " + what + " (the cell holds only invisible characters: "
					+ UserRowRules.invisibleIn(cell) + ")", field);
		}
		if (!UserRowRules.isValidEmail(email)) {
			return inColumn("invalid " + what + " '" + email + "'" + (email.equals(cell) ? ""
					: " (invisible characters removed: " + UserRowRules.invisibleIn(cell) + ")"), field);
		}
		return null;
	}

	/** {@code message} followed by the column it is about: {@code ... in column 'Correo' (A)}. */
	public String inColumn(String message, String field) {
		return message + " in column '" + this.columns.columnName(field) + "' (" + this.columns.columnLetter(field)
				+ ")";
	}

}
