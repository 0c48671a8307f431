package dev.roster.api;

import java.util.Collection;

import dev.roster.access.Caller;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A person who signs in with a password: what the session keeps. The accounts they administer are read at sign-in,
 * so an admin added to an account sees it from their next sign-in on.
 */
final class PersonPrincipal implements UserDetails, CredentialsContainer {

	private final Caller caller;

	private String passwordHash;

	private final boolean enabled;

	PersonPrincipal(Caller caller, String passwordHash, boolean enabled) {
		this.caller = caller;
		this.passwordHash = passwordHash;
		this.enabled = enabled;
	}

	Caller caller() {
		return this.caller;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return Callers.authorities(this.caller);
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.caller.name();
	}

	@Override
	public boolean isEnabled() {
		return this.enabled;
	}

	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

}
