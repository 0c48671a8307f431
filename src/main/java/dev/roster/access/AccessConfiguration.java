package dev.roster.access;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

	/**
	 * Argon2id (OWASP's first choice), each hash prefixed with its scheme, so a later, stronger scheme can be added
	 * and old hashes still verify.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		String id = "argon2";
		return new DelegatingPasswordEncoder(id, Map.of(id, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
	}

}
