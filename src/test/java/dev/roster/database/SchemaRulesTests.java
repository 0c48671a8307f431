package dev.roster.database;

import dev.roster.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database itself refuses what no job should ever store. */
class SchemaRulesTests extends IntegrationTest {

	private long acme;

	private long globex;

	@BeforeEach
	void accounts() {
		createAcme();
		createGlobex();
		this.acme = this.accounts.find("acme").orElseThrow().id();
		this.globex = this.accounts.find("globex").orElseThrow().id();
	}

	@Test
	void emailIsUniqueAcrossTheServiceIgnoringCase() {
		insertInvited(this.acme, "John@Acme.example");
		assertThatThrownBy(() -> insertInvited(this.globex, "john@acme.EXAMPLE"))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("app_user_email_key_key");
	}

	@Test
	void codesAreNeverIssuedTwiceEvenAfterRetirement() {
		this.jdbc.update("insert into access_code (code, kind, user_id, retired_at) values ('12345670', 'HOST', 1, now())");
		assertThatThrownBy(() -> this.jdbc.update("insert into access_code (code, kind, user_id) values ('12345670', 'GUEST', 2)"))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void statusesAndCodesMustAgree() {
		assertThatThrownBy(() -> this.jdbc.update("""
				insert into app_user (account_id, email, first_name, last_name, profile_type_id, status)
				values (?, 'x@acme.example', 'X', 'Y', (select id from account_profile_type where account_id = ? limit 1), 'ACTIVE')""",
				this.acme, this.acme))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> this.jdbc.update("""
				insert into app_user (account_id, email, first_name, last_name, profile_type_id, status)
				values (?, 'x@acme.example', 'X', 'Y', (select id from account_profile_type where account_id = ? limit 1), 'GONE')""",
				this.acme, this.acme))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void referenceDataAndDelegatesCannotCrossAccounts() {
		assertThatThrownBy(() -> this.jdbc.update("""
				insert into app_user (account_id, email, first_name, last_name, profile_type_id, status)
				values (?, 'x@acme.example', 'X', 'Y', (select id from account_profile_type where account_id = ? limit 1), 'INVITED')""",
				this.acme, this.globex))
			.isInstanceOf(DataIntegrityViolationException.class);
		long a = insertInvited(this.acme, "a@acme.example");
		long g = insertInvited(this.globex, "g@globex.example");
		assertThatThrownBy(() -> this.jdbc.update(
				"insert into user_delegate (account_id, user_id, delegate_id) values (?, ?, ?)", this.acme, a, g))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> this.jdbc.update(
				"insert into user_delegate (account_id, user_id, delegate_id) values (?, ?, ?)", this.acme, a, a))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	private long insertInvited(long account, String email) {
		return this.jdbc.queryForObject("""
				insert into app_user (account_id, email, first_name, last_name, profile_type_id, status)
				values (?, ?, 'First', 'Last', (select id from account_profile_type where account_id = ? and is_default), 'INVITED')
				returning id""", Long.class, account, email, account);
	}

}
