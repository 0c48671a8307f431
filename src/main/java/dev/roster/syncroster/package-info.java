/**
 * sync-roster: a full HR roster becomes the account's user list. The file is staged, then diffed against the users
 * table in a few set-based statements; a mass-termination guard stops a sync that would terminate too many.
 */
package dev.roster.syncroster;
