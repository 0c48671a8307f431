-- Exports run as COPY ... TO STDOUT; these keep the formatting rules in one place and are inlined by the planner.

-- A value a spreadsheet would run as a formula (= + - @ tab CR first) gets a leading apostrophe, shown as text.
create function csv_safe(value text) returns text
	language sql immutable parallel safe
	return case when left(value, 1) in ('=', '+', '-', '@', E'\t', E'\r') then '''' || value else value end;

-- ISO-8601 in UTC to the second, e.g. 2026-11-22T17:40:11Z.
create function iso_utc(value timestamptz) returns text
	language sql immutable parallel safe
	return to_char(value at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
