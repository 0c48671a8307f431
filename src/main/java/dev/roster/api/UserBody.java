package dev.roster.api;

import dev.roster.user.UserPages.UserView;

/** A user as the API shows it: the export's columns in snake_case, and its id. */
record UserBody(long id, String email, String first_name, String last_name, String status, String profile_type,
		String group, String office, String host_code, String guest_code, String billing_code, String language,
		String activation_email_sent, String welcome_email_sent, String created, String terminated) {

	static UserBody of(UserView user) {
		return new UserBody(user.id(), user.email(), user.firstName(), user.lastName(), user.status(),
				user.profileType(), user.group(), user.office(), user.hostCode(), user.guestCode(), user.billingCode(),
				user.language(), user.activationEmailSent(), user.welcomeEmailSent(), user.created(),
				user.terminated());
	}

}
