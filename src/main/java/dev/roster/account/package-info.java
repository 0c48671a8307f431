/**
 * Accounts and their reference data (groups, offices, profile types, default billing code, the email domains they
 * own), which support staff set up and imports must match; and the slugs no new account may take.
 */
package dev.roster.account;
