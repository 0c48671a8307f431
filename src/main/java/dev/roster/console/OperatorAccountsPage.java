package dev.roster.console;

import java.util.List;
import java.util.Map;

import dev.roster.access.AuditLog;
import dev.roster.access.Caller;
import dev.roster.account.AccountDefinition;
import dev.roster.account.AccountDefinitionException;
import dev.roster.account.AccountStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Support staff's list of every account, and a new account: slug, name and default billing code, under the rules of
 * {@code roster account create} (a slug the service reserves, or one taken, is refused with a sentence).
 */
@Controller
@RequestMapping("/operator/accounts")
class OperatorAccountsPage {

	private final ConsoleAccess access;

	private final AccountStore accounts;

	private final AuditLog audit;

	private final OperatorWords words;

	OperatorAccountsPage(ConsoleAccess access, AccountStore accounts, AuditLog audit, OperatorWords words) {
		this.access = access;
		this.accounts = accounts;
		this.audit = audit;
		this.words = words;
	}

	@GetMapping
	String list(Model model) {
		this.access.operator();
		return page(model, "", "", "");
	}

	@PostMapping
	String create(@RequestParam(defaultValue = "") String slug, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String billingCode, Model model, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		Caller caller = this.access.operator();
		String account = slug.strip();
		String problem = null;
		List<String> changes = List.of();
		if (!account.isEmpty() && this.accounts.find(account).isPresent()) {
			// the command line's create also updates an account; here that is the account's own page
			problem = this.words.get("operators.accounts.exists", account);
		}
		else {
			try {
				changes = this.accounts.define(
						new AccountDefinition(account, name, null, null, null, null, billingCode, null));
			}
			catch (AccountDefinitionException ex) {
				problem = this.words.refusal(ex);
			}
		}
		if (problem != null) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			model.addAttribute("problem", problem);
			return page(model, slug, name, billingCode);
		}
		this.audit.record(account, caller.who(), "account.create", "account " + account, request.getRemoteAddr(),
				Map.of("changes", changes));
		redirect.addFlashAttribute("notice", this.words.get("operators.accounts.created", account));
		return "redirect:/operator/accounts/" + account;
	}

	private String page(Model model, String slug, String name, String billingCode) {
		model.addAttribute("summaries", this.accounts.summaries());
		model.addAttribute("slug", slug);
		model.addAttribute("name", name);
		model.addAttribute("billingCode", billingCode);
		return "console/operator-accounts";
	}

}
