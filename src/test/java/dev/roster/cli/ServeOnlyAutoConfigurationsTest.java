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

	private static boolean[] match(MockEnvironment environment) {
		ServeOnlyAutoConfigurations filter = new ServeOnlyAutoConfigurations();
		filter.setEnvironment(environment);
		return filter.match(CLASSES, null);
	}

}
