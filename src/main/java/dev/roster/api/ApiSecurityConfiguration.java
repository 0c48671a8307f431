package dev.roster.api;

import java.util.Set;

import dev.roster.access.ApiTokens;
import dev.roster.access.AuditLog;
import dev.roster.access.Caller;
import dev.roster.access.HttpProperties;
import dev.roster.access.People;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what over HTTP (every path but the management endpoints, which have their own chain). Machines
 * present {@code Authorization: Bearer <token>}: no session, no cookie, and so no CSRF token needed. People sign in
 * with their email and password and get a session, and every request of theirs that changes something carries the
 * session's CSRF token. An API request without credentials is answered 401 with a problem; a page, by the sign-in
 * form. Which account a caller may see is decided per resource ({@link AccountAccess}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
class ApiSecurityConfiguration {

	private static final String BEARER = "Bearer ";

	static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/**");

	/**
	 * A job's launch with its file, from the API or the console's bulk jobs form, which streams under the intake limits
	 * rather than the body size limit.
	 */
	static final RequestMatcher UPLOAD = new OrRequestMatcher(
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/accounts/{account}/jobs/{job}"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/accounts/{account}/jobs/new"));

	/** Pages and documents anyone may open: signing in, setting a password, the API's description, the pages' assets. */
	private static final String[] OPEN = { "/login", "/set-password", "/forgot-password", "/v3/api-docs",
			"/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**", "/assets/**", "/error" };

	@Bean
	@Order(10)
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiTokens tokens, People people, AuditLog audit,
			PasswordEncoder passwords, HttpProperties properties) throws Exception {
		AuthenticationEntryPoint unauthorized = (request, response, ex) -> {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"roster\"");
			ApiErrors.write(response, HttpStatus.UNAUTHORIZED,
					"sign in, or present an API token as Authorization: Bearer <token>");
		};
		AccessDeniedHandler forbidden = (request, response, ex) -> ApiErrors.write(response, HttpStatus.FORBIDDEN,
				"this request is refused: " + ex.getMessage());
		AuthenticationManager bearerTokens = (authentication) -> {
			Caller caller = tokens.authenticate((String) authentication.getCredentials(), (String) authentication.getDetails())
				.orElseThrow(() -> new BadCredentialsException("unknown or revoked API token"));
			return new Callers.TokenAuthentication(caller);
		};
		AuthenticationFilter bearer = new AuthenticationFilter(bearerTokens, (request) -> {
			String header = request.getHeader(HttpHeaders.AUTHORIZATION);
			if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
				return null;
			}
			PreAuthenticatedAuthenticationToken presented = new PreAuthenticatedAuthenticationToken("token",
					header.substring(BEARER.length()).strip());
			presented.setDetails(request.getRemoteAddr());
			return presented;
		});
		bearer.setSuccessHandler((request, response, authentication) -> {
			// the request goes on down the chain, authenticated for this request only
		});
		bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(unauthorized));

		DaoAuthenticationProvider passwordsProvider = new DaoAuthenticationProvider(personDetails(people));
		passwordsProvider.setPasswordEncoder(passwords);

		http.authorizeHttpRequests((requests) -> requests.requestMatchers(OPEN).permitAll().anyRequest().authenticated())
			.addFilterBefore(bearer, AnonymousAuthenticationFilter.class)
			// every caller is known (a token, a person, or an address) before anything is done for it
			.addFilterAfter(new RateLimitFilter(properties.rateLimit()), AnonymousAuthenticationFilter.class)
			.addFilterAfter(new BodySizeFilter(properties.maxBodySize().toBytes(), UPLOAD), RateLimitFilter.class)
			.authenticationProvider(passwordsProvider)
			.formLogin((form) -> form.loginPage("/login").successHandler((request, response, authentication) -> {
				Caller caller = ((PersonPrincipal) authentication.getPrincipal()).caller();
				people.signedIn(caller.id());
				audit.recordForPerson(caller.operator(), caller.accounts(), caller.who(), "sign-in", null, source(request),
						java.util.Map.of());
				response.sendRedirect(request.getContextPath() + "/");
			}).failureHandler((request, response, ex) -> {
				String username = String.valueOf(request.getParameter("username"));
				audit.record(null, "person:" + username.substring(0, Math.min(username.length(), 254)), "sign-in.refused", null,
						source(request), java.util.Map.of("reason", ex.getClass().getSimpleName()));
				response.sendRedirect(request.getContextPath() + "/login?error");
			}))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(ApiSecurityConfiguration::bearerRequest,
					ApiSecurityConfiguration::sessionlessApiRequest))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(unauthorized, API)
				.defaultAccessDeniedHandlerFor(forbidden, API));
		return http.build();
	}

	private static UserDetailsService personDetails(People people) {
		return (email) -> people.find(email).map((person) -> {
			Set<String> accounts = person.operator() ? Set.of() : Set.copyOf(people.accounts(person.id()));
			Caller caller = new Caller(Caller.Kind.PERSON, person.id(), person.email(), person.operator(), accounts,
					Set.of());
			return new PersonPrincipal(caller, (person.passwordHash() != null) ? person.passwordHash() : "{noop}",
					person.passwordHash() != null && person.disabledAt() == null);
		}).orElseThrow(() -> new UsernameNotFoundException("no such person"));
	}

	/** Where a request came from: the client's address, as the server sees it (see the proxy headers it trusts). */
	static String source(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

	/**
	 * An API request with no session carries no cookie a browser could have added on another site's behalf: a
	 * forged one is simply unauthenticated, and is answered 401 rather than the CSRF filter's 403.
	 */
	private static boolean sessionlessApiRequest(HttpServletRequest request) {
		return API.matches(request) && request.getSession(false) == null;
	}

	private static boolean bearerRequest(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
	}

}
