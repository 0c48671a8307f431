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
 * <p>
 * Rows stream to the server while they are added, a piece of about {@value #PIECE_CHARS} characters at a time, so the
 * server inserts the first rows while the caller still formats the last ones. Between the first piece and
 * {@link #finish()} the connection is in COPY mode: the caller adds rows and runs no other statement until then.
 * {@link #close()} cancels a COPY left unfinished (an exception while adding rows), which fails the transaction.
 */
public final class CopyRows implements AutoCloseable {

	static final int PIECE_CHARS = 32 * 1024;

	private final DataSource dataSource;

	private final String table;

	private final String columns;

	private final StringBuilder text = new StringBuilder(PIECE_CHARS + 4096);

	private int rows;

	private boolean rowStarted;

	private Connection connection;

	private CopyIn copy;

	private CopyRows(DataSource dataSource, String table, String columns) {
		this.dataSource = dataSource;
		this.table = table;
		this.columns = columns;
	}

	/** Rows for {@code copy table (columns) from stdin}, in the current transaction (or a connection of its own). */
	public static CopyRows into(DataSource dataSource, String table, String columns) {
		return new CopyRows(dataSource, table, columns);
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
		if (this.text.length() >= PIECE_CHARS) {
			send();
		}
		return this;
	}

	public int rows() {
		return this.rows;
	}

	/** Sends the last rows and ends the COPY; returns how many rows it stored. */
	public long finish() {
		if (this.rows == 0) {
			return 0;
		}
		send();
		try {
			long stored = this.copy.endCopy();
			this.copy = null;
			return stored;
		}
		catch (SQLException ex) {
			throw translated(ex);
		}
	}

	/** Cancels a COPY that was not finished and hands the connection back. */
	@Override
	public void close() {
		try {
			if (this.copy != null && this.copy.isActive()) {
				this.copy.cancelCopy();
			}
		}
		catch (SQLException ex) {
			throw translated(ex);
		}
		finally {
			this.copy = null;
			if (this.connection != null) {
				DataSourceUtils.releaseConnection(this.connection, this.dataSource);
				this.connection = null;
			}
		}
	}

	private void send() {
		try {
			if (this.copy == null) {
				this.connection = DataSourceUtils.getConnection(this.dataSource);
				this.copy = this.connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("copy " + this.table + " (" + this.columns + ") from stdin");
			}
			// the bytes in one piece: a Reader would have the driver decode and re-encode them in small buffers
			if (!this.text.isEmpty()) {
				byte[] bytes = this.text.toString().getBytes(StandardCharsets.UTF_8);
				this.text.setLength(0);
				this.copy.writeToCopy(bytes, 0, bytes.length);
			}
		}
		catch (SQLException ex) {
			throw translated(ex);
		}
	}

	private DataAccessException translated(SQLException ex) {
		String task = "COPY into " + this.table;
		DataAccessException translated = new SQLStateSQLExceptionTranslator().translate(task, null, ex);
		return (translated != null) ? translated : new UncategorizedSQLException(task, null, ex);
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
