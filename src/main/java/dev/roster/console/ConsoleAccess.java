package dev.roster.console;

import java.util.List;
import java.util.Optional;

import dev.roster.access.Caller;
import dev.roster.account.Account;
import dev.roster.account.AccountStore;
import dev.roster.api.AccountAccess;
import dev.roster.api.ApiProblem;
import dev.roster.api.Callers;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is at the console and which accounts they may open. The console is for people: a machine's token is refused
 * every page. An account a person may not see answers 404, as one that does not exist, through the API's one rule
 * ({@link AccountAccess}).
 */
@Component
public class ConsoleAccess {

	private final AccountAccess access;

	private final AccountStore accounts;

	private final MessageSource messages;

	ConsoleAccess(AccountAccess access, AccountStore accounts, MessageSource messages) {
		this.access = access;
		this.accounts = accounts;
		this.messages = messages;
	}

	/** The person signed in, if one is. */
	static Optional<Caller> signedIn() {
		return Callers.find().filter(Caller::person);
	}

	/** The signed-in person; a token is 403. */
	public Caller person() {
		Caller caller = Callers.current();
		if (!caller.person()) {
			throw ApiProblem.forbidden(say("access.forPeople"));
		}
		return caller;
	}

	/** The account, if the signed-in person may open it; otherwise 404. */
	public Account account(String slug) {
		person();
		try {
			return this.access.account(slug);
		}
		catch (ApiProblem ex) {
			// the same answer for an account that does not exist and one the person may not see, in their language
			throw ApiProblem.notFound(say("access.noAccount", slug));
		}
	}

	/** Checks the person is support staff (403 otherwise). */
	public Caller operator() {
		Caller caller = person();
		if (!caller.operator()) {
			throw ApiProblem.forbidden(say("access.operatorsOnly"));
		}
		return caller;
	}

	private String say(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
	}

	/** The accounts the person may open, by slug: every account for support staff, their own for an admin. */
	public List<String> accounts() {
		Caller caller = person();
		return caller.operator() ? this.accounts.slugs()
				: this.accounts.slugs().stream().filter(caller::sees).toList();
	}

}
