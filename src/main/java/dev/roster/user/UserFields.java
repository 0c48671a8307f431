package dev.roster.user;

/**
 * The fields of a user that a file may set and an import may change; {@code null} ids mean no group or office.
 */
public record UserFields(String firstName, String lastName, long profileTypeId, Long groupId, Long officeId,
		String billingCode, String language) {
}
