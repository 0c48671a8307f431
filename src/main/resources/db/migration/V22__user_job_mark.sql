-- The job instance and file row that last created or changed a user. A bulk job recognises an email repeated in its
-- own file from the user it already wrote, without recording every email it reads.
alter table app_user add column last_job_instance_id bigint, add column last_job_row bigint;
