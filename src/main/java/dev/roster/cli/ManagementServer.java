package dev.roster.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code roster serve} into a web application when, and only when, {@code management.server.port} is set: the
 * application's only server then listens on that port (and {@code server.address}, when set), so health and
 * metrics are served there and nothing else is. It runs before Spring Boot binds {@code spring.main.*}, which is
 * what decides the application type.
 */
class ManagementServer implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		String port = environment.getProperty("management.server.port");
		if (port == null || port.isBlank() || port.strip().startsWith("-")) {
			return;
		}
		Map<String, Object> web = new LinkedHashMap<>();
		web.put("spring.main.web-application-type", "servlet");
		web.put("server.port", port.strip());
		if (environment.containsProperty("management.server.address")) {
			// the one server is the management server, and Boot refuses a management address without a port of its own
			throw new IllegalStateException("roster serve binds its management port to server.address "
					+ "(SERVER_ADDRESS); remove management.server.address");
		}
		environment.getPropertySources().addFirst(new MapPropertySource("rosterManagementServer", web));
	}

}
