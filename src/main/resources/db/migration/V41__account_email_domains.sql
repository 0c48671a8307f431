-- The email domains an account owns, set by support staff once the organisation has shown it holds them. An account
-- that owns domains takes users at those domains (and their subdomains) only. A domain belongs to one account across
-- the whole service: the primary key holds for the domain itself, and the store refuses a domain that is a subdomain
-- or a parent of another account's, under a lock on this table.
create table account_email_domain (
	domain     text primary key
		check (domain = lower(domain) and length(domain) between 3 and 253
			and domain ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
	account_id bigint not null references account (id),
	created_at timestamptz not null default now()
);
create index account_email_domain_account on account_email_domain (account_id);
