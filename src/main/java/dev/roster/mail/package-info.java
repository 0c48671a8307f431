/**
 * Email: the outbox that jobs write in the same transaction as their user changes, its kinds, and (later) the
 * templates and transports that deliver it.
 */
package dev.roster.mail;
