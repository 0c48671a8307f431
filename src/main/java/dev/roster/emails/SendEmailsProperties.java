package dev.roster.emails;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of send-emails, bound from {@code roster.send-emails.*}.
 *
 * @param chunkSize selected users queued per transaction
 */
@ConfigurationProperties("roster.send-emails")
record SendEmailsProperties(@DefaultValue("1000") int chunkSize) {
}
