package dev.roster.console;

import java.util.Map;

import dev.roster.access.Caller;
import dev.roster.account.Account;
import dev.roster.api.AccountDeliveries;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.UserRowRules.ValidatedUser;
import dev.roster.job.LaunchOrigin;
import dev.roster.user.UserStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Adding one user by form, created at once or invited, by the rules and with the effects of one row of import-users;
 * many at once are a bulk job, which the page points to.
 */
@Controller
@RequestMapping("/accounts/{account}/users/new")
class AddUsersPage {

	private final ConsoleAccess access;

	private final AddUsers adds;

	private final AccountDeliveries deliveries;

	private final IntakeLimits limits;

	private final MessageSource messages;

	AddUsersPage(ConsoleAccess access, AddUsers adds, AccountDeliveries deliveries, IntakeLimits limits,
			MessageSource messages) {
		this.access = access;
		this.adds = adds;
		this.deliveries = deliveries;
		this.limits = limits;
		this.messages = messages;
	}

	@GetMapping
	String form(@ModelAttribute("currentAccount") Account account, Model model) {
		model.addAttribute("form", UserPageForm.blank(account));
		model.addAttribute("errors", Map.of());
		return "console/add-users";
	}

	@PostMapping
	String add(@ModelAttribute("currentAccount") Account account, UserPageForm posted, Model model,
			RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
		Caller caller = this.access.person();
		UserStatus status = switch (String.valueOf(posted.mode())) {
			case "create" -> UserStatus.ACTIVE;
			case "invite" -> UserStatus.INVITED;
			default -> null;
		};
		ValidatedUser user = posted.validate(account, this.limits);
		Map<String, String> errors = UserPageForm.errors(user, this.messages, LocaleContextHolder.getLocale());
		if (errors.isEmpty() && status == null) {
			errors = Map.of("mode", message("add-users.mode.pick"));
		}
		AddUsers.Added added = null;
		if (errors.isEmpty()) {
			added = add(account, caller, request, user, status);
			errors = switch (added.result()) {
				case ADDED -> Map.of();
				case EXISTS -> Map.of("email", message("add-users.exists"));
				case TERMINATED -> Map.of("email", message("add-users.terminated"));
				case OUTSIDE -> Map.of("email", message("add-users.outside"));
			};
		}
		if (!errors.isEmpty()) {
			response.setStatus(422);
			model.addAttribute("form", posted);
			model.addAttribute("errors", errors);
			// the user of this account the email names, to open instead
			model.addAttribute("existing", (added != null) ? added.userId() : null);
			return "console/add-users";
		}
		this.deliveries.deliverSoon(account.slug(), caller, LaunchOrigin.CONSOLE);
		redirect.addFlashAttribute("notice",
				message((status == UserStatus.ACTIVE) ? "add-users.created" : "add-users.invited", user.email()));
		return "redirect:/accounts/{account}/users/" + added.userId();
	}

	private AddUsers.Added add(Account account, Caller caller, HttpServletRequest request, ValidatedUser user,
			UserStatus status) {
		try {
			return this.adds.add(account, caller, request.getRemoteAddr(), user, status);
		}
		catch (DataIntegrityViolationException ex) {
			// added at the same moment by someone else: adding again finds theirs
			return this.adds.add(account, caller, request.getRemoteAddr(), user, status);
		}
	}

	private String message(String key, Object... args) {
		return this.messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

}
