/**
 * Accounts and their reference data (groups, offices, profile types, default billing code), which support staff set
 * up and imports must match.
 */
package dev.roster.account;
