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
 * <p>
 * A command of the command line (the {@code command} profile, see {@link CommandStart}) goes without Spring Integration
 * and bean validation too, which only serve's drop folders and HTTP door use, and without Boot's Flyway: it migrates
 * only when behind (dev.roster.database.MigrateWhenBehind).
 */
public final class ServeOnlyAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final List<String> SERVE_ONLY = List.of("org.springframework.boot.actuate.",
			"org.springframework.boot.health.", "org.springframework.boot.micrometer.",
			"org.springframework.boot.webmvc.", "org.springframework.boot.tomcat.", "org.springframework.boot.web.",
			"org.springframework.boot.servlet.", "org.springframework.boot.http.", "org.springframework.boot.jackson.",
			"org.springframework.boot.security.", "org.springframework.boot.thymeleaf.", "org.springdoc.");

	private static final List<String> NOT_FOR_COMMANDS = List.of("org.springframework.boot.integration.",
			"org.springframework.boot.validation.", "org.springframework.boot.flyway.");

	private boolean serving;

	private boolean command;

	@Override
	public void setEnvironment(Environment environment) {
		this.serving = environment.acceptsProfiles(Profiles.of("serve"));
		this.command = environment.acceptsProfiles(Profiles.of(CommandStart.PROFILE));
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] match = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < match.length; i++) {
			String name = autoConfigurationClasses[i];
			match[i] = name == null || ((this.serving || SERVE_ONLY.stream().noneMatch(name::startsWith))
					&& (!this.command || NOT_FOR_COMMANDS.stream().noneMatch(name::startsWith)));
		}
		return match;
	}

}
