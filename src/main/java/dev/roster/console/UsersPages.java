package dev.roster.console;

import dev.roster.account.Account;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

/** An account's users, as the portal's Manage Users lists them. */
@Controller
@RequestMapping("/accounts/{account}/users")
class UsersPages {

	@GetMapping
	String list(@ModelAttribute("currentAccount") Account account) {
		return "console/users";
	}

}
