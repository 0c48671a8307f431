package dev.roster.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.roster.files.OwnerOnly;
import org.postgresql.PGConnection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes a CSV export with {@code COPY ... TO STDOUT}: PostgreSQL formats and quotes every value, Roster only adds
 * the byte-order mark that makes Excel read UTF-8. The file is readable by its owner only, written beside the target
 * under an exclusive name and moved into place when complete, so a failed export never leaves half a file.
 */
final class CsvExport {

	private CsvExport() {
	}

	/** Runs {@code copySql} into {@code target}; returns the number of data rows. */
	static long copy(JdbcTemplate jdbc, String copySql, Path target) throws IOException {
		try (OwnerOnly.Pending file = OwnerOnly.write(target)) {
			long rows = copy(jdbc, copySql, file.stream(), target.toString());
			file.commit();
			return rows;
		}
	}

	/** Runs {@code copySql} into {@code stream} (a download), which it closes; returns the number of data rows. */
	static long copy(JdbcTemplate jdbc, String copySql, OutputStream stream, String where) throws IOException {
		DataSource dataSource = jdbc.getDataSource();
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try (Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16)) {
			out.write('\uFEFF');
			return connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql, out);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot export to " + where + ": " + ex.getMessage(), ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

}
