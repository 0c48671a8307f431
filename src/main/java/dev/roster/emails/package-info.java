/**
 * send-emails queues activation, welcome or password-reset emails for the users of a file or for every user never
 * sent one, then delivers them; deliver-emails delivers the outbox.
 */
package dev.roster.emails;
