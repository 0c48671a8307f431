/**
 * import-delegates: (host, delegate) pairs from a file become delegations between active users of one account;
 * with --replace, the file is each listed host's complete delegate list.
 */
package dev.roster.delegates;
