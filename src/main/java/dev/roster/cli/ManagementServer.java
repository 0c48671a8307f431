package dev.roster.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Turns {@code roster serve} into a web application when, and only when, {@code management.server.port} is set:
 * health and metrics are then served on that port, by Spring Boot's management server of its own, and nothing else
 * is served. It runs before Spring Boot binds {@code spring.main.*}, which is what decides the application type.
 * <p>
 * The management server listens on loopback ({@code 127.0.0.1}) unless {@code management.server.address} or
 * {@code server.address} says otherwise: an endpoint reachable from other machines is a decision, not a default.
 * The application's own server is created but never listens ({@code server.port=-1}) until serve has an HTTP API to
 * put on it.
 */
class ManagementServer implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	static final String LOOPBACK = "127.0.0.1";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		String port = environment.getProperty("management.server.port");
		if (port == null || port.isBlank() || port.strip().startsWith("-")) {
			return;
		}
		Map<String, Object> web = new LinkedHashMap<>();
		web.put("spring.main.web-application-type", "servlet");
		web.put("server.port", "-1");
		web.put("management.server.port", port.strip());
		// a blank address would bind every interface: blank is unset
		String address = environment.getProperty("management.server.address");
		if (!StringUtils.hasText(address)) {
			address = environment.getProperty("server.address");
		}
		web.put("management.server.address", StringUtils.hasText(address) ? address.strip() : LOOPBACK);
		environment.getPropertySources().addFirst(new MapPropertySource("rosterManagementServer", web));
	}

}
