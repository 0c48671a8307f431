package dev.roster.console;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The way in: the sign-in page, and the start page, which opens a person's one account or lets them pick one. */
@Controller
class HomeController {

	private final ConsoleAccess access;

	HomeController(ConsoleAccess access) {
		this.access = access;
	}

	@GetMapping("/login")
	String login() {
		return "console/login";
	}

	@GetMapping("/")
	String home(Model model) {
		List<String> accounts = this.access.accounts();
		if (accounts.size() == 1 && !this.access.person().operator()) {
			return "redirect:/accounts/" + accounts.get(0) + "/users";
		}
		return "console/home";
	}

}
