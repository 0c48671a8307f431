package dev.roster.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.roster.account.Account;
import dev.roster.account.AccountStore;
import dev.roster.mail.PersonEmails;

import org.springframework.stereotype.Component;

/**
 * Giving people access: an invitation adds the person and emails them a single-use set-password link, and a forgotten
 * password is answered the same way. The link goes to the person's mailbox only, never to whoever asked for it, so
 * nobody can sign in as someone else.
 */
@Component
public class Invitations {

	private final People people;

	private final PersonEmails emails;

	private final AuditLog audit;

	private final AccountStore accounts;

	private final HttpProperties http;

	Invitations(People people, PersonEmails emails, AuditLog audit, AccountStore accounts, HttpProperties http) {
		this.people = people;
		this.emails = emails;
		this.audit = audit;
		this.accounts = accounts;
		this.http = http;
	}

	/**
	 * Adds the person (an operator, or an admin of {@code accounts}) and emails them a set-password link; the invite
	 * is an {@code admin.invite} event of each account, or of the service for an operator.
	 * @param invitedBy who the email says invited them, or {@code null} for the service's support staff
	 * @param actor who asked, as the audit log names them
	 * @param source from where: {@code cli}, or the client's address
	 * @throws IllegalArgumentException for an account that does not exist (nobody is added)
	 * @throws IllegalStateException when the email could not be sent (the person is added: inviting again sends a
	 * new link)
	 */
	public void invite(String email, String name, boolean operator, List<String> accountSlugs, String language,
			String invitedBy, String actor, String source) {
		List<String> names = new ArrayList<>();
		for (String slug : accountSlugs) {
			names.add(this.accounts.find(slug).map(Account::name)
				.orElseThrow(() -> new IllegalArgumentException("unknown account '" + slug + "'")));
		}
		People.Invitation invitation = this.people.invite(email, name, operator, accountSlugs);
		Map<String, Object> values = new HashMap<>();
		values.put("invitedBy", invitedBy);
		values.put("operator", operator);
		values.put("accounts", names);
		values.put("link", link(invitation));
		Map<String, Object> detail = Map.of("email", invitation.email(), "operator", operator);
		this.audit.recordForPerson(operator, accountSlugs, actor, "admin.invite", "person " + invitation.email(), source,
				detail);
		this.emails.send(PersonEmails.Kind.INVITE, invitation.email(), name, language, People.LINK_LIFETIME, values);
	}

	/**
	 * Emails a new set-password link when the address is a person's who may sign in; says nothing either way, so the
	 * answer to a stranger is the same as to a person.
	 */
	public void forgotPassword(String email, String language, String source) {
		this.people.resetLink(email).ifPresent((invitation) -> {
			People.Person person = this.people.find(invitation.personId()).orElseThrow();
			this.audit.recordForPerson(person.operator(), this.people.accounts(person.id()), "person:" + person.email(),
					"password.reset-link", "person " + person.email(), source, Map.of());
			this.emails.send(PersonEmails.Kind.RESET, person.email(), person.name(), language, People.LINK_LIFETIME,
					Map.of("link", link(invitation)));
		});
	}

	private String link(People.Invitation invitation) {
		return this.http.publicUrl() + "/set-password?token=" + invitation.token();
	}

}
