-- The HTTP door's principals: people (the service's operators and accounts' admins) who sign in with a password,
-- and API tokens for machines. Secrets are stored as hashes only: a password with a slow salted hash, a token and a
-- set-password link as the SHA-256 of their random text, which is all a lookup needs.

create table person (
	id              bigint generated always as identity primary key,
	email           text not null check (email = btrim(email) and length(email) between 3 and 254),
	email_key       text generated always as (lower(email)) stored unique,
	name            text check (length(name) <= 200),
	-- null until the person has used their set-password link
	password_hash   text,
	operator        boolean not null default false,
	created_at      timestamptz not null default now(),
	last_sign_in_at timestamptz,
	disabled_at     timestamptz
);

-- Which accounts an admin administers; an operator sees every account without rows here.
create table account_admin (
	person_id  bigint not null references person (id),
	account_id bigint not null references account (id),
	created_at timestamptz not null default now(),
	primary key (person_id, account_id)
);
create index account_admin_account on account_admin (account_id);

-- Single-use links that set a person's password, as users' links are: only the SHA-256 of the token is kept.
create table person_token (
	token_hash bytea primary key,
	person_id  bigint not null references person (id),
	purpose    text not null check (purpose in ('set-password', 'reset-password')),
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	used_at    timestamptz
);
create index person_token_person on person_token (person_id);

-- A machine's token: one account and the jobs it may launch, or an operator's token (no account, every job).
create table api_token (
	id             bigint generated always as identity primary key,
	account_id     bigint references account (id),
	name           text not null check (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
	token_hash     bytea not null unique,
	jobs           text[] not null default '{}',
	operator       boolean not null default false,
	created_at     timestamptz not null default now(),
	created_by     text not null,
	revoked_at     timestamptz,
	last_used_at   timestamptz,
	last_used_from text,
	check (operator = (account_id is null)),
	check (not operator or jobs = '{}')
);
-- a name says which system holds a token: one live token of a name per account (or among operators' tokens)
create unique index api_token_live_name on api_token (coalesce(account_id, 0), name) where revoked_at is null;

-- Who did what, when and from where: every launch, approval, sign-in and token use.
create table audit_event (
	id         bigint generated always as identity primary key,
	account_id bigint references account (id),
	at         timestamptz not null default now(),
	actor      text not null,
	action     text not null,
	target     text,
	source     text,
	detail     jsonb not null default '{}'
);
create index audit_event_account on audit_event (account_id, id desc);

-- What support staff allow an account through the HTTP door (account definitions: jit-provisioning,
-- jit-activation-email, admins-approve-syncs); off until turned on.
alter table account
	add column jit_provisioning     boolean not null default false,
	add column jit_activation_email boolean not null default true,
	add column admins_approve_syncs boolean not null default false;
