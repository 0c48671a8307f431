package dev.roster.api;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.roster.access.AuditLog;
import dev.roster.access.Invitations;
import dev.roster.access.People;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The pages of a person's password, plain forms in the console's frame and language: choosing one through an emailed
 * link, and asking for a new link. What they answer never says whether an address is a person's.
 */
@Controller
class SetPasswordController {

	private static final String FORM = "sign-in/set-password";

	private static final String LINK_INVALID = "sign-in/link-invalid";

	/** The session attribute of the link whose form is open. */
	private static final String LINK = SetPasswordController.class.getName() + ".link";

	/** The request attribute the pages' layout reads the CSRF token from. */
	private static final String CSRF = "_csrf";

	private final People people;

	private final Invitations invitations;

	private final AuditLog audit;

	private final MessageSource messages;

	SetPasswordController(People people, Invitations invitations, AuditLog audit, MessageSource messages) {
		this.people = people;
		this.invitations = invitations;
		this.audit = audit;
		this.messages = messages;
	}

	@GetMapping("/set-password")
	String form(@RequestParam(required = false) String token, Model model, HttpSession session,
			HttpServletResponse response) {
		// the layout's language switch links to this page without the link's token: the session remembers it
		String link = (token != null) ? token : (String) session.getAttribute(LINK);
		Optional<People.Person> person = this.people.linkPerson(link);
		if (person.isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return LINK_INVALID;
		}
		session.setAttribute(LINK, link);
		return form(model, link, person.get().email(), null);
	}

	@PostMapping("/set-password")
	String set(@RequestParam(required = false) String token, @RequestParam(required = false) String password,
			@RequestParam(required = false) String confirmation, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		Optional<People.Person> linked = this.people.linkPerson(token);
		if (linked.isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return LINK_INVALID;
		}
		String problem = (password == null || !password.equals(confirmation)) ? words("signin.set.differ")
				: (password.codePointCount(0, password.length()) < People.MIN_PASSWORD_LENGTH)
						? words("signin.set.short", People.MIN_PASSWORD_LENGTH) : null;
		if (problem != null) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(model, token, linked.get().email(), problem);
		}
		Optional<People.Person> person = this.people.setPassword(token, password);
		if (person.isEmpty()) {
			// used or expired between the check and now
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return LINK_INVALID;
		}
		People.Person set = person.get();
		this.audit.recordForPerson(set.operator(), this.people.accounts(set.id()), "person:" + set.email(),
				"password.set", "person " + set.email(), ApiSecurityConfiguration.source(request), Map.of());
		request.getSession().removeAttribute(LINK);
		return "redirect:/login?password-set";
	}

	@GetMapping("/forgot-password")
	String forgotForm() {
		return "sign-in/forgot-password";
	}

	@PostMapping("/forgot-password")
	@ResponseStatus(HttpStatus.OK)
	String forgot(@RequestParam(required = false) String email, Model model, HttpServletRequest request) {
		if (email != null && !email.isBlank() && email.length() <= 254) {
			this.invitations.forgotPassword(email.strip(), language(LocaleContextHolder.getLocale()),
					ApiSecurityConfiguration.source(request));
		}
		// the answer to a person and to a stranger must be the same bytes, and the session's CSRF token is masked
		// afresh for every page; this one has no form, so it goes without
		request.removeAttribute(CSRF);
		return "sign-in/link-sent";
	}

	private static String form(Model model, String token, String email, String problem) {
		model.addAttribute("token", token);
		model.addAttribute("email", email);
		model.addAttribute("problem", problem);
		model.addAttribute("minLength", People.MIN_PASSWORD_LENGTH);
		return FORM;
	}

	private String words(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
	}

	private static String language(Locale locale) {
		return (locale != null && "es".equals(locale.getLanguage())) ? "es" : "en";
	}

}
