package dev.roster.mail;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

/**
 * The emails of the people who run Roster (operators and accounts' admins): an invitation or a reset link, sent at
 * once, while the person who asked for it waits, through the same transport as users' emails. They never pass
 * through the outbox, which is users' and delivered by jobs; there is one email, and the link it carries is all a
 * retry needs: a new invitation sends a new link.
 */
@Component
public class PersonEmails {

	/** The emails a person receives: a template folder each, {@code <kind>/<language>.html} and {@code .txt}. */
	public enum Kind {

		/** A set-password link for someone just given access: who invited them, to what. */
		INVITE("person-invite"),

		/** A set-password link for someone who forgot theirs. */
		RESET("person-reset");

		private final String template;

		Kind(String template) {
			this.template = template;
		}

	}

	private final MailTransport transport;

	private final MailTemplates templates;

	private final MailMessages messages;

	private final RosterMailProperties properties;

	PersonEmails(MailTransport transport, RosterMailProperties properties) {
		this.transport = transport;
		this.properties = properties;
		this.templates = new MailTemplates(properties.templates());
		this.messages = new MailMessages(properties.from(), properties.replyTo());
	}

	/**
	 * Sends one email now; returning normally means the mail server (or the outbox folder) took it.
	 * @param language {@code en} or {@code es}; any other is English
	 * @param linkValidity how long the link works, which the email says
	 * @param values what the template prints: {@code name}, {@code email}, {@code link}, and the kind's own
	 * ({@code invitedBy} or {@code null} for the support staff, {@code operator}, {@code accounts})
	 * @throws IllegalStateException when it could not be sent, with the reason
	 */
	public void send(Kind kind, String to, String name, String language, Duration linkValidity,
			Map<String, ?> values) {
		String lang = MailTemplates.LANGUAGES.contains(language) ? language : "en";
		Map<String, Object> variables = new HashMap<>(values);
		// a person's link is counted in hours, as the pages say it ("72 hours"), up to a few days
		long hours = linkValidity.toHours();
		variables.put("linkValidFor", (hours > 1 && hours <= 96 && linkValidity.equals(Duration.ofHours(hours)))
				? hours + ("es".equals(lang) ? " horas" : " hours") : MailTemplates.validity(linkValidity, lang));
		variables.put("serviceName", this.properties.serviceName());
		variables.put("email", to);
		variables.put("name", name);
		EmailContent content = this.templates.render(kind.template, lang, variables);
		// at most 13 characters, so the file name stays within the length an outbox email's has
		String id = Long.toUnsignedString(UUID.randomUUID().getLeastSignificantBits(), 36);
		try (MailTransport.Connection connection = this.transport.connect()) {
			MimeMessage message = this.messages.build(this.transport.session(),
					"<" + UUID.randomUUID() + "@" + this.messages.domain() + ">", to, name, content);
			connection.send(message, MailMessages.fileName(to, kind.template, id));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("the email to " + to + " could not be sent through "
					+ this.transport.describe() + ": " + ex.getMessage(), ex);
		}
	}

	/** The languages there are templates for. */
	public static List<String> languages() {
		return MailTemplates.LANGUAGES;
	}

}
