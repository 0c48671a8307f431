package dev.roster.cli;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ServeOnlyAutoConfigurationsTest {

	private static final String[] CLASSES = {
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration",
			"org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration",
			"org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration" };

	@Test
	void securityAndPagesAreForServeOnly() {
		assertThat(match(new MockEnvironment())).containsExactly(false, false, false, false, true);
		MockEnvironment serving = new MockEnvironment();
		serving.setActiveProfiles("serve");
		assertThat(match(serving)).containsExactly(true, true, true, true, true);
	}

	@Test
	void aCommandGoesWithoutIntegrationValidationAndBootsFlywayWhichServeAndTheTestsKeep() {
		String[] classes = { "org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration",
				"org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
				"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration" };
		MockEnvironment command = new MockEnvironment();
		command.setActiveProfiles(CommandStart.PROFILE);
		assertThat(match(command, classes)).containsExactly(false, false, false, true);
		MockEnvironment serving = new MockEnvironment();
		serving.setActiveProfiles("serve");
		assertThat(match(serving, classes)).containsExactly(true, true, true, true);
		assertThat(match(new MockEnvironment(), classes)).containsExactly(true, true, true, true);
	}

	private static boolean[] match(MockEnvironment environment) {
		return match(environment, CLASSES);
	}

	private static boolean[] match(MockEnvironment environment, String[] classes) {
		ServeOnlyAutoConfigurations filter = new ServeOnlyAutoConfigurations();
		filter.setEnvironment(environment);
		return filter.match(classes, null);
	}

}
