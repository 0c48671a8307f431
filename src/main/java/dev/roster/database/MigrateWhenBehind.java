package dev.roster.database;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A command of the command line (the {@code command} profile, which goes without Boot's Flyway) migrates the schema
 * only when it lacks one of the migrations this build carries. Reading the applied versions takes one query, where
 * making Flyway and running its migrate (which reads and checks every migration) took a good share of a short
 * command's start. A failed or unknown migration, another history table or database, or any doubt makes Flyway and
 * migrates as Boot would. {@code roster serve} and the tests run Boot's Flyway at every start, whose checksums also
 * catch a migration edited after it was applied.
 */
@Configuration(proxyBeanMethods = false)
@Profile("command")
class MigrateWhenBehind {

	private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

	private static final String CLASSPATH = "classpath:";

	/** Made at start although the command's other beans are made when used: no command reads a table unmigrated. */
	@Bean
	static LazyInitializationExcludeFilter migrateAtStart() {
		return LazyInitializationExcludeFilter.forBeanTypes(Migration.class);
	}

	@Bean
	Migration schemaMigration(DataSource dataSource, Environment environment) {
		FlywayProperties properties = Binder.get(environment)
			.bind("spring.flyway", FlywayProperties.class)
			.orElseGet(FlywayProperties::new);
		return new Migration(dataSource, properties);
	}

	/**
	 * Names the migration as the database's initializer, so that what reads a table at its making (a store's
	 * constructor) is made after it, as Boot does for its own Flyway; registered in {@code META-INF/spring.factories}.
	 */
	static class Detector extends AbstractBeansOfTypeDatabaseInitializerDetector {

		@Override
		protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
			return Set.of(Migration.class);
		}

	}

	record Migration(DataSource dataSource, FlywayProperties properties) implements InitializingBean {

		@Override
		public void afterPropertiesSet() {
			if (this.properties.isEnabled() && !upToDate()) {
				Flyway.configure()
					.dataSource(this.dataSource)
					.locations(this.properties.getLocations().toArray(String[]::new))
					.table(this.properties.getTable())
					.load()
					.migrate();
			}
		}

		private boolean upToDate() {
			if (this.properties.getUrl() != null || this.properties.getUser() != null
					|| this.properties.getDefaultSchema() != null || !this.properties.getSchemas().isEmpty()) {
				return false;
			}
			Set<String> bundled = bundled();
			if (bundled.isEmpty()) {
				return false;
			}
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("select version, success from \""
							+ this.properties.getTable() + "\" where version is not null")) {
				Set<String> applied = new TreeSet<>();
				while (rows.next()) {
					if (!rows.getBoolean("success")) {
						return false;
					}
					applied.add(rows.getString("version"));
				}
				return applied.equals(bundled);
			}
			catch (SQLException ex) {
				// no history table yet: Flyway makes it
				return false;
			}
		}

		/** This build's migration versions; empty unless every location is read and every name understood. */
		private Set<String> bundled() {
			Set<String> versions = new TreeSet<>();
			PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
			try {
				for (String location : this.properties.getLocations()) {
					if (!location.startsWith(CLASSPATH) || location.contains("*") || location.contains("{")) {
						return Set.of();
					}
					String folder = location.substring(CLASSPATH.length()).replaceAll("^/+|/+$", "");
					for (Resource resource : resolver.getResources(CLASSPATH + folder + "/*")) {
						Matcher name = VERSIONED.matcher(String.valueOf(resource.getFilename()));
						if (!name.matches()) {
							return Set.of();
						}
						versions.add(name.group(1));
					}
				}
			}
			catch (IOException ex) {
				return Set.of();
			}
			return versions;
		}

	}

}
