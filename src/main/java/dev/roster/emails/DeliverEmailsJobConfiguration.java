package dev.roster.emails;

import dev.roster.mail.DeliverySteps;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * deliver-emails: one step that delivers the outbox of an account, or of every account, and writes the report of
 * the emails that failed, were cancelled, wait for a retry or may have been sent twice.
 */
@Configuration(proxyBeanMethods = false)
class DeliverEmailsJobConfiguration {

	@Bean
	Job deliverEmailsJob(JobRepository jobRepository, Step deliverEmailsStep) {
		return new JobBuilder("deliverEmailsJob", jobRepository).start(deliverEmailsStep).build();
	}

	@Bean
	Step deliverEmailsStep(DeliverySteps deliverySteps) {
		return deliverySteps.deliverOutbox("deliverEmailsStep", SendEmailsJob.DELIVER.command());
	}

}
