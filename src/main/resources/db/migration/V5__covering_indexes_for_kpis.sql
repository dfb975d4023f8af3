-- KPI statements count the activities and leads of a team's reps within a period (count of ids, so that an empty
-- bucket counts 0): with the id in the index, PostgreSQL answers them from the index alone, without the table.
create index activity_rep_covering_idx on activity (rep_id, occurred_at) include (id);
drop index activity_rep_idx;
create index lead_owner_covering_idx on lead (owner_rep_id, received_at) include (id);
drop index lead_owner_idx;
