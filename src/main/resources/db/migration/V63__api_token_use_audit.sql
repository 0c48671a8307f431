-- When a token's use was last written to the audit log: on its first use from an address, then at most hourly, so a
-- machine polling every second leaves one event an hour, not thousands.
alter table api_token add column use_audited_at timestamptz;
