package dev.roster.console;

import java.util.List;

import dev.roster.access.Caller;
import dev.roster.account.Account;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * What every console page's layout shows: the person, the accounts they may switch to, and the account of the page,
 * checked before the page's own handler runs (a path naming another's account is 404 whatever the page).
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

	private final ConsoleAccess access;

	ConsoleModel(ConsoleAccess access) {
		this.access = access;
	}

	@ModelAttribute("me")
	Caller me() {
		return ConsoleAccess.signedIn().orElse(null);
	}

	@ModelAttribute("accountChoices")
	List<String> accountChoices() {
		return ConsoleAccess.signedIn().isPresent() ? this.access.accounts() : List.of();
	}

	@ModelAttribute("currentAccount")
	Account account(@PathVariable(name = "account", required = false) String account) {
		return (account != null) ? this.access.account(account) : null;
	}

}
