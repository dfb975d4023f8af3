-- A rep's list and sync pages read their own rows in the pages' order: rep, then (updated_at, id), which the page's
-- cursor continues from. With only (updated_at, id), a rep's first page of activities at 1M deals walked the index of
-- all 10M activities and fetched the heap row of each to test its rep: 9,931 rows read for 223, 21 to 58 s on a slow
-- disk, past the statement timeout. One such index per table whose read rule names a rep column of its own
-- (OwnershipIndexTest checks them against the @Owned declarations); it also serves what the rep column alone served.
create index account_owner_updated_idx on account (owner_rep_id, updated_at, id);
drop index account_owner_idx;
create index target_rep_updated_idx on target (rep_id, updated_at, id);
drop index target_rep_idx;
create index lead_owner_updated_idx on lead (owner_rep_id, updated_at, id);
create index opportunity_owner_updated_idx on opportunity (owner_rep_id, updated_at, id);
create index sales_order_rep_updated_idx on sales_order (rep_id, updated_at, id);
create index activity_rep_updated_idx on activity (rep_id, updated_at, id);
