-- Delivery of the outbox (SPEC §5). A delivery claims rows by moving them from QUEUED to SENDING under
-- FOR UPDATE SKIP LOCKED, so two deliveries never take the same row. While it runs, it holds the advisory lock
-- (email_delivery_lock_class, claimed_by); a SENDING row whose claimer holds no such lock was left by a process
-- that died with the message in flight, and is queued again, flagged as a possible duplicate.
alter table email_outbox
	add column claimed_by            integer,
	-- the job execution that last tried to deliver the row: its report lists the row's outcome
	add column delivery_execution_id bigint,
	-- kept from the first attempt, so a resent message carries the same Message-ID and mail systems can tell
	add column message_id            text;

create sequence email_delivery_claimer as integer minvalue 1 cycle;

-- Every claim and every sent mark writes a new row version into each index whose predicate it matches, so the
-- indexes follow what deliveries look for and leave the ordinary life of an email (queued, sending, sent) out:
-- due emails by account, rows in flight, and the rows a delivery's report lists.
drop index email_outbox_pending;
-- a user's emails are looked for only while they wait (to cancel them, or not to queue one twice)
drop index email_outbox_user;
create index email_outbox_user on email_outbox (user_id) where status in ('QUEUED', 'SENDING');
-- claims take an account's due emails in this order; an order the primary key cannot give, or the planner, with
-- statistics that lag behind a delivery, walks the primary key past every email already sent
create index email_outbox_queued on email_outbox (account_id, next_attempt_at, id) where status = 'QUEUED';
create index email_outbox_sending on email_outbox (claimed_by) where status = 'SENDING';
create index email_outbox_delivery_problems on email_outbox (delivery_execution_id)
	where status in ('FAILED', 'CANCELLED') or possible_duplicate or (status = 'QUEUED' and last_error is not null);

-- The message a token was sent in: a token of a message the server refused is deleted, and a newer message of
-- the same purpose supersedes the tokens of older ones once it is accepted.
-- (neither indexed nor a foreign key, which would cost a lookup per token: tokens are found by hash or by user,
-- and outbox rows are never deleted)
alter table user_token add column outbox_id bigint;
