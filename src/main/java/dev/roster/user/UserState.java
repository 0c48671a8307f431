package dev.roster.user;

import java.time.LocalDate;

/**
 * Where a user stands in their lifecycle, as the jobs that change it need to know.
 *
 * @param terminationDueOn the date a scheduled termination takes effect, or {@code null} when none is scheduled
 */
public record UserState(long id, long accountId, String email, UserStatus status, LocalDate terminationDueOn) {
}
