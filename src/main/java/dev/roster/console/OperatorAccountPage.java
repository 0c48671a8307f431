package dev.roster.console;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.roster.RosterJobs;
import dev.roster.access.ApiTokens;
import dev.roster.access.AuditLog;
import dev.roster.access.Caller;
import dev.roster.access.Invitations;
import dev.roster.access.People;
import dev.roster.account.Account;
import dev.roster.account.AccountDefinition;
import dev.roster.account.AccountDefinitionException;
import dev.roster.account.AccountPolicy;
import dev.roster.account.AccountStore;
import dev.roster.api.ApiProblem;
import dev.roster.job.JobDefinition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One account as support staff set it up: its reference data (added, never removed: users point at it), default
 * billing code, email domains, what the HTTP door allows it, its admins and its API tokens. Every change is an audit
 * event of the account. The path names the account {@code slug}, not {@code account}, so that an admin is told 403
 * (support staff only) before any question of which accounts they see.
 */
@Controller
@RequestMapping("/operator/accounts/{slug}")
class OperatorAccountPage {

	/** What a token of an account may be allowed besides the jobs: the SSO provisioning endpoint. */
	static final String PROVISION = "provision";

	private final ConsoleAccess access;

	private final AccountStore accounts;

	private final People people;

	private final Invitations invitations;

	private final ApiTokens tokens;

	private final AuditLog audit;

	private final OperatorWords words;

	OperatorAccountPage(ConsoleAccess access, AccountStore accounts, People people, Invitations invitations,
			ApiTokens tokens, AuditLog audit, OperatorWords words) {
		this.access = access;
		this.accounts = accounts;
		this.people = people;
		this.invitations = invitations;
		this.tokens = tokens;
		this.audit = audit;
		this.words = words;
	}

	/** What a token may be allowed, in the order the command line lists the jobs. */
	static List<String> grantable() {
		Set<String> names = new LinkedHashSet<>();
		RosterJobs.ALL.stream().map(JobDefinition::command).forEach(names::add);
		names.add(PROVISION);
		return List.copyOf(names);
	}

	@GetMapping
	String show(@PathVariable String slug, Model model) {
		this.access.operator();
		Account account = this.access.account(slug);
		model.addAttribute("currentAccount", account);
		model.addAttribute("admins", this.people.list(account.slug()).stream().map(PersonRow::of).toList());
		model.addAttribute("tokens", this.tokens.list(account.slug()).stream().map(TokenRow::of).toList());
		model.addAttribute("grantable", grantable());
		return "console/operator-account";
	}

	@PostMapping("/reference")
	String addReference(@PathVariable String slug, @RequestParam(defaultValue = "") String kind,
			@RequestParam(defaultValue = "") String name, HttpServletRequest request, RedirectAttributes redirect) {
		List<String> one = List.of(name);
		return define(slug, name, "operators.reference.blank", "reference", (account) -> switch (kind) {
			case "group" -> new AccountDefinition(account, null, one, null, null, null, null, null);
			case "office" -> new AccountDefinition(account, null, null, one, null, null, null, null);
			case "profile-type" -> new AccountDefinition(account, null, null, null, one, null, null, null);
			default -> null;
		}, request, redirect);
	}

	@PostMapping("/default-profile-type")
	String defaultProfileType(@PathVariable String slug, @RequestParam(defaultValue = "") String name,
			HttpServletRequest request, RedirectAttributes redirect) {
		Caller caller = this.access.operator();
		Account account = this.access.account(slug);
		if (account.profileType(name).isEmpty()) {
			// the store would add a default it does not know; here the default is picked among the account's own
			return refused(account, redirect,
					this.words.get("operators.refused.unknown-default-profile-type", name), "reference");
		}
		return define(caller, account,
				new AccountDefinition(account.slug(), null, null, null, null, name, null, null), request, redirect,
				"reference");
	}

	@PostMapping("/billing-code")
	String billingCode(@PathVariable String slug, @RequestParam(defaultValue = "") String billingCode,
			HttpServletRequest request, RedirectAttributes redirect) {
		return define(slug, billingCode, "operators.billing.blank", "billing",
				(account) -> new AccountDefinition(account, null, null, null, null, null, billingCode, null), request,
				redirect);
	}

	@PostMapping("/domains")
	String addDomain(@PathVariable String slug, @RequestParam(defaultValue = "") String domain,
			HttpServletRequest request, RedirectAttributes redirect) {
		return define(slug, domain, "operators.domains.blank", "domains",
				(account) -> new AccountDefinition(account, null, null, null, null, null, null, List.of(domain)),
				request, redirect);
	}

	@PostMapping("/domains/remove")
	String removeDomain(@PathVariable String slug, @RequestParam(defaultValue = "") String domain,
			HttpServletRequest request, RedirectAttributes redirect) {
		Caller caller = this.access.operator();
		Account account = this.access.account(slug);
		List<String> changes = this.accounts.removeEmailDomains(account.slug(), List.of(domain));
		return changed(caller, account, "account.change", changes, request, redirect, "domains");
	}

	@PostMapping("/policy")
	String policy(@PathVariable String slug, @RequestParam(defaultValue = "false") boolean jitProvisioning,
			@RequestParam(defaultValue = "false") boolean jitActivationEmail,
			@RequestParam(defaultValue = "false") boolean adminsApproveSyncs, HttpServletRequest request,
			RedirectAttributes redirect) {
		Caller caller = this.access.operator();
		Account account = this.access.account(slug);
		AccountPolicy after = new AccountPolicy(jitProvisioning, jitActivationEmail, adminsApproveSyncs);
		List<String> changes = this.accounts.setPolicy(account.slug(), after) ? account.policy().changesTo(after)
				: List.of();
		return changed(caller, account, "account.policy", changes, request, redirect, "policy");
	}

	@PostMapping("/admins")
	String inviteAdmin(@PathVariable String slug, @RequestParam(defaultValue = "") String email,
			@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "en") String language,
			HttpServletRequest request, RedirectAttributes redirect) {
		Caller caller = this.access.operator();
		Account account = this.access.account(slug);
		String problem = OperatorInvites.invite(this.invitations, this.words, email, name, false,
				List.of(account.slug()), language, caller, request);
		if (problem != null) {
			return refused(account, redirect, problem, "admins");
		}
		redirect.addFlashAttribute("notice", this.words.get("operators.admins.invited", email.strip()));
		return back(account, "admins");
	}

	@PostMapping("/tokens")
	String createToken(@PathVariable String slug, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) List<String> jobs, Model model, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		Caller caller = this.access.operator();
		Account account = this.access.account(slug);
		List<String> allowed = grantable();
		List<String> chosen = (jobs != null) ? List.copyOf(new LinkedHashSet<>(jobs)) : List.of();
		String tokenName = name.strip();
		if (!ApiTokens.NAME.matcher(tokenName).matches()) {
			return refused(account, redirect, this.words.get("operators.tokens.badName", tokenName), "tokens");
		}
		if (!allowed.containsAll(chosen)) {
			return refused(account, redirect, this.words.get("operators.tokens.badJobs"), "tokens");
		}
		String token;
		try {
			token = this.tokens.create(account.slug(), tokenName, chosen, caller.who());
		}
		catch (IllegalArgumentException ex) {
			// the name was checked above and the account exists: a live token has the name
			return refused(account, redirect, this.words.get("operators.tokens.taken", tokenName), "tokens");
		}
		this.audit.record(account.slug(), caller.who(), "token.create", "token " + tokenName, request.getRemoteAddr(),
				Map.of("jobs", chosen));
		// rendered from the POST, never redirected to: the token is in no URL, no flash attribute, no cache
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		model.addAttribute("currentAccount", account);
		model.addAttribute("tokenName", tokenName);
		model.addAttribute("token", token);
		model.addAttribute("jobs", chosen);
		return "console/operator-token-created";
	}

	@GetMapping("/tokens/{name}/revoke")
	String confirmRevoke(@PathVariable String slug, @PathVariable String name, Model model) {
		this.access.operator();
		Account account = this.access.account(slug);
		ApiTokens.TokenInfo token = this.tokens.list(account.slug())
			.stream()
			.filter((info) -> info.name().equals(name) && info.revokedAt() == null)
			.findFirst()
			.orElseThrow(() -> ApiProblem.notFound(this.words.get("operators.tokens.none", name)));
		model.addAttribute("currentAccount", account);
		model.addAttribute("token", token);
		return "console/operator-token-revoke";
	}

	@PostMapping("/tokens/{name}/revoke")
	String revoke(@PathVariable String slug, @PathVariable String name, HttpServletRequest request,
			RedirectAttributes redirect) {
		Caller caller = this.access.operator();
		Account account = this.access.account(slug);
		if (!this.tokens.revoke(account.slug(), name)) {
			return refused(account, redirect, this.words.get("operators.tokens.none", name), "tokens");
		}
		this.audit.record(account.slug(), caller.who(), "token.revoke", "token " + name, request.getRemoteAddr(),
				Map.of());
		redirect.addFlashAttribute("notice", this.words.get("operators.tokens.revoked", name));
		return back(account, "tokens");
	}

	/**
	 * Brings the account to the definition made of one value given on the page: a blank value, or a definition
	 * {@code null} (a kind the page does not offer), is refused with the message of {@code blankKey}.
	 */
	private String define(String slug, String given, String blankKey, String section,
			Function<String, AccountDefinition> definition, HttpServletRequest request, RedirectAttributes redirect) {
		Caller caller = this.access.operator();
		Account account = this.access.account(slug);
		AccountDefinition defined = given.isBlank() ? null : definition.apply(account.slug());
		if (defined == null) {
			return refused(account, redirect, this.words.get(blankKey), section);
		}
		return define(caller, account, defined, request, redirect, section);
	}

	private String define(Caller caller, Account account, AccountDefinition definition, HttpServletRequest request,
			RedirectAttributes redirect, String section) {
		List<String> changes;
		try {
			changes = this.accounts.define(definition);
		}
		catch (AccountDefinitionException ex) {
			return refused(account, redirect, this.words.refusal(ex), section);
		}
		return changed(caller, account, "account.change", changes, request, redirect, section);
	}

	private String changed(Caller caller, Account account, String action, List<String> changes,
			HttpServletRequest request, RedirectAttributes redirect, String section) {
		if (changes.isEmpty()) {
			redirect.addFlashAttribute("notice", this.words.get("operators.account.unchanged"));
		}
		else {
			this.audit.record(account.slug(), caller.who(), action, "account " + account.slug(),
					request.getRemoteAddr(), Map.of("changes", changes));
			redirect.addFlashAttribute("notice", this.words.get("operators.account.saved"));
		}
		return back(account, section);
	}

	private String refused(Account account, RedirectAttributes redirect, String problem, String section) {
		redirect.addFlashAttribute("problem", problem);
		return back(account, section);
	}

	private static String back(Account account, String section) {
		return "redirect:/operator/accounts/" + account.slug() + "#" + section;
	}

	/** A person as the pages list them: {@code state} is {@code active}, {@code invited} or {@code disabled}. */
	record PersonRow(String email, String name, String state, String lastSignIn) {

		static PersonRow of(People.Person person) {
			return new PersonRow(person.email(), person.name(), (person.disabledAt() != null) ? "disabled"
					: (person.passwordHash() != null) ? "active" : "invited", OperatorWords.time(person.lastSignInAt()));
		}

	}

	/** A token as the page lists it: never its text, which is not kept. */
	record TokenRow(String name, List<String> jobs, String created, String createdBy, String lastUsed,
			String lastUsedFrom, String revoked) {

		static TokenRow of(ApiTokens.TokenInfo token) {
			return new TokenRow(token.name(), token.jobs(), OperatorWords.time(token.createdAt()), token.createdBy(),
					OperatorWords.time(token.lastUsedAt()), token.lastUsedFrom(), OperatorWords.time(token.revokedAt()));
		}

	}

}
