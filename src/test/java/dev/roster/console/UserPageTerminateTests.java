package dev.roster.console;

import java.util.Map;

import dev.roster.mail.EmailKind;
import dev.roster.user.UserStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Terminating a user from their page, through a confirmation that says what goes; and bringing them back. */
class UserPageTerminateTests extends UserPageTests {

	@Autowired
	private dev.roster.mail.Outbox outbox;

	@Test
	void theConfirmationCountsWhatGoesAndConfirmingTerminates() {
		// given: a user with two rooms, a delegate, a delegate of one user, a queued email and an open link
		signedInToAcme();
		long bea = user("bea@acme.example");
		long carl = user("carl@acme.example");
		long dora = user("dora@acme.example");
		room(bea, "Weekly");
		room(bea, "Board");
		delegate(bea, carl);
		delegate(dora, bea);
		delegate(carl, dora);
		this.outbox.queue(this.accounts.get("acme").id(), java.util.List.of(bea), EmailKind.PASSWORD_RESET, null);
		this.jdbc.update("insert into user_token (token_hash, user_id, purpose, expires_at) "
				+ "values ('\\x01'::bytea, ?, 'reset-password', now() + interval '1 day')", bea);
		String hostCode = (String) row(bea).get("host_code");
		// when
		open("/accounts/acme/users/" + bea);
		find("#terminate").click();
		waitFor().until((driver) -> path().endsWith("/terminate"));
		// then: what will be removed, with its counts, and that it is for good
		assertThat(text("h1")).isEqualTo("Terminate bea@acme.example?");
		assertThat(text("#removal-codes")).contains("2 codes").contains("retired for ever");
		assertThat(text("#removal-rooms")).isEqualTo("Their 2 meeting rooms are deleted.");
		assertThat(text("#removal-delegates")).isEqualTo("Their 1 delegate is removed.");
		assertThat(text("#removal-delegate-of")).isEqualTo("They stop being the delegate of 1 user.");
		assertThat(text("#removal-emails")).startsWith("1 email waiting");
		assertThat(text("#removal-links")).startsWith("1 link sent");
		assertThat(text("main")).contains("This cannot be undone.");
		// when: confirmed by typing the email
		find("#confirm").sendKeys("Bea@Acme.example");
		find("#terminate-now").click();
		waitFor().until((driver) -> path().equals("/accounts/acme/users/" + bea));
		// then
		assertThat(text(".notice")).isEqualTo("The user is terminated.");
		assertThat(text("#fact-status")).isEqualTo("Terminated");
		assertThat(status(bea)).isEqualTo("TERMINATED");
		assertThat(row(bea).get("host_code")).isNull();
		assertThat(count("select count(*) from access_code where user_id = ? and retired_at is null", bea)).isZero();
		assertThat(count("select count(*) from access_code where code = ? and retired_at is not null", hostCode))
			.isEqualTo(1);
		assertThat(count("select count(*) from meeting_room where user_id = ?", bea)).isZero();
		assertThat(count("select count(*) from user_delegate where ? in (user_id, delegate_id)", bea)).isZero();
		assertThat(delegations()).as("the delegation between others stays").isEqualTo(1);
		assertThat(count("select count(*) from email_outbox where user_id = ? and status = 'CANCELLED'", bea))
			.isEqualTo(1);
		assertThat(count("select count(*) from user_token where user_id = ? and expires_at > now()", bea)).isZero();
		Map<String, Object> snapshot = this.jdbc.queryForMap("""
				select snapshot->>'reason' as reason, jsonb_array_length(snapshot->'meeting_rooms') as rooms,
					snapshot->>'host_code' as host_code
				from termination_snapshot where user_id = ?""", bea);
		assertThat(snapshot).containsEntry("reason", "console").containsEntry("rooms", 2)
			.containsEntry("host_code", hostCode);
		assertThat(audits("user.terminate")).isEqualTo(1);
		assertThat(status(carl)).isEqualTo("ACTIVE");
		// and terminating again is a no-op
		open("/accounts/acme/users/" + bea + "/terminate");
		assertThat(path()).isEqualTo("/accounts/acme/users/" + bea);
		assertThat(text(".notice")).isEqualTo("The user was already terminated: nothing changed.");
		assertThat(post("/accounts/acme/users/" + bea + "/terminate", "confirm=bea%40acme.example")).isZero();
		assertThat(count("select count(*) from termination_snapshot")).isEqualTo(1);
		assertThat(audits("user.terminate")).isEqualTo(1);
	}

	@Test
	void cancellingOrMistypingTheConfirmationChangesNothing() {
		// given
		signedInToAcme();
		long bea = user("bea@acme.example");
		long carl = user("carl@acme.example");
		delegate(bea, carl);
		open("/accounts/acme/users/" + bea + "/terminate");
		// when: cancelled
		find("#cancel").click();
		waitFor().until((driver) -> path().equals("/accounts/acme/users/" + bea));
		// then
		assertThat(status(bea)).isEqualTo("ACTIVE");
		// when: another email typed
		open("/accounts/acme/users/" + bea + "/terminate");
		find("#confirm").sendKeys("carl@acme.example");
		find("#terminate-now").click();
		waitFor().until((driver) -> !findAll(".problem").isEmpty());
		// then: the confirmation again, and nothing changed
		assertThat(text(".problem")).contains("nothing was terminated");
		assertThat(status(bea)).isEqualTo("ACTIVE");
		assertThat(delegations()).isEqualTo(1);
		assertThat(count("select count(*) from termination_snapshot")).isZero();
		assertThat(audits("user.terminate")).isZero();
	}

	@Test
	void reactivatingGivesNewCodesAndQueuesTheActivationEmail() {
		// given: a terminated user
		signedInToAcme();
		long bea = user("bea@acme.example");
		String oldHost = (String) row(bea).get("host_code");
		open("/accounts/acme/users/" + bea + "/terminate");
		find("#confirm").sendKeys("bea@acme.example");
		find("#terminate-now").click();
		waitFor().until((driver) -> path().equals("/accounts/acme/users/" + bea));
		assertThat(emails(bea, "activation")).isZero();
		// when
		find("#reactivate").click();
		waitFor().until((driver) -> !findAll(".notice").isEmpty() && text(".notice").contains("active again"));
		// then
		Map<String, Object> user = row(bea);
		assertThat(user.get("status")).isEqualTo("ACTIVE");
		assertThat(user.get("host_code")).isNotNull().isNotEqualTo(oldHost);
		assertThat(user.get("guest_code")).isNotNull();
		assertThat(text("#fact-host-code")).isEqualTo(user.get("host_code"));
		assertThat(emails(bea, "activation")).isEqualTo(1);
		assertThat(audits("user.reactivate")).isEqualTo(1);
		// and an active user is not reactivated twice
		assertThat(post("/accounts/acme/users/" + bea + "/reactivate", "")).isZero();
		assertThat(emails(bea, "activation")).isEqualTo(1);
		assertThat(audits("user.reactivate")).isEqualTo(1);
	}

	@Test
	void anInvitedUserIsTerminatedToo() {
		signedInToAcme();
		long eva = user("acme", "eva@acme.example", UserStatus.INVITED);
		open("/accounts/acme/users/" + eva + "/terminate");
		assertThat(text("#removal-codes")).isEqualTo("They have no codes in use.");
		find("#confirm").sendKeys("eva@acme.example");
		find("#terminate-now").click();
		waitFor().until((driver) -> path().equals("/accounts/acme/users/" + eva));
		assertThat(status(eva)).isEqualTo("TERMINATED");
	}

}
