package dev.roster.user;

/** A user's lifecycle: invited (asked to register, no codes yet), active (with codes), terminated. */
public enum UserStatus {

	INVITED, ACTIVE, TERMINATED

}
