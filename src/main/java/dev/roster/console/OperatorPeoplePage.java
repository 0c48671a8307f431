package dev.roster.console;

import java.util.List;

import dev.roster.access.Caller;
import dev.roster.access.Invitations;
import dev.roster.access.People;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The service's support staff: who they are, and inviting one more (they see every account). */
@Controller
@RequestMapping("/operator/people")
class OperatorPeoplePage {

	private final ConsoleAccess access;

	private final People people;

	private final Invitations invitations;

	private final OperatorWords words;

	OperatorPeoplePage(ConsoleAccess access, People people, Invitations invitations, OperatorWords words) {
		this.access = access;
		this.people = people;
		this.invitations = invitations;
		this.words = words;
	}

	@GetMapping
	String list(Model model) {
		this.access.operator();
		model.addAttribute("staff", this.people.list(null).stream().map(OperatorAccountPage.PersonRow::of).toList());
		return "console/operator-people";
	}

	@PostMapping
	String invite(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "en") String language, HttpServletRequest request,
			RedirectAttributes redirect) {
		Caller caller = this.access.operator();
		String problem = OperatorInvites.invite(this.invitations, this.words, email, name, true, List.of(), language,
				caller, request);
		if (problem != null) {
			redirect.addFlashAttribute("problem", problem);
		}
		else {
			redirect.addFlashAttribute("notice", this.words.get("operators.people.invited", email.strip()));
		}
		return "redirect:/operator/people";
	}

}
