package dev.roster.console;

import java.util.List;
import java.util.Map;

import dev.roster.access.Caller;
import dev.roster.account.Account;
import dev.roster.api.AccountDeliveries;
import dev.roster.api.ApiProblem;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.UserRowRules.ValidatedUser;
import dev.roster.job.LaunchOrigin;
import dev.roster.mail.EmailKind;
import dev.roster.user.Delegates;
import dev.roster.user.UserEdits;
import dev.roster.user.UserPages;
import dev.roster.user.UserPages.UserView;
import dev.roster.user.UserStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page of one user, as the portal's Manage Users shows one: their details, editing them, their emails (password
 * reset, activation, welcome), their delegates, and terminating or reactivating them. Another account's user is not
 * found, as one that does not exist.
 */
@Controller
@RequestMapping("/accounts/{account}/users/{id:\\d+}")
class UserPage {

	private static final String PAGE = "redirect:/accounts/{account}/users/{id}";

	private final ConsoleAccess access;

	private final UserPages users;

	private final UserEdits edits;

	private final Delegates delegates;

	private final UserPageActions actions;

	private final AccountDeliveries deliveries;

	private final IntakeLimits limits;

	private final MessageSource messages;

	UserPage(ConsoleAccess access, UserPages users, UserEdits edits, Delegates delegates, UserPageActions actions,
			AccountDeliveries deliveries, IntakeLimits limits, MessageSource messages) {
		this.access = access;
		this.users = users;
		this.edits = edits;
		this.delegates = delegates;
		this.actions = actions;
		this.deliveries = deliveries;
		this.limits = limits;
		this.messages = messages;
	}

	@GetMapping
	String show(@ModelAttribute("currentAccount") Account account, @PathVariable long id, Model model) {
		UserView user = user(account, id);
		model.addAttribute("user", user);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new UserPageForm(user.email(), user.firstName(), user.lastName(),
					user.profileType(), user.group(), user.office(), user.billingCode(), user.language(), null));
		}
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		model.addAttribute("delegates", this.delegates.of(account.id(), id));
		model.addAttribute("hosts", this.delegates.hosts(account.id(), id));
		return "console/user";
	}

	@PostMapping("/edit")
	String edit(@ModelAttribute("currentAccount") Account account, @PathVariable long id, UserPageForm posted,
			Model model, RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
		UserView user = user(account, id);
		// the email is not edited: its domain is not judged again if the account's domains changed since
		ValidatedUser validated = new UserPageForm(user.email(), posted.firstName(), posted.lastName(),
				posted.profileType(), posted.group(), posted.office(), "", "", null)
			.validate(withoutEmailDomains(account), this.limits);
		if (validated.error() != null) {
			response.setStatus(422);
			model.addAttribute("form", posted);
			model.addAttribute("errors",
					UserPageForm.errors(validated, this.messages, LocaleContextHolder.getLocale()));
			return show(account, id, model);
		}
		UserPageActions.Outcome outcome = this.actions.edit(account, person(), request.getRemoteAddr(), id,
				validated.fields());
		return done(outcome, redirect, "user.edit.done", "user.edit.unchanged", "user.edit.refused");
	}

	@PostMapping("/email")
	String email(@ModelAttribute("currentAccount") Account account, @PathVariable long id, @RequestParam String kind,
			RedirectAttributes redirect, HttpServletRequest request) {
		user(account, id);
		EmailKind email;
		try {
			email = EmailKind.of(kind);
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblem.badRequest(message("user.email.unknown"));
		}
		Caller caller = person();
		UserPageActions.Outcome outcome = this.actions.send(account, caller, request.getRemoteAddr(), id, email);
		if (outcome == UserPageActions.Outcome.DONE) {
			this.deliveries.deliverSoon(account.slug(), caller, LaunchOrigin.CONSOLE);
		}
		return done(outcome, redirect, "user.email.done." + email.value(), null, "user.email.refused");
	}

	@GetMapping("/terminate")
	String confirmTermination(@ModelAttribute("currentAccount") Account account, @PathVariable long id, Model model,
			RedirectAttributes redirect) {
		UserView user = user(account, id);
		if ("TERMINATED".equals(user.status())) {
			redirect.addFlashAttribute("notice", message("user.terminate.already"));
			return PAGE;
		}
		model.addAttribute("user", user);
		model.addAttribute("removals", this.edits.removals(account.id(), id));
		return "console/user-terminate";
	}

	@PostMapping("/terminate")
	String terminate(@ModelAttribute("currentAccount") Account account, @PathVariable long id,
			@RequestParam(defaultValue = "") String confirm, Model model, RedirectAttributes redirect,
			HttpServletRequest request, HttpServletResponse response) {
		UserView user = user(account, id);
		if (!"TERMINATED".equals(user.status())
				&& !UserStore.emailKey(confirm).equals(UserStore.emailKey(user.email()))) {
			response.setStatus(422);
			model.addAttribute("problem", message("user.terminate.mismatch"));
			return confirmTermination(account, id, model, redirect);
		}
		UserPageActions.Outcome outcome = this.actions.terminate(account, person(), request.getRemoteAddr(), id);
		return done(outcome, redirect, "user.terminate.done", "user.terminate.already", null);
	}

	@PostMapping("/reactivate")
	String reactivate(@ModelAttribute("currentAccount") Account account, @PathVariable long id,
			RedirectAttributes redirect, HttpServletRequest request) {
		user(account, id);
		Caller caller = person();
		UserPageActions.Outcome outcome = this.actions.reactivate(account, caller, request.getRemoteAddr(), id);
		if (outcome == UserPageActions.Outcome.DONE) {
			this.deliveries.deliverSoon(account.slug(), caller, LaunchOrigin.CONSOLE);
		}
		return done(outcome, redirect, "user.reactivate.done", "user.reactivate.notTerminated", null);
	}

	@PostMapping("/delegates")
	String addDelegate(@ModelAttribute("currentAccount") Account account, @PathVariable long id,
			@RequestParam(defaultValue = "") String email, RedirectAttributes redirect, HttpServletRequest request) {
		user(account, id);
		String typed = dev.roster.intake.UserRowRules.withoutInvisible(email.strip());
		if (!dev.roster.intake.UserRowRules.isValidEmail(typed)) {
			redirect.addFlashAttribute("problem", message("user.delegates.invalid", typed));
			return PAGE;
		}
		Delegates.Added added = this.actions.addDelegate(account, person(), request.getRemoteAddr(), id, typed);
		String key = "user.delegates." + switch (added) {
			case ADDED -> "added";
			case ALREADY -> "already";
			case NO_SUCH_USER -> "noSuchUser";
			case SELF -> "self";
			case HOST_NOT_ACTIVE -> "hostNotActive";
			case DELEGATE_NOT_ACTIVE -> "delegateNotActive";
		};
		boolean fine = added == Delegates.Added.ADDED || added == Delegates.Added.ALREADY;
		redirect.addFlashAttribute(fine ? "notice" : "problem", message(key, typed));
		return PAGE;
	}

	@PostMapping("/delegates/{delegate:\\d+}/remove")
	String removeDelegate(@ModelAttribute("currentAccount") Account account, @PathVariable long id,
			@PathVariable long delegate, RedirectAttributes redirect, HttpServletRequest request) {
		user(account, id);
		UserPageActions.Outcome outcome = this.actions.removeDelegate(account, person(), request.getRemoteAddr(), id,
				delegate);
		return done(outcome, redirect, "user.delegates.removed", "user.delegates.notThere", null);
	}

	/** The account's user, or the page of a user not found. */
	private UserView user(Account account, long id) {
		return this.users.find(account.id(), id).orElseThrow(() -> ApiProblem.notFound(message("user.notFound")));
	}

	private Caller person() {
		return this.access.person();
	}

	/** Back to the user's page, with what became of the change. */
	private String done(UserPageActions.Outcome outcome, RedirectAttributes redirect, String done, String unchanged,
			String refused) {
		switch (outcome) {
			case DONE -> redirect.addFlashAttribute("notice", message(done));
			case UNCHANGED -> redirect.addFlashAttribute("notice", message(unchanged));
			case REFUSED -> redirect.addFlashAttribute("problem", message(refused));
			case NOT_FOUND -> throw ApiProblem.notFound(message("user.notFound"));
		}
		return PAGE;
	}

	private String message(String key, Object... args) {
		return this.messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

	/** The account as it judges names, groups and offices, whatever email domains it owns. */
	private static Account withoutEmailDomains(Account account) {
		return new Account(account.id(), account.slug(), account.name(), account.defaultBillingCode(),
				account.groups(), account.offices(), account.profileTypes(), account.defaultProfileType(), List.of(),
				account.policy());
	}

}
