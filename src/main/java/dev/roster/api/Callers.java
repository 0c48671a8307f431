package dev.roster.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.roster.access.Caller;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The {@link Caller} of the current request, however it authenticated. */
public final class Callers {

	/** The authority of support staff, a person or an operator's token; the management endpoints accept it too. */
	public static final String OPERATOR = "OPERATOR";

	private Callers() {
	}

	/** The current request's caller; the security chain lets no unauthenticated request reach a caller of this. */
	public static Caller current() {
		return find().orElseThrow(() -> ApiProblem.of(org.springframework.http.HttpStatus.UNAUTHORIZED,
				"sign in or present an API token"));
	}

	/** The current request's caller, if it authenticated. */
	public static Optional<Caller> find() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		Object principal = (authentication != null) ? authentication.getPrincipal() : null;
		if (principal instanceof Caller caller) {
			return Optional.of(caller);
		}
		if (principal instanceof PersonPrincipal person) {
			return Optional.of(person.caller());
		}
		return Optional.empty();
	}

	static Collection<GrantedAuthority> authorities(Caller caller) {
		return caller.operator() ? List.of(new SimpleGrantedAuthority(OPERATOR), new SimpleGrantedAuthority("CALLER"))
				: List.of(new SimpleGrantedAuthority("CALLER"));
	}

	/** A caller authenticated by an API token. */
	static final class TokenAuthentication extends AbstractAuthenticationToken {

		private final Caller caller;

		TokenAuthentication(Caller caller) {
			super(authorities(caller));
			this.caller = caller;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return null;
		}

		@Override
		public Object getPrincipal() {
			return this.caller;
		}

	}

}
