/**
 * Email: the outbox that jobs write in the same transaction as their user changes; its templates (English and
 * Spanish, operator overrides), link tokens, transports (SMTP, .eml files) and the delivery that claims, sends and
 * retries queued emails, with the job step that runs it.
 */
package dev.roster.mail;
