package dev.roster.database;

import com.zaxxer.hikari.HikariDataSource;
import dev.roster.RosterHome;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * With no {@code spring.datasource.url}, Roster runs its own PostgreSQL whose data lives in {@code $ROSTER_HOME}, so
 * the default setup needs nothing installed. Boot's own data source backs off because this one exists.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDataSourceUrl.class)
class EmbeddedDatabaseConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedDatabase embeddedDatabase(RosterHome home, EmbeddedDatabaseProperties properties) {
		return EmbeddedDatabase.start(home.folder("postgres"), properties);
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(EmbeddedDatabase database,
			@Value("${spring.datasource.hikari.maximum-pool-size:10}") int maximumPoolSize,
			@Value("${spring.datasource.hikari.minimum-idle:-1}") int minimumIdle) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName("roster-embedded");
		dataSource.setJdbcUrl(database.jdbcUrl());
		dataSource.setUsername(EmbeddedDatabase.USER);
		dataSource.setPassword(database.password());
		dataSource.setMaximumPoolSize(maximumPoolSize);
		if (minimumIdle >= 0) {
			dataSource.setMinimumIdle(minimumIdle);
		}
		// PgJDBC turns a JDBC batch of inserts into multi-row statements only when asked to
		dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
		return dataSource;
	}

	static class NoDataSourceUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String url = context.getEnvironment().getProperty("spring.datasource.url");
			return url == null || url.isBlank();
		}

	}

}
