package dev.roster.user;

/**
 * A user as stored.
 *
 * @param mark the job and row that last created or changed the user, or {@code null}
 */
public record StoredUser(long id, long accountId, String email, UserStatus status, UserFields fields, JobMark mark) {

	public StoredUser(long id, long accountId, String email, UserStatus status, UserFields fields) {
		this(id, accountId, email, status, fields, null);
	}

	/** The same user with other fields, as changed by {@code mark}. */
	public StoredUser changed(UserFields fields, JobMark mark) {
		return new StoredUser(this.id, this.accountId, this.email, this.status, fields, mark);
	}

}
