package dev.roster.user;

/** A user as stored. */
public record StoredUser(long id, long accountId, String email, UserStatus status, UserFields fields) {
}
