package dev.roster.user;

/** A user to create: active with codes, or invited with none. */
public record NewUser(long id, long accountId, String email, UserStatus status, UserFields fields, CodePair codes) {
}
