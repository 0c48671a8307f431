package dev.roster.account;

/** One named item of an account's reference data: a group, an office or a profile type. */
public record Reference(long id, String name) {
}
