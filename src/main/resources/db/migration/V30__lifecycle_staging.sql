-- Staging for the lifecycle jobs that diff a whole file against the users table.

-- sync-roster: every row of the roster as read and validated, so the diff is a few set-based statements instead of a
-- lookup per row. Unlogged because a million rows would otherwise be written twice (WAL and table) only to be thrown
-- away minutes later; that is safe only because the job never trusts rows staged by an earlier execution: every
-- execution deletes its instance's rows and stages the whole file again (a crash of PostgreSQL empties an unlogged
-- table), and the apply step refuses to run when the staged count differs from the rows the stage step read.
-- A rejected row keeps its email key (when the cell held one): a row rejected for a bad office still names its user,
-- who must not look absent from the roster. Cells are kept for rejected rows only, for the rejects report.
create unlogged table sync_roster_row (
	job_instance_id  bigint not null,
	row_number       bigint not null,
	email            text,
	email_key        text,
	first_name       text,
	last_name        text,
	profile_type_id  bigint,
	group_id         bigint,
	office_id        bigint,
	billing_code     text,
	language         text,
	termination_date date,
	error            text,
	-- the stage step saw this row's email key (by hash) in an earlier valid row: the diff checks it by key
	maybe_repeated   boolean not null,
	cells            text[]
);
-- No index: the diff reads an instance's rows whole, in hash joins, and COPY into a table without indexes is fastest.

-- import-delegates: the (host, delegate) pairs a file names, valid or not, with what was done with each. --replace
-- removes the delegations of a listed host that no row names; a rejected row still names its pair, so a typo in one
-- row never removes a delegation the file meant to keep. Logged: the job resumes from its last committed chunk, and
-- the rows of those chunks must still be here.
create table delegate_row (
	job_instance_id bigint not null,
	row_number      bigint not null,
	host_key        text,
	delegate_key    text,
	host_id         bigint,
	delegate_id     bigint,
	action          text not null,
	message         text,
	cells           text[] not null,
	primary key (job_instance_id, row_number)
);
create index delegate_row_pair on delegate_row (job_instance_id, host_key, delegate_key);

