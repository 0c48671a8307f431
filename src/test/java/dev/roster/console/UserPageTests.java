package dev.roster.console;

import java.util.List;
import java.util.Map;

import dev.roster.account.Account;
import dev.roster.user.AccessCodes;
import dev.roster.user.NewUser;
import dev.roster.user.UserFields;
import dev.roster.user.UserStatus;
import dev.roster.user.UserStore;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the tests of a user's page and of adding users share: users made straight in the store, their rooms,
 * delegations and queued emails, and a form posted with the browser's session, as a person could forge one.
 */
abstract class UserPageTests extends ConsoleTest {

	protected static final String ADMIN = "ana@acme.example";

	@Autowired
	private UserStore users;

	@Autowired
	private AccessCodes codes;

	/** Acme and Globex, and Acme's admin signed in. */
	protected void signedInToAcme() {
		createAcme();
		createGlobex();
		person(ADMIN, false, "acme");
		signIn(ADMIN);
	}

	/** A user of the account in Sales, Madrid: active with codes, or invited. */
	protected long user(String account, String email, UserStatus status) {
		Account found = this.accounts.get(account);
		Long group = found.groups().values().iterator().next().id();
		Long office = found.offices().values().iterator().next().id();
		List<Long> ids = this.users.allocateIds(1);
		this.users.insert(List.of(new NewUser(ids.get(0), found.id(), email, status,
				new UserFields("Bea", "Ortiz", found.defaultProfileType().id(), group, office, "00420", "en"),
				(status == UserStatus.ACTIVE) ? this.codes.issue(ids).get(0) : null)));
		return ids.get(0);
	}

	protected long user(String email) {
		return user("acme", email, UserStatus.ACTIVE);
	}

	protected void room(long userId, String name) {
		this.jdbc.update("insert into meeting_room (account_id, user_id, name) select account_id, id, ? from app_user "
				+ "where id = ?", name, userId);
	}

	protected void delegate(long hostId, long delegateId) {
		this.jdbc.update("insert into user_delegate (account_id, user_id, delegate_id) select account_id, id, ? "
				+ "from app_user where id = ?", delegateId, hostId);
	}

	protected long delegations() {
		return count("select count(*) from user_delegate");
	}

	protected String status(long userId) {
		return this.jdbc.queryForObject("select status from app_user where id = ?", String.class, userId);
	}

	protected Map<String, Object> row(long userId) {
		return this.jdbc.queryForMap("""
				select u.first_name, u.last_name, u.host_code, u.guest_code, u.status, g.name as group_name,
					o.name as office_name
				from app_user u left join account_group g on g.id = u.group_id
				left join account_office o on o.id = u.office_id where u.id = ?""", userId);
	}

	/** Emails ever queued for the user, of this kind, whatever became of them since. */
	protected long emails(long userId, String kind) {
		return count("select count(*) from email_outbox where user_id = ? and kind = ?", userId, kind);
	}

	protected long audits(String action) {
		return count("select count(*) from audit_event where action = ?", action);
	}

	/**
	 * Posts a form from the page open in the browser, with its session and CSRF token, as a person could forge one
	 * with the browser's tools; returns the response's status.
	 */
	protected long post(String path, String form) {
		Object status = ((JavascriptExecutor) this.browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const header = document.querySelector('meta[name=_csrf_header]').content;
				const token = document.querySelector('meta[name=_csrf]').content;
				fetch(arguments[0], { method: 'POST', redirect: 'manual', body: arguments[1],
					headers: { 'Content-Type': 'application/x-www-form-urlencoded', [header]: token } })
					.then((response) => done(response.status), (error) => done(-1));""", path, form);
		return ((Number) status).longValue();
	}

}
