package dev.roster.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import javax.sql.DataSource;

import dev.roster.cli.RosterCli;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** What benchmarks work with: the running application, its database, a work folder and the row count. */
final class BenchContext {

	private final ConfigurableApplicationContext application;

	private final Path workDirectory;

	private final long rows;

	BenchContext(ConfigurableApplicationContext application, Path workDirectory, long rows) {
		this.application = application;
		this.workDirectory = workDirectory;
		this.rows = rows;
	}

	long rows() {
		return this.rows;
	}

	Path file(String name) {
		return this.workDirectory.resolve(name);
	}

	JdbcTemplate jdbc() {
		return this.application.getBean(JdbcTemplate.class);
	}

	DataSource dataSource() {
		return this.application.getBean(DataSource.class);
	}

	/** Runs a Roster command line in the running application; fails unless it exits with 0. */
	String roster(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = RosterCli.run(this.application, new PrintWriter(out, true), new PrintWriter(err, true), args);
		if (exitCode != 0) {
			throw new IllegalStateException(String.join(" ", args) + " exited with " + exitCode + ": " + out + err);
		}
		return out.toString().strip();
	}

}
