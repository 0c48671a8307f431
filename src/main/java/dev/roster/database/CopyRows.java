package dev.roster.database;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * Rows for one PostgreSQL {@code COPY ... FROM STDIN}, sent on the connection of the current transaction. COPY loads
 * a chunk in one round trip and without a statement per row: several times faster than a JDBC batch of inserts, and
 * still inside the chunk's transaction, so a failed chunk leaves nothing behind.
 */
public final class CopyRows {

	private final String table;

	private final String columns;

	private final StringBuilder text = new StringBuilder(1 << 16);

	private int rows;

	private boolean rowStarted;

	public CopyRows(String table, String columns) {
		this.table = table;
		this.columns = columns;
	}

	public CopyRows add(String value) {
		separate();
		if (value == null) {
			this.text.append("\\N");
			return this;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> this.text.append("\\\\");
				case '\t' -> this.text.append("\\t");
				case '\n' -> this.text.append("\\n");
				case '\r' -> this.text.append("\\r");
				default -> this.text.append(c);
			}
		}
		return this;
	}

	public CopyRows add(long value) {
		separate();
		this.text.append(value);
		return this;
	}

	public CopyRows add(Long value) {
		return (value != null) ? add(value.longValue()) : add((String) null);
	}

	public CopyRows add(boolean value) {
		separate();
		this.text.append(value ? 't' : 'f');
		return this;
	}

	public CopyRows add(OffsetDateTime value) {
		return add((value != null) ? value.toString() : null);
	}

	public CopyRows endRow() {
		this.text.append('\n');
		this.rows++;
		this.rowStarted = false;
		return this;
	}

	public int rows() {
		return this.rows;
	}

	/** Sends the rows in the current transaction (or on a connection of its own outside one). */
	public long copy(DataSource dataSource) {
		if (this.rows == 0) {
			return 0;
		}
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			return connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy " + this.table + " (" + this.columns + ") from stdin", new StringReader(this.text.toString()));
		}
		catch (SQLException ex) {
			String task = "COPY into " + this.table;
			DataAccessException translated = new SQLStateSQLExceptionTranslator().translate(task, null, ex);
			throw (translated != null) ? translated : new UncategorizedSQLException(task, null, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	private void separate() {
		if (this.rowStarted) {
			this.text.append('\t');
		}
		this.rowStarted = true;
	}

}
