/**
 * Who may use Roster through its HTTP door: people (operators and accounts' admins) and machines' API tokens, the
 * {@link dev.roster.access.Caller} each request acts as, and the audit log of what they did.
 */
package dev.roster.access;
