package dev.roster.management;

import java.util.List;

import dev.roster.RosterHome;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * The security filter chain of the actuator endpoints, and of nothing else: a later HTTP API brings its own chain
 * for its own paths. Health's status is open to anyone (a load balancer's probe); health's details, the metrics and
 * Prometheus's scrape need {@code Authorization: Bearer <management token>}, which grants {@value #OPERATOR}. A
 * token presented and wrong is refused (401) on every endpoint, health's status included. Only serve with
 * {@code management.server.port} has this chain.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
// with no management port the actuator is not served, and no management token is made for it
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class ManagementSecurityConfiguration {

	/** The authority of a caller that presented the management token; health's details are shown to this role. */
	static final String OPERATOR = "OPERATOR";

	private static final String BEARER = "Bearer ";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain managementSecurityFilterChain(HttpSecurity http, ManagementProperties properties,
			RosterHome home) {
		ManagementToken token = ManagementToken.of(properties, home);
		AuthenticationEntryPoint unauthorized = (request, response, ex) -> {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"roster\"");
			response.setStatus(401);
		};
		AuthenticationManager tokens = (authentication) -> {
			if (!token.matches((String) authentication.getCredentials())) {
				throw new BadCredentialsException("not the management token");
			}
			return new PreAuthenticatedAuthenticationToken("operator", null, List.of(new SimpleGrantedAuthority(OPERATOR)));
		};
		AuthenticationFilter bearer = new AuthenticationFilter(tokens, (request) -> {
			String header = request.getHeader(HttpHeaders.AUTHORIZATION);
			if (header == null) {
				return null;
			}
			// any other scheme is a credential that is not the token
			String presented = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
					? header.substring(BEARER.length()) : "";
			return new PreAuthenticatedAuthenticationToken("operator", presented);
		});
		bearer.setSuccessHandler((request, response, authentication) -> {
			// the request goes on down the chain, authenticated
		});
		bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(unauthorized));
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
				.permitAll()
				.anyRequest()
				.hasAuthority(OPERATOR))
			.addFilterBefore(bearer, AnonymousAuthenticationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(unauthorized))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			// no cookie, no session, no form: nothing a browser would send on its own for another site
			.csrf(AbstractHttpConfigurer::disable);
		return http.build();
	}

}
