-- Every user row is updated once more after it is written: when its first email is accepted, its sent date is set.
-- That column is in no index, so with room left on the row's page PostgreSQL updates it in place (a HOT update)
-- instead of adding an entry to each of the table's indexes for every email a delivery sends.
alter table app_user set (fillfactor = 90);
