package dev.roster.account;

/** An account's users by status and its emails waiting to be sent, as {@code account show} prints them. */
public record AccountCounts(long active, long invited, long terminated, long emailsQueued) {
}
