-- Every launch of a job, whichever door it came through (the command line, the API, the console, a drop folder, a
-- schedule): who launched it, with which file and options, and how it ended. Spring Batch's tables keep executions;
-- this keeps launches, including those that started none (already completed, rejected, busy) and those still queued.

create table job_launch (
	id           bigint generated always as identity primary key,
	-- null for a job of every account (deliver-emails, terminate-due without --account)
	account_id   bigint references account (id),
	job          text not null,
	door         text not null check (door in ('cli', 'api', 'console', 'drop-folder', 'schedule')),
	launched_by  text not null,
	file_name    text,
	-- where the launch read its file: an approval relaunches the same one
	file_path    text,
	file_sha256  text,
	options      jsonb not null default '{}',
	dry_run      boolean not null default false,
	status       text not null,
	execution_id bigint,
	counts       jsonb,
	report       text,
	message      text,
	total_rows   bigint,
	created_at   timestamptz not null default now(),
	started_at   timestamptz,
	ended_at     timestamptz,
	approved_by  text,
	approval_of  bigint references job_launch (id)
);
create index job_launch_account on job_launch (account_id, id desc);
-- the API answers the same upload again with the launch it already made
create index job_launch_content on job_launch (account_id, job, file_sha256) where file_sha256 is not null;
