package dev.roster.account;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and writes accounts. Creating an account that exists adds the groups, offices and profile types it does not
 * have yet and updates its name and defaults: reference data is never removed, because users may point at it. Email
 * domains are added the same way, and removed only when asked ({@link #removeEmailDomains}): no user points at one.
 */
@Repository
public class AccountStore {

	static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

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

	/** Every account with its users by status and its email domains, by slug: what support staff see first. */
	public List<AccountSummary> summaries() {
		return this.jdbc.sql("""
				select a.slug, a.name,
				       (select count(*) from app_user u where u.account_id = a.id and u.status = 'ACTIVE'),
				       (select count(*) from app_user u where u.account_id = a.id and u.status = 'TERMINATED'),
				       (select count(*) from app_user u where u.account_id = a.id and u.status = 'INVITED'),
				       array(select d.domain from account_email_domain d where d.account_id = a.id order by d.domain)
				from account a order by a.slug""")
			.query((rs, n) -> new AccountSummary(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
					rs.getLong(5), List.of((String[]) rs.getArray(6).getArray())))
			.list();
	}

	/** Creates the account, or brings an existing one up to the definition; returns what changed. */
	@Transactional
	public List<String> define(AccountDefinition definition) {
		if (!SLUG.matcher(definition.slug()).matches()) {
			throw new AccountDefinitionException("invalid account '" + definition.slug()
					+ "': use lower-case letters, digits and '-', starting with a letter or digit (e.g. acme)",
					"invalid-slug", definition.slug());
		}
		List<String> changes = new ArrayList<>();
		Optional<Account> existing = find(definition.slug());
		long id;
		if (existing.isEmpty()) {
			if (AccountSlugs.isReserved(definition.slug())) {
				throw new AccountDefinitionException("account name '" + definition.slug()
						+ "' is reserved: the service uses it for its own paths (the HTTP API, the console, reports); "
						+ "choose another, e.g. " + definition.slug() + "-corp", "reserved-slug", definition.slug());
			}
			if (definition.name() == null || definition.name().isBlank()) {
				throw new AccountDefinitionException("a new account needs --name", "name-required");
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
		addEmailDomains(id, current.emailDomains(), definition.emailDomains(), changes);
		return changes;
	}

	/**
	 * Brings every account of the file to its definition, all or nothing: a refusal of any account (a reserved slug,
	 * a domain of another account...) leaves every account of the file as it was.
	 * @return what changed, by slug, in the file's order; an empty list for an account that was unchanged
	 */
	@Transactional
	public Map<String, List<String>> apply(AccountFile file) {
		Map<String, List<String>> changes = new LinkedHashMap<>();
		for (AccountFile.Entry entry : file.accounts()) {
			AccountDefinition definition = entry.definition();
			String where = file.name() + ": account '" + definition.slug() + "'";
			Optional<Account> existing = find(definition.slug());
			if (existing.isEmpty() && AccountSlugs.isReserved(definition.slug())) {
				throw new AccountDefinitionException(where + ": key 'slug': the name is reserved: the service uses it "
						+ "for its own paths (the HTTP API, the console, reports); choose another, e.g. "
						+ definition.slug() + "-corp");
			}
			if (existing.isEmpty() && definition.name() == null) {
				throw new AccountDefinitionException(where + ": key 'name': missing, and a new account needs one");
			}
			String defaultType = definition.defaultProfileType();
			// create adds a default it is given to the profile types; a file says what it has, so a typo is an error
			if (defaultType != null && Objects.requireNonNullElse(definition.profileTypes(), List.<String>of())
				.stream()
				.noneMatch((type) -> Account.key(type).equals(Account.key(defaultType)))
					&& existing.flatMap((account) -> account.profileType(defaultType)).isEmpty()) {
				throw new AccountDefinitionException(where + ": key 'default-profile-type': '" + defaultType
						+ "' is not one of its profile-types");
			}
			List<String> changed = new ArrayList<>();
			try {
				changed.addAll(define(definition));
			}
			catch (AccountDefinitionException ex) {
				String key = ex.getMessage().startsWith("email domain") ? "email-domains" : null;
				throw new AccountDefinitionException(where + ": " + ((key != null) ? "key '" + key + "': " : "")
						+ ex.getMessage());
			}
			if (!entry.removedEmailDomains().isEmpty()) {
				changed.addAll(removeEmailDomains(definition.slug(), entry.removedEmailDomains()));
			}
			AccountPolicy before = get(definition.slug()).policy();
			AccountPolicy after = entry.policy(before);
			if (setPolicy(definition.slug(), after)) {
				changed.addAll(before.changesTo(after));
			}
			changes.put(definition.slug(), changed);
		}
		return changes;
	}

	/**
	 * Removes email domains from an account (a typo, a domain the organisation gave up); a domain it does not own is
	 * left alone.
	 * @return what changed
	 */
	@Transactional
	public List<String> removeEmailDomains(String slug, List<String> domains) {
		Account account = find(slug)
			.orElseThrow(() -> new AccountDefinitionException("unknown account '" + slug + "'"));
		List<String> changes = new ArrayList<>();
		for (String domain : domains.stream().map(EmailDomains::normalise).distinct().toList()) {
			if (this.jdbc.sql("delete from account_email_domain where account_id = ? and domain = ?")
				.params(account.id(), domain)
				.update() > 0) {
				changes.add("removed email domain '" + domain + "'");
			}
		}
		return changes;
	}

	/** The account's users by status and its queued emails, in one statement. */
	public AccountCounts counts(long accountId) {
		return this.jdbc.sql("""
				select count(*) filter (where status = 'ACTIVE'), count(*) filter (where status = 'INVITED'),
					count(*) filter (where status = 'TERMINATED'),
					(select count(*) from email_outbox where account_id = :account and status = 'QUEUED')
				from app_user where account_id = :account""")
			.param("account", accountId)
			.query((rs, n) -> new AccountCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single();
	}

	/** How many users of the account, not terminated, have an address outside its email domains (when it has some). */
	public long usersOutsideEmailDomains(long accountId) {
		return this.jdbc.sql("""
				select count(*) from app_user u
				where u.account_id = ? and u.status <> 'TERMINATED'
					and exists (select 1 from account_email_domain d where d.account_id = u.account_id)
					and not exists (
						select 1 from account_email_domain d
						where d.account_id = u.account_id
							and (split_part(u.email_key, '@', 2) = d.domain
								or right(split_part(u.email_key, '@', 2), length(d.domain) + 1) = '.' || d.domain))""")
			.param(accountId)
			.query(Long.class)
			.single();
	}

	private void addEmailDomains(long accountId, List<String> existing, List<String> wanted, List<String> changes) {
		if (wanted == null) {
			return;
		}
		List<String> domains = wanted.stream()
			.map(EmailDomains::normalise)
			.distinct()
			.filter((domain) -> !existing.contains(domain))
			.toList();
		if (domains.isEmpty()) {
			return;
		}
		// a domain and its subdomains belong to one account; the lock (which conflicts with itself) makes two
		// definitions claiming overlapping domains at once take turns, so the second sees the first's claim
		this.jdbc.sql("lock table account_email_domain in share row exclusive mode").update();
		for (String domain : domains) {
			Optional<String[]> taken = this.jdbc.sql("""
					select d.domain, a.slug from account_email_domain d
					join account a on a.id = d.account_id
					where d.account_id <> ? and (d.domain = ? or right(?, length(d.domain) + 1) = '.' || d.domain
						or right(d.domain, length(?) + 1) = '.' || ?)
					order by d.domain limit 1""")
				.params(accountId, domain, domain, domain, domain)
				.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
				.optional();
			if (taken.isPresent()) {
				throw new AccountDefinitionException("email domain '" + domain + "' overlaps '" + taken.get()[0]
						+ "' of account '" + taken.get()[1] + "': a domain and its subdomains belong to one account",
						"domain-overlap", domain, taken.get()[0]);
			}
			this.jdbc.sql("insert into account_email_domain (account_id, domain) values (?, ?)")
				.params(accountId, domain)
				.update();
			changes.add("added email domain '" + domain + "'");
		}
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
				throw new AccountDefinitionException(kind + " '" + trimmed + "' is longer than 100 characters",
						"too-long", kind, trimmed);
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
			.orElseThrow(() -> new AccountDefinitionException("unknown default profile type '" + name + "'",
					"unknown-default-profile-type", name));
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
		List<String> emailDomains = this.jdbc
			.sql("select domain from account_email_domain where account_id = ? order by domain")
			.param(id)
			.query(String.class)
			.list();
		AccountPolicy policy = this.jdbc
			.sql("select jit_provisioning, jit_activation_email, admins_approve_syncs from account where id = ?")
			.param(id)
			.query((rs, n) -> new AccountPolicy(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3)))
			.single();
		return new Account(id, slug, name, billingCode, Account.byKey(groups), Account.byKey(offices),
				Account.byKey(profileTypes), defaultProfileType, emailDomains, policy);
	}

	/** Sets what the HTTP door allows the account; returns whether anything changed. */
	public boolean setPolicy(String slug, AccountPolicy policy) {
		return this.jdbc.sql("""
				update account set jit_provisioning = :jit, jit_activation_email = :email, admins_approve_syncs = :approve
				where slug = :slug and (jit_provisioning, jit_activation_email, admins_approve_syncs)
				                       is distinct from (:jit, :email, :approve)""")
			.param("jit", policy.jitProvisioning())
			.param("email", policy.jitActivationEmail())
			.param("approve", policy.adminsApproveSyncs())
			.param("slug", slug)
			.update() > 0;
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
