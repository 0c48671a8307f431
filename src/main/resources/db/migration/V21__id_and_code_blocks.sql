-- Bulk jobs take user ids and access-code counters in blocks, one sequence call per block instead of one per value.
-- A value v of these sequences reserves v .. v + increment - 1 for its caller; the gaps other callers leave cost
-- nothing (ids are 64-bit; a code block wastes at most 99 of the 10^length codes).
alter table app_user alter column id set increment by 1000;
alter sequence access_code_counter increment by 100;
