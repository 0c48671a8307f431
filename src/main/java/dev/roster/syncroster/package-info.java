/**
 * sync-roster: a full HR roster becomes the account's user list, every time it runs. The file is staged, then diffed
 * against the users table in a few set-based statements; a mass-termination guard stops a sync that would terminate
 * too many, and a roster that cannot name everyone terminates no one absent.
 */
package dev.roster.syncroster;
