package dev.roster.mail;

import dev.roster.IntegrationTest;
import dev.roster.user.UserStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The database judges emails by the rules of {@link EmailKind}, for every kind and status. */
class EmailKindRulesTests extends IntegrationTest {

	@Test
	void theDatabaseFitsEveryKindToTheStatusesTheEnumDoes() {
		for (EmailKind kind : EmailKind.values()) {
			assertThat(this.jdbc.queryForObject("select email_audience(?)", String.class, kind.value()))
				.as(kind.value()).isEqualTo(kind.audience().name());
			for (UserStatus status : UserStatus.values()) {
				assertThat(this.jdbc.queryForObject("select email_fits(?, ?)", Boolean.class, kind.value(),
						status.name()))
					.as(kind.value() + " to a user " + status)
					.isEqualTo(kind.fits(status));
			}
		}
	}

	@Test
	void theDatabaseGivesEveryKindTheTokenPurposeTheEnumDoes() {
		for (EmailKind kind : EmailKind.values()) {
			assertThat(this.jdbc.queryForObject("select email_token_purpose(?)", String.class, kind.value()))
				.as(kind.value()).isEqualTo(kind.tokenPurpose());
		}
	}

	@Test
	void activationEmailsAndResetsGoToActiveUsersWelcomeEmailsToInvitedOnes() {
		assertThat(EmailKind.ACTIVATION.fits(UserStatus.ACTIVE)).isTrue();
		assertThat(EmailKind.PASSWORD_RESET.fits(UserStatus.ACTIVE)).isTrue();
		assertThat(EmailKind.WELCOME.fits(UserStatus.INVITED)).isTrue();
		assertThat(EmailKind.ACTIVATION.fits(UserStatus.INVITED)).isFalse();
		assertThat(EmailKind.WELCOME.fits(UserStatus.ACTIVE)).isFalse();
		assertThat(EmailKind.values()).noneMatch((kind) -> kind.fits(UserStatus.TERMINATED));
		assertThat(EmailKind.firstFor(UserStatus.ACTIVE)).isEqualTo(EmailKind.ACTIVATION);
		assertThat(EmailKind.firstFor(UserStatus.INVITED)).isEqualTo(EmailKind.WELCOME);
		assertThat(EmailKind.firstFor(UserStatus.TERMINATED)).isNull();
	}

}
