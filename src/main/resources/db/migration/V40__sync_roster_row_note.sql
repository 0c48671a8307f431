-- sync-roster: what Roster noticed about a staged row that is not an error, shown in a plan's note column (an email
-- read only after removing invisible characters). Staging rows live only for one run, so the column needs no default.
alter table sync_roster_row add column note text;
