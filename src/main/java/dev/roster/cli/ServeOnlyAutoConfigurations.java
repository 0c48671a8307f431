package dev.roster.cli;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Keeps the auto-configurations that only {@code roster serve} needs — actuator, health, Micrometer, the web server,
 * its JSON, Spring Security, the pages' Thymeleaf and the OpenAPI document — out of every other command, whose start-up
 * would otherwise pay for meters and endpoints nobody reads. Serve runs with the {@code serve} profile and gets them
 * all. The emails' template engine is Roster's own (not a bean), so the pages' engine never renders an email.
 */
public final class ServeOnlyAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final List<String> SERVE_ONLY = List.of("org.springframework.boot.actuate.",
			"org.springframework.boot.health.", "org.springframework.boot.micrometer.",
			"org.springframework.boot.webmvc.", "org.springframework.boot.tomcat.", "org.springframework.boot.web.",
			"org.springframework.boot.servlet.", "org.springframework.boot.http.", "org.springframework.boot.jackson.",
			"org.springframework.boot.security.", "org.springframework.boot.thymeleaf.", "org.springdoc.");

	private boolean serving;

	@Override
	public void setEnvironment(Environment environment) {
		this.serving = environment.acceptsProfiles(Profiles.of("serve"));
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] match = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < match.length; i++) {
			String name = autoConfigurationClasses[i];
			match[i] = this.serving || name == null || SERVE_ONLY.stream().noneMatch(name::startsWith);
		}
		return match;
	}

}
