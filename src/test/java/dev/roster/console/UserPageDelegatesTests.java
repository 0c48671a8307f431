package dev.roster.console;

import dev.roster.user.UserStatus;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's delegates on their page: added by email by the rules of import-delegates, and removed. */
class UserPageDelegatesTests extends UserPageTests {

	@Test
	void addsADelegateByEmailAndRemovesIt() {
		// given
		signedInToAcme();
		long bea = user("bea@acme.example");
		long carl = user("carl@acme.example");
		open("/accounts/acme/users/" + bea);
		assertThat(findAll("#delegate-list")).isEmpty();
		// when
		find("#delegate-email").sendKeys(" Carl@Acme.example ");
		find("#add-delegate button").click();
		waitFor().until((driver) -> !findAll(".notice").isEmpty());
		// then
		assertThat(text(".notice")).isEqualTo("Carl@Acme.example is now a delegate.");
		assertThat(findAll("#delegate-list tbody tr")).extracting((row) -> row.getText())
			.singleElement().asString().startsWith("carl@acme.example");
		assertThat(count("select count(*) from user_delegate where user_id = ? and delegate_id = ?", bea, carl))
			.isEqualTo(1);
		assertThat(audits("user.delegate.add")).isEqualTo(1);
		// and Carl's page says whose delegate he is
		open("/accounts/acme/users/" + carl);
		assertThat(text("#host-list")).contains("bea@acme.example");
		// when: removed
		open("/accounts/acme/users/" + bea);
		find(".remove-delegate").click();
		waitFor().until((driver) -> !findAll(".notice").isEmpty());
		// then
		assertThat(text(".notice")).isEqualTo("The delegate is removed.");
		assertThat(findAll("#delegate-list")).isEmpty();
		assertThat(delegations()).isZero();
		assertThat(audits("user.delegate.remove")).isEqualTo(1);
	}

	@Test
	void refusesAnotherAccountsUserOneselfAndUsersNotActive() {
		// given
		signedInToAcme();
		long bea = user("bea@acme.example");
		user("acme", "eva@acme.example", UserStatus.INVITED);
		user("globex", "gus@globex.example", UserStatus.ACTIVE);
		open("/accounts/acme/users/" + bea);
		// when / then: Globex's user is no user of this account, and the page says nothing more
		addDelegate("gus@globex.example");
		assertThat(text(".problem")).isEqualTo("No user with email gus@globex.example in this account.");
		addDelegate("bea@acme.example");
		assertThat(text(".problem")).isEqualTo("A user cannot be their own delegate.");
		addDelegate("eva@acme.example");
		assertThat(text(".problem")).isEqualTo("eva@acme.example is not active; only active users can be delegates.");
		addDelegate("nobody@acme.example");
		assertThat(text(".problem")).isEqualTo("No user with email nobody@acme.example in this account.");
		assertThat(delegations()).isZero();
		assertThat(audits("user.delegate.add")).isZero();
	}

	private void addDelegate(String email) {
		find("#delegate-email").sendKeys(email);
		WebElement button = find("#add-delegate button");
		button.click();
		waitFor().until(ExpectedConditions.stalenessOf(button));
	}

}
