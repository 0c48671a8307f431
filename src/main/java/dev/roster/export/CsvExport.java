package dev.roster.export;

import java.io.BufferedWriter;
import java.io.IOException;
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
		DataSource dataSource = jdbc.getDataSource();
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try (OwnerOnly.Pending file = OwnerOnly.write(target)) {
			long rows;
			try (Writer out = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8),
					1 << 16)) {
				out.write('\uFEFF');
				rows = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql, out);
			}
			file.commit();
			return rows;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot export to " + target + ": " + ex.getMessage(), ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

}
