package dev.roster.api;

import java.util.List;

import dev.roster.access.Caller;
import dev.roster.account.Account;
import dev.roster.account.AccountStore;
import dev.roster.account.Reference;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The accounts a caller may see, and one account with its reference data. */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountsController {

	private final AccountStore accounts;

	private final AccountAccess access;

	AccountsController(AccountStore accounts, AccountAccess access) {
		this.accounts = accounts;
		this.access = access;
	}

	@GetMapping
	AccountList list() {
		Caller caller = Callers.current();
		return new AccountList(this.accounts.slugs().stream().filter(caller::sees).toList());
	}

	@GetMapping("/{account}")
	AccountBody get(@PathVariable String account) {
		return AccountBody.of(this.access.account(account));
	}

	record AccountList(List<String> accounts) {
	}

	/** An account as the API shows it, names in snake_case as everywhere in the API. */
	record AccountBody(String slug, String name, String default_billing_code, List<String> groups,
			List<String> offices, List<String> profile_types, String default_profile_type, List<String> email_domains) {

		static AccountBody of(Account account) {
			return new AccountBody(account.slug(), account.name(), account.defaultBillingCode(),
					names(account.groups().values()), names(account.offices().values()),
					names(account.profileTypes().values()),
					(account.defaultProfileType() != null) ? account.defaultProfileType().name() : null,
					account.emailDomains());
		}

		private static List<String> names(java.util.Collection<Reference> references) {
			return references.stream().map(Reference::name).toList();
		}

	}

}
