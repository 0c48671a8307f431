package dev.roster.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Makes {@code roster serve} a web application: the API and the console on {@code server.port} (default 8080), and
 * health and metrics on {@code management.server.port} when, and only when, that is set. It runs before Spring Boot
 * binds {@code spring.main.*}, which is what decides the application type.
 * <p>
 * Both listen on loopback ({@code 127.0.0.1}) unless {@code server.address} (or {@code management.server.address})
 * says otherwise: a server reachable from other machines is a decision, not a default. In production a TLS proxy on
 * the same machine or network is in front of it.
 */
class HttpServers implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	static final String LOOPBACK = "127.0.0.1";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		Map<String, Object> web = new LinkedHashMap<>();
		web.put("spring.main.web-application-type", "servlet");
		// a blank address would bind every interface: blank is unset
		String address = environment.getProperty("server.address");
		if (!StringUtils.hasText(address)) {
			web.put("server.address", LOOPBACK);
		}
		String port = environment.getProperty("management.server.port");
		if (port == null || port.isBlank() || port.strip().startsWith("-")) {
			// no management port: the actuator is not served at all, on neither port
			web.put("management.server.port", "-1");
		}
		else {
			web.put("management.server.port", port.strip());
			String managementAddress = environment.getProperty("management.server.address");
			if (!StringUtils.hasText(managementAddress)) {
				managementAddress = StringUtils.hasText(address) ? address : LOOPBACK;
			}
			web.put("management.server.address", managementAddress.strip());
		}
		environment.getPropertySources().addFirst(new MapPropertySource("rosterHttpServers", web));
	}

}
