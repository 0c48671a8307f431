package dev.roster.console;

import java.util.List;

import dev.roster.access.Caller;
import dev.roster.access.Invitations;
import jakarta.servlet.http.HttpServletRequest;

/**
 * An invitation from the operators' pages, as {@code roster admin invite} makes one: the person is added and emailed
 * a single-use set-password link in the language chosen; the link is never shown to whoever invited them.
 */
final class OperatorInvites {

	private OperatorInvites() {
	}

	/** Invites the person; returns why not, in the person's language, or {@code null} when the email went. */
	static String invite(Invitations invitations, OperatorWords words, String email, String name, boolean operator,
			List<String> accounts, String language, Caller caller, HttpServletRequest request) {
		String address = email.strip();
		if (address.indexOf('@') < 1 || address.length() > 254) {
			return words.get("operators.invite.badEmail", address);
		}
		if (!OperatorWords.emailLanguage(language)) {
			return words.get("operators.invite.badLanguage");
		}
		try {
			invitations.invite(address, name.isBlank() ? null : name.strip(), operator, accounts, language, null,
					caller.who(), request.getRemoteAddr());
		}
		catch (IllegalStateException ex) {
			return words.get("operators.invite.notSent", address);
		}
		return null;
	}

}
