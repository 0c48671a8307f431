-- The rules of EmailKind, for the statements that judge and mark emails in the database: which users an email fits,
-- and which link token it carries. Written once here instead of as CASE expressions in every statement; EmailKind's
-- test compares them with the enum for every kind and status. Immutable SQL functions, so the planner inlines them.

-- 'ACTIVE' for activation and password-reset emails, 'INVITED' for welcome emails.
create or replace function email_audience(kind text) returns text
	language sql immutable parallel safe
	return case kind when 'welcome' then 'INVITED' when 'activation' then 'ACTIVE' when 'password-reset' then 'ACTIVE'
		end;

create or replace function email_fits(kind text, status text) returns boolean
	language sql immutable parallel safe
	return coalesce(email_audience(kind) = status, false);

-- user_token.purpose of the link an email carries.
create or replace function email_token_purpose(kind text) returns text
	language sql immutable parallel safe
	return case kind when 'activation' then 'set-password' when 'welcome' then 'register'
		when 'password-reset' then 'reset-password' end;
