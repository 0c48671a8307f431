/**
 * The user model and its store: statuses, the fields an import may change, and access codes — unique by
 * construction, never issued twice.
 */
package dev.roster.user;
