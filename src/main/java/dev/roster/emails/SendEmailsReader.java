package dev.roster.emails;

import dev.roster.intake.ColumnMap;
import dev.roster.intake.InputRow;
import dev.roster.intake.TabularItemReader;
import dev.roster.intake.UserRowRules;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The users send-emails selects: the rows of a file, whose Email column holds the address, or the users never sent
 * an email, read from the database as one-cell rows.
 */
class SendEmailsReader implements ItemStreamReader<InputRow> {

	private final ItemStreamReader<InputRow> delegate;

	private final TabularItemReader<InputRow> file;

	SendEmailsReader(ItemStreamReader<InputRow> delegate, TabularItemReader<InputRow> file) {
		this.delegate = delegate;
		this.file = file;
	}

	static SendEmailsReader file(TabularItemReader<InputRow> reader) {
		return new SendEmailsReader(reader, reader);
	}

	static SendEmailsReader database(ItemStreamReader<InputRow> reader) {
		return new SendEmailsReader(reader, null);
	}

	/** Whether rows come from a file, and so count as read and may be rejected. */
	boolean fromFile() {
		return this.file != null;
	}

	/** The address a row names, trimmed and without invisible characters; empty when the cell is blank. */
	String email(InputRow row) {
		return (this.file != null) ? UserRowRules.withoutInvisible(cell(row)) : row.cells().get(0);
	}

	/** Whether invisible characters had to be removed from the row's email cell to read it. */
	boolean emailCleaned(InputRow row) {
		return this.file != null && email(row).length() != cell(row).length();
	}

	private String cell(InputRow row) {
		return this.file.columns().get(row, UserRowRules.EMAIL).strip();
	}

	/** Where the address is, for messages: {@code in column 'Email' (A)}. */
	String emailColumn() {
		if (this.file == null) {
			return "";
		}
		ColumnMap columns = this.file.columns();
		return " in column '" + columns.columnName(UserRowRules.EMAIL) + "' ("
				+ columns.columnLetter(UserRowRules.EMAIL) + ")";
	}

	@Override
	public InputRow read() throws Exception {
		return this.delegate.read();
	}

	@Override
	public void open(ExecutionContext context) {
		this.delegate.open(context);
	}

	@Override
	public void update(ExecutionContext context) {
		this.delegate.update(context);
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
