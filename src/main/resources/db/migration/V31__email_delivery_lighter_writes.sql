-- Every email delivered writes a new row version; an index whose predicate the row no longer matches gets no entry.
-- A user's emails are looked for only while they wait (to cancel them, or not to queue one twice).
drop index email_outbox_user;
create index email_outbox_user on email_outbox (user_id) where status in ('QUEUED', 'SENDING');

-- The foreign key cost a lookup per link token stored; tokens are found by hash or by user, and outbox rows are
-- never deleted, so nothing is lost without it.
alter table user_token drop constraint user_token_outbox_id_fkey;
