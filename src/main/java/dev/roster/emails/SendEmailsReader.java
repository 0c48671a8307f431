package dev.roster.emails;

import java.util.List;

import javax.sql.DataSource;

import dev.roster.intake.ColumnMap;
import dev.roster.intake.InputRow;
import dev.roster.intake.TabularItemReader;
import dev.roster.intake.UserRowRules;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;

/**
 * The users send-emails selects: the rows of a file, whose Email column holds the address, or the users never sent
 * an email, read from the database as one-cell rows.
 */
class SendEmailsReader implements ItemStreamReader<InputRow> {

	/**
	 * Users never sent the email their status calls for, and with none waiting. Restarted, the query runs again and
	 * leaves out the users already queued, so it needs no saved position.
	 */
	private static final String NEVER_SENT = """
			select u.email from app_user u
			where u.account_id = ?
				and ((u.status = 'ACTIVE' and u.activation_email_sent_at is null and ? in ('any', 'activation'))
					or (u.status = 'INVITED' and u.welcome_email_sent_at is null and ? in ('any', 'welcome')))
				and not exists (
					select 1 from email_outbox o
					where o.user_id = u.id and o.status in ('QUEUED', 'SENDING')
						and o.kind = case u.status when 'ACTIVE' then 'activation' else 'welcome' end)
			order by u.email_key""";

	private final ItemStreamReader<InputRow> delegate;

	private final TabularItemReader<InputRow> file;

	SendEmailsReader(ItemStreamReader<InputRow> delegate, TabularItemReader<InputRow> file) {
		this.delegate = delegate;
		this.file = file;
	}

	static SendEmailsReader file(TabularItemReader<InputRow> reader) {
		return new SendEmailsReader(reader, reader);
	}

	/**
	 * The users of an account never sent the email their status calls for, or only {@code kind} ({@code activation},
	 * {@code welcome}; {@code null} for either), as one-cell rows.
	 */
	static SendEmailsReader neverSent(DataSource dataSource, long accountId, String kind) {
		String selected = (kind != null) ? kind : "any";
		return new SendEmailsReader(new JdbcCursorItemReaderBuilder<InputRow>().name("sendEmailsReader")
			.dataSource(dataSource)
			.sql(NEVER_SENT)
			.preparedStatementSetter((ps) -> {
				ps.setLong(1, accountId);
				ps.setString(2, selected);
				ps.setString(3, selected);
			})
			.rowMapper((rs, n) -> new InputRow(rs.getRow() + 1, List.of(rs.getString(1))))
			.fetchSize(1000)
			.saveState(false)
			.build(), null);
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
