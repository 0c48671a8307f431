package dev.roster.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes a CSV export with {@code COPY ... TO STDOUT}: PostgreSQL formats and quotes every value, Roster only adds
 * the byte-order mark that makes Excel read UTF-8. The file is written beside the target and moved into place when
 * complete, so a failed export never leaves half a file.
 */
final class CsvExport {

	private CsvExport() {
	}

	/** Runs {@code copySql} into {@code target}; returns the number of data rows. */
	static long copy(JdbcTemplate jdbc, String copySql, Path target) throws IOException {
		Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
		DataSource dataSource = jdbc.getDataSource();
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try (Writer out = new BufferedWriter(Files.newBufferedWriter(temporary, StandardCharsets.UTF_8), 1 << 16)) {
			out.write('\uFEFF');
			long rows = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql, out);
			out.flush();
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return rows;
		}
		catch (SQLException ex) {
			Files.deleteIfExists(temporary);
			throw new IllegalStateException("Cannot export to " + target + ": " + ex.getMessage(), ex);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

}
