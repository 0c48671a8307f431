package dev.roster.account;

import java.util.List;

/** An account as support staff's list shows it: its users by status and the email domains it owns. */
public record AccountSummary(String slug, String name, long active, long terminated, long invited,
		List<String> emailDomains) {

	public AccountSummary {
		emailDomains = List.copyOf(emailDomains);
	}

}
