package dev.roster.user;

/**
 * A user to create: active with codes, or invited with none.
 *
 * @param mark the job and row creating it, or {@code null}
 */
public record NewUser(long id, long accountId, String email, UserStatus status, UserFields fields, CodePair codes,
		JobMark mark) {

	public NewUser(long id, long accountId, String email, UserStatus status, UserFields fields, CodePair codes) {
		this(id, accountId, email, status, fields, codes, null);
	}

}
