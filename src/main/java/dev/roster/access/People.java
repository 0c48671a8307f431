package dev.roster.access;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people who sign in: operators, and admins of one or more accounts. Nobody sets another's password: an invite
 * sends a single-use link, and the password chosen through it is stored with a slow salted hash only.
 */
@Repository
public class People {

	/** How long a set-password link works. */
	public static final Duration LINK_LIFETIME = Duration.ofHours(People.LINK_HOURS);

	/** {@link #LINK_LIFETIME} in hours, as help texts say it. */
	public static final int LINK_HOURS = 72;

	/** The shortest password accepted. */
	public static final int MIN_PASSWORD_LENGTH = 12;

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	People(JdbcClient jdbc, PasswordEncoder passwords) {
		this.jdbc = jdbc;
		this.passwords = passwords;
	}

	/**
	 * Adds the person if new (making them an operator, or an admin of {@code accounts}, which are added to those they
	 * have) and returns the text of a new set-password link token, valid for {@link #LINK_LIFETIME}.
	 */
	@Transactional
	public Invitation invite(String email, String name, boolean operator, Collection<String> accounts) {
		long id = this.jdbc.sql("""
				insert into person (email, name, operator) values (:email, :name, :operator)
				on conflict (email_key) do update
				set name = coalesce(excluded.name, person.name), operator = person.operator or excluded.operator,
				    disabled_at = null
				returning id""")
			.param("email", email.strip())
			.param("name", name)
			.param("operator", operator)
			.query(Long.class)
			.single();
		for (String account : accounts) {
			int added = this.jdbc.sql("""
					insert into account_admin (person_id, account_id) select :person, id from account where slug = :slug
					on conflict do nothing""").param("person", id).param("slug", account).update();
			if (added == 0 && this.jdbc.sql("select count(*) from account where slug = ?").param(account)
				.query(Long.class).single() == 0) {
				throw new IllegalArgumentException("unknown account '" + account + "'");
			}
		}
		return new Invitation(id, email.strip(), link(id, "set-password"));
	}

	/** A new single-use link token for the person (a forgotten password), when the address is a person's. */
	public Optional<Invitation> resetLink(String email) {
		return find(email).filter((person) -> person.disabledAt() == null)
			.map((person) -> new Invitation(person.id(), person.email(), link(person.id(), "reset-password")));
	}

	/** The person of a link that still works (not used, not expired), to show its form; nothing is used up. */
	public Optional<Person> linkPerson(String token) {
		if (token == null || token.isEmpty()) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				select person_id from person_token where token_hash = ? and used_at is null and expires_at > now()""")
			.param(Secrets.hash(token))
			.query(Long.class)
			.optional()
			.flatMap(this::find);
	}

	/**
	 * Sets the password of the link's person and uses the link up; returns the person, or empty when the link is
	 * unknown, used or expired. Throws {@link IllegalArgumentException} for a password too short.
	 */
	@Transactional
	public Optional<Person> setPassword(String token, String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
			throw new IllegalArgumentException(
					"choose a password of at least " + MIN_PASSWORD_LENGTH + " characters");
		}
		Optional<Long> person = this.jdbc.sql("""
				update person_token set used_at = now()
				where token_hash = ? and used_at is null and expires_at > now()
				returning person_id""").param(Secrets.hash(token)).query(Long.class).optional();
		person.ifPresent((id) -> {
			this.jdbc.sql("update person set password_hash = ? where id = ?")
				.param(this.passwords.encode(password))
				.param(id)
				.update();
			// every other link of theirs dies with this one: a password is set once per link sent
			this.jdbc.sql("update person_token set used_at = now() where person_id = ? and used_at is null")
				.param(id)
				.update();
		});
		return person.flatMap(this::find);
	}

	public Optional<Person> find(String email) {
		return this.jdbc.sql("select " + COLUMNS + " from person p where email_key = lower(btrim(?))")
			.param(email)
			.query(People::person)
			.optional();
	}

	public Optional<Person> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from person p where id = ?").param(id).query(People::person).optional();
	}

	/** The slugs of the accounts a person administers. */
	public List<String> accounts(long personId) {
		return this.jdbc.sql("""
				select a.slug from account_admin m join account a on a.id = m.account_id
				where m.person_id = ? order by a.slug""").param(personId).query(String.class).list();
	}

	/** The people who administer an account, and the operators when {@code account} is {@code null}. */
	public List<Person> list(String account) {
		if (account == null) {
			return this.jdbc.sql("select " + COLUMNS + " from person p where operator order by email_key")
				.query(People::person)
				.list();
		}
		return this.jdbc.sql("select " + COLUMNS + """
				 from person p join account_admin m on m.person_id = p.id join account a on a.id = m.account_id
				where a.slug = ? order by p.email_key""").param(account).query(People::person).list();
	}

	public void signedIn(long personId) {
		this.jdbc.sql("update person set last_sign_in_at = now() where id = ?").param(personId).update();
	}

	private String link(long personId, String purpose) {
		String token = Secrets.generate("");
		this.jdbc.sql("""
				insert into person_token (token_hash, person_id, purpose, expires_at)
				values (:hash, :person, :purpose, now() + make_interval(secs => :seconds))""")
			.param("hash", Secrets.hash(token))
			.param("person", personId)
			.param("purpose", purpose)
			.param("seconds", LINK_LIFETIME.toSeconds())
			.update();
		return token;
	}

	private static final String COLUMNS = "p.id, p.email, p.name, p.password_hash, p.operator, p.last_sign_in_at, "
			+ "p.disabled_at";

	private static Person person(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Person(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
				(rs.getTimestamp(6) != null) ? rs.getTimestamp(6).toInstant() : null,
				(rs.getTimestamp(7) != null) ? rs.getTimestamp(7).toInstant() : null);
	}

	/** A person as stored; {@code passwordHash} is {@code null} until they set a password. */
	public record Person(long id, String email, String name, String passwordHash, boolean operator,
			java.time.Instant lastSignInAt, java.time.Instant disabledAt) {
	}

	/** A person and the text of their new single-use link token. */
	public record Invitation(long personId, String email, String token) {
	}

}
