package dev.roster.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/** The header aliases and limits every job reads files with. */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	/** The built-in aliases ship inside the jar; an operator's {@code jobs/header-aliases.yaml} adds to them. */
	@Bean
	HeaderAliases headerAliases(IntakeProperties properties) {
		try (InputStream builtIn = new ClassPathResource("jobs/header-aliases.yaml").getInputStream()) {
			HeaderAliases aliases = HeaderAliases.load(builtIn);
			if (Files.isRegularFile(properties.headerAliases())) {
				try (InputStream operator = Files.newInputStream(properties.headerAliases())) {
					aliases = aliases.merge(HeaderAliases.load(operator));
				}
			}
			return aliases;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the header aliases: " + ex.getMessage(), ex);
		}
	}

	@Bean
	IntakeLimits intakeLimits(IntakeProperties properties) {
		return properties.limits();
	}

}
