package dev.roster.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import dev.roster.RosterApplication;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A command's context, as {@code java -jar roster.jar <command>} starts it (not serve's, not the tests' own). */
class CommandStartTests {

	@TempDir
	Path home;

	@Test
	void aCommandMakesTheJobItRunsWhenAskedAndLeavesServesDoorsOut() {
		try (ConfigurableApplicationContext context = start()) {
			// serve's doors and the auto-configurations only they use are not there at all
			assertThat(context.containsBean("serve")).isFalse();
			assertThat(context.containsBean("operatorAccountsPage")).isFalse();
			assertThat(context.containsBean("jobsController")).isFalse();
			assertThat(context.getBeanNamesForType(Flyway.class)).isEmpty();
			assertThat(context.containsBean("integrationGlobalProperties")).isFalse();
			assertThat(context.containsBean("defaultValidator")).isFalse();
			// every job is known by name, none is made until a command asks for it
			String[] jobs = context.getBeanNamesForType(Job.class, false, false);
			assertThat(jobs).contains("importUsersJob", "syncRosterJob", "terminateJob", "sendEmailsJob");
			assertThat(Arrays.stream(jobs).filter(context.getBeanFactory()::containsSingleton)).isEmpty();
			assertThat(Arrays.stream(context.getBeanDefinitionNames()).filter((name) -> name.endsWith("Reader"))
				.filter(context.getBeanFactory()::containsSingleton)).as("step-scoped readers' proxies").isEmpty();
			JobRegistry registry = context.getBean(JobRegistry.class);
			assertThat(registry.getJobNames()).contains("importUsersJob", "syncRosterJob");
			assertThat(context.getBeanFactory().containsSingleton("syncRosterJob")).isFalse();
			assertThat(registry.getJob("importUsersJob")).isSameAs(context.getBean("importUsersJob"))
				.extracting(Job::getName).isEqualTo("importUsersJob");
			assertThat(context.getBeanFactory().containsSingleton("syncRosterJob")).isFalse();
			assertThat(registry.getJob("noSuchJob")).isNull();
		}
	}

	@Test
	void aCommandMigratesAFreshHomeThenTrustsAnUpToDateOneAndHandsAnyDoubtToFlyway() throws Exception {
		int bundled = new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*.sql").length;
		try (ConfigurableApplicationContext context = start()) {
			assertThat(history(context).sql("select count(*) from flyway_schema_history where success")
				.query(Integer.class).single()).isEqualTo(bundled);
			// an applied migration whose checksum no longer matches: Flyway's validation would refuse it
			history(context).sql("update flyway_schema_history set checksum = checksum + 1 where version = '1'").update();
		}
		try (ConfigurableApplicationContext context = start()) {
			// up to date by version: the command starts without making Flyway, so without its validation
			assertThat(history(context).sql("select count(*) from flyway_schema_history").query(Integer.class).single())
				.isEqualTo(bundled);
			history(context).sql("update flyway_schema_history set checksum = checksum - 1 where version = '1'").update();
			history(context).sql("update flyway_schema_history set success = false where version = '1'").update();
		}
		// a failed migration in the history: Flyway is asked, and refuses to go on
		assertThatThrownBy(this::start).hasStackTraceContaining("failed migration");
	}

	@Test
	void theRunThatRecordsTheClassArchiveMakesEveryBeanAfterTheMigrationOfAFreshHome() {
		try (ConfigurableApplicationContext context = start("--spring.main.lazy-initialization=false")) {
			// a store that reads its table when made (the access codes' key) is made, and finds its table
			assertThat(context.getBeanFactory().containsSingleton("accessCodes")).isTrue();
			assertThat(context.getBeanFactory().containsSingleton("importUsersJob")).isTrue();
			assertThat(history(context).sql("select count(*) from roster_secret").query(Integer.class).single())
				.isPositive();
		}
	}

	private ConfigurableApplicationContext start(String... arguments) {
		List<String> all = new ArrayList<>(List.of("--roster.home=" + this.home, "--roster.embedded-database.fsync=false"));
		all.addAll(List.of(arguments));
		return RosterCli.application(RosterApplication.class, false).run(all.toArray(String[]::new));
	}

	private static JdbcClient history(ConfigurableApplicationContext context) {
		return JdbcClient.create(context.getBean(DataSource.class));
	}

}
