-- Every link token stored checked its user with a lookup that also locked the user's row, a write to the user's page
-- for each email claimed. Users are never deleted, and a token is only ever stored for a user its claim just read.
alter table user_token drop constraint user_token_user_id_fkey;
