package dev.roster.account;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and writes accounts. Creating an account that exists adds the groups, offices and profile types it does not
 * have yet and updates its name and defaults: reference data is never removed, because users may point at it.
 */
@Repository
public class AccountStore {

	private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	private final JdbcClient jdbc;

	AccountStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Account> find(String slug) {
		return this.jdbc.sql("select id, slug, name, default_billing_code from account where slug = ?")
			.param(slug)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4) })
			.optional()
			.map((row) -> load((Long) row[0], (String) row[1], (String) row[2], (String) row[3]));
	}

	/** The account a job was launched for; its launcher checked that it exists. */
	public Account get(String slug) {
		return find(slug).orElseThrow(() -> new IllegalStateException("unknown account '" + slug + "'"));
	}

	/** Every account's slug. */
	public List<String> slugs() {
		return this.jdbc.sql("select slug from account order by slug").query(String.class).list();
	}

	/** Creates the account, or brings an existing one up to the definition; returns what changed. */
	@Transactional
	public List<String> define(AccountDefinition definition) {
		if (!SLUG.matcher(definition.slug()).matches()) {
			throw new AccountDefinitionException("invalid account '" + definition.slug()
					+ "': use lower-case letters, digits and '-', starting with a letter or digit (e.g. acme)");
		}
		List<String> changes = new ArrayList<>();
		Optional<Account> existing = find(definition.slug());
		long id;
		if (existing.isEmpty()) {
			if (definition.name() == null || definition.name().isBlank()) {
				throw new AccountDefinitionException("a new account needs --name");
			}
			id = this.jdbc.sql("insert into account (slug, name, default_billing_code) values (?, ?, ?) returning id")
				.params(definition.slug(), definition.name().strip(), blankToNull(definition.defaultBillingCode()))
				.query(Long.class)
				.single();
			changes.add("created");
		}
		else {
			Account account = existing.get();
			id = account.id();
			if (definition.name() != null && !definition.name().strip().equals(account.name())) {
				this.jdbc.sql("update account set name = ? where id = ?").params(definition.name().strip(), id).update();
				changes.add("name '" + definition.name().strip() + "'");
			}
			String billing = blankToNull(definition.defaultBillingCode());
			if (billing != null && !billing.equals(account.defaultBillingCode())) {
				this.jdbc.sql("update account set default_billing_code = ? where id = ?").params(billing, id).update();
				changes.add("default billing code '" + billing + "'");
			}
		}
		Account current = find(definition.slug()).orElseThrow();
		addMissing("account_group", "group", id, current.groups().keySet(), definition.groups(), changes);
		addMissing("account_office", "office", id, current.offices().keySet(), definition.offices(), changes);
		List<String> profileTypes = new ArrayList<>(Objects.requireNonNullElse(definition.profileTypes(), List.of()));
		if (definition.defaultProfileType() != null) {
			profileTypes.add(definition.defaultProfileType());
		}
		if (current.profileTypes().isEmpty() && profileTypes.isEmpty()) {
			profileTypes.add("Standard");
		}
		addMissing("account_profile_type", "profile type", id, current.profileTypes().keySet(), profileTypes, changes);
		setDefaultProfileType(definition.slug(), definition.defaultProfileType(), profileTypes, changes);
		return changes;
	}

	private void addMissing(String table, String kind, long accountId, Set<String> existingKeys,
			List<String> wanted, List<String> changes) {
		if (wanted == null) {
			return;
		}
		Set<String> seen = new HashSet<>(existingKeys);
		for (String name : wanted) {
			String trimmed = name.strip();
			if (trimmed.isEmpty() || !seen.add(Account.key(trimmed))) {
				continue;
			}
			if (trimmed.length() > 100) {
				throw new AccountDefinitionException(kind + " '" + trimmed + "' is longer than 100 characters");
			}
			this.jdbc.sql("insert into " + table + " (account_id, name) values (?, ?)").params(accountId, trimmed).update();
			changes.add("added " + kind + " '" + trimmed + "'");
		}
	}

	private void setDefaultProfileType(String slug, String requested, List<String> given, List<String> changes) {
		Account account = find(slug).orElseThrow();
		long accountId = account.id();
		String name = (requested != null) ? requested : (account.defaultProfileType() == null ? given.get(0) : null);
		if (name == null) {
			return;
		}
		Reference reference = account.profileType(name)
			.orElseThrow(() -> new AccountDefinitionException("unknown default profile type '" + name + "'"));
		if (account.defaultProfileType() != null && account.defaultProfileType().id() == reference.id()) {
			return;
		}
		this.jdbc.sql("update account_profile_type set is_default = false where account_id = ? and is_default")
			.param(accountId).update();
		this.jdbc.sql("update account_profile_type set is_default = true where id = ?").param(reference.id()).update();
		changes.add("default profile type '" + reference.name() + "'");
	}

	private Account load(long id, String slug, String name, String billingCode) {
		List<Reference> groups = references("account_group", id);
		List<Reference> offices = references("account_office", id);
		List<Reference> profileTypes = references("account_profile_type", id);
		Reference defaultProfileType = this.jdbc
			.sql("select id, name from account_profile_type where account_id = ? and is_default")
			.param(id)
			.query((rs, n) -> new Reference(rs.getLong(1), rs.getString(2)))
			.optional()
			.orElse(null);
		return new Account(id, slug, name, billingCode, Account.byKey(groups), Account.byKey(offices),
				Account.byKey(profileTypes), defaultProfileType);
	}

	private List<Reference> references(String table, long accountId) {
		return this.jdbc.sql("select id, name from " + table + " where account_id = ? order by id")
			.param(accountId)
			.query((rs, n) -> new Reference(rs.getLong(1), rs.getString(2)))
			.list();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}


}
