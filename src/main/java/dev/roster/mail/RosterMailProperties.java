package dev.roster.mail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What emails say and how they are delivered, bound from {@code roster.mail.*}. The SMTP server itself is Spring
 * Boot's {@code spring.mail.*}; without {@code spring.mail.host}, emails are written as files instead.
 *
 * @param from the sender, e.g. {@code Acme Conferencing <no-reply@conferencing.example>}
 * @param replyTo where replies go, or {@code null} for the sender
 * @param serviceName the service's name as emails show it
 * @param portalUrl the web portal; links are {@code /activate}, {@code /register}, {@code /reset-password} below it
 * @param dialIn the dial-in numbers activation emails list
 * @param templates the operator's template folder: a file there replaces the built-in template of the same name
 * @param invitationLinkValidity how long activation and register links work
 * @param resetLinkValidity how long a reset-password link works
 * @param connections SMTP connections used in parallel by one delivery
 * @param chunkSize messages claimed, and then marked sent, at a time by each connection; a connection holds at most
 * three chunks at once (one claimed ahead, one being sent, one being recorded), which a crash leaves to be resent as
 * possible duplicates
 * @param messagesPerConnection messages sent over one connection before it is closed and a new one opened
 * @param ratePerAccount messages per second at most for one account, over all connections of a process; 0 for no
 * limit
 * @param maxAttempts attempts of a message before a transient failure becomes final; also connection attempts
 * before a delivery gives up on an unreachable server
 * @param initialBackoff the wait before the first retry
 * @param backoffMultiplier how much longer each following wait is
 * @param maxBackoff the longest wait between two attempts
 * @param maxWait how long a delivery waits for a retry to fall due before it ends and leaves it to the next run
 */
@ConfigurationProperties("roster.mail")
record RosterMailProperties(@DefaultValue("Conferencing <no-reply@conferencing.example>") String from,
		String replyTo, @DefaultValue("Conferencing") String serviceName,
		@DefaultValue("https://portal.conferencing.example") String portalUrl,
		@DefaultValue({ "+1 555 010 0199 (United States)", "+44 20 7946 0199 (United Kingdom)" }) List<String> dialIn,
		@DefaultValue("${roster.jobs-dir:./jobs}/templates") Path templates,
		@DefaultValue("14d") Duration invitationLinkValidity, @DefaultValue("24h") Duration resetLinkValidity,
		@DefaultValue("4") int connections, @DefaultValue("200") int chunkSize,
		@DefaultValue("500") int messagesPerConnection, @DefaultValue("100") double ratePerAccount,
		@DefaultValue("5") int maxAttempts, @DefaultValue("10s") Duration initialBackoff,
		@DefaultValue("3") double backoffMultiplier, @DefaultValue("30m") Duration maxBackoff,
		@DefaultValue("2m") Duration maxWait) {

	RosterMailProperties {
		require(connections >= 1 && connections <= 64, "roster.mail.connections must be between 1 and 64");
		require(chunkSize >= 1, "roster.mail.chunk-size must be at least 1");
		require(messagesPerConnection >= 1, "roster.mail.messages-per-connection must be at least 1");
		require(ratePerAccount >= 0, "roster.mail.rate-per-account must be 0 (no limit) or more");
		require(maxAttempts >= 1, "roster.mail.max-attempts must be at least 1");
		require(backoffMultiplier >= 1, "roster.mail.backoff-multiplier must be at least 1");
		portalUrl = portalUrl.endsWith("/") ? portalUrl.substring(0, portalUrl.length() - 1) : portalUrl;
		dialIn = List.copyOf(dialIn);
	}

	/** The wait before attempt {@code attempts + 1}, after {@code attempts} failed ones. */
	Duration backoff(int attempts) {
		double millis = this.initialBackoff.toMillis() * Math.pow(this.backoffMultiplier, Math.max(0, attempts - 1));
		return (millis >= this.maxBackoff.toMillis()) ? this.maxBackoff : Duration.ofMillis((long) millis);
	}

	Duration linkValidity(EmailKind kind) {
		return (kind == EmailKind.PASSWORD_RESET) ? this.resetLinkValidity : this.invitationLinkValidity;
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
