-- Users listed a page at a time (GET /api/v1/accounts/{account}/users): keyset pages in email order, and a search by
-- the prefix of an email, a first name, a last name or "first last". Orders and prefixes compare in the "C"
-- collation, byte by byte, so a prefix is an index range whatever the database's locale.

-- What a name is searched by: lower case, the accents of Spanish and Western European names removed. Immutable, so
-- an index can hold it; the API applies the same function to what is typed.
create function name_key(value text) returns text
	language sql immutable parallel safe
	return lower(translate(value, 'ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕØóòôöõøÚÙÛÜúùûüÑñÇçÝýÿ',
		'AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOOooooooUUUUuuuuNnCcYyy'));

create index app_user_account_email on app_user (account_id, (email_key collate "C"));
create index app_user_account_status_email on app_user (account_id, status, (email_key collate "C"));
create index app_user_account_full_name on app_user (account_id, (name_key(first_name || ' ' || last_name) collate "C"));
create index app_user_account_last_name on app_user (account_id, (name_key(last_name) collate "C"));
