package dev.roster.mail;

import dev.roster.RosterHome;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Chooses the transport: SMTP when Spring Boot configured a mail sender ({@code spring.mail.host}), else files. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

	@Bean
	MailTransport mailTransport(ObjectProvider<JavaMailSenderImpl> mailSender, RosterHome home) {
		JavaMailSenderImpl sender = mailSender.getIfAvailable();
		return (sender != null) ? new SmtpTransport(sender) : new EmlFolderTransport(home.folder("outbox"));
	}

}
