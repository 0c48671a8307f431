package dev.roster.database;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

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
		if (!needsEscape(value)) {
			this.text.append(value);
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
			// the bytes in one piece: a Reader would have the driver decode and re-encode them in small buffers
			byte[] bytes = this.text.toString().getBytes(StandardCharsets.UTF_8);
			CopyIn copy = connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy " + this.table + " (" + this.columns + ") from stdin");
			try {
				copy.writeToCopy(bytes, 0, bytes.length);
				return copy.endCopy();
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
		}
		catch (SQLException ex) {
			String task = "COPY into " + this.table;
			DataAccessException translated = new SQLStateSQLExceptionTranslator().translate(task, null, ex);
			throw (translated != null) ? translated : new UncategorizedSQLException(task, null, ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	private static boolean needsEscape(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
				return true;
			}
		}
		return false;
	}

	private void separate() {
		if (this.rowStarted) {
			this.text.append('\t');
		}
		this.rowStarted = true;
	}

}
