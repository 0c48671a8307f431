package dev.roster.user;

/** A user's host and guest codes; always different. */
public record CodePair(String hostCode, String guestCode) {
}
