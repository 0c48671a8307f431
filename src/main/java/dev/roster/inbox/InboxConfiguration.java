package dev.roster.inbox;

import javax.sql.DataSource;

import dev.roster.RosterHome;
import dev.roster.account.AccountStore;
import dev.roster.job.JobHistory;
import dev.roster.job.JobRunner;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.integration.launch.JobLaunchingGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.jdbc.metadata.JdbcMetadataStore;

/**
 * The drop folders and schedules: the job-launching flow (a messaging gateway in front of Spring Batch
 * Integration's {@link JobLaunchingGateway}), the JDBC metadata store, and {@link Serve}, which registers the file
 * and schedule flows only when {@code roster serve} starts it.
 */
@Configuration(proxyBeanMethods = false)
class InboxConfiguration {

	@Bean
	IntegrationFlow jobLaunchingFlow(JobOperator jobOperator) {
		return IntegrationFlow.from(JobLaunches.class, (gateway) -> gateway.beanName("jobLaunches"))
			.handle(new JobLaunchingGateway(jobOperator))
			.get();
	}

	/** Which dropped files were taken, kept in Flyway's {@code INT_METADATA_STORE}. */
	@Bean
	JdbcMetadataStore inboxMetadataStore(DataSource dataSource) {
		JdbcMetadataStore store = new JdbcMetadataStore(dataSource);
		store.setRegion("inbox");
		return store;
	}

	@Bean
	InboxMetrics inboxMetrics(ObjectProvider<MeterRegistry> registry) {
		return new InboxMetrics(registry.getIfAvailable());
	}

	@Bean
	Serve serve(RosterHome home, InboxProperties properties, AccountStore accounts, ApplicationContext context,
			JobRunner runner, ObjectProvider<JobLaunches> launches, JdbcMetadataStore inboxMetadataStore,
			IntegrationFlowContext flows, DataSource dataSource, InboxMetrics inboxMetrics, JobHistory history) {
		return new Serve(home, properties, accounts, context, runner, launches, inboxMetadataStore, flows, dataSource,
				inboxMetrics, history);
	}

	@Bean
	InboxHealthIndicator inboxHealthIndicator(Serve serve) {
		return new InboxHealthIndicator(serve);
	}

}
