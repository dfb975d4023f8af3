-- Tombstone triggers are now derived from each entity's access rule (@Owned) and installed at start-up by
-- AccessRules, one function per table; the generic one, which guessed the owner from column names, goes.
do $$
declare
    t text;
begin
    foreach t in array array['territory', 'team', 'sales_rep', 'channel', 'product', 'account', 'campaign', 'lead', 'opportunity',
                             'sales_order', 'activity', 'target', 'cost_entry', 'survey_response', 'competitor_price'] loop
        execute format('drop trigger if exists %I on %I', t || '_record_deletion', t);
    end loop;
end $$;
drop function record_deletion();

-- A tombstone keeps the teams above the deleted record's team, so that the managers of any of them are owed the
-- deletion even when the team itself is deleted (older tombstones have only team_id).
alter table deleted_record add column team_line uuid[];

create function team_line(start_team uuid) returns uuid[] language sql stable as $$
    with recursive line(id, parent_id) as (
        select id, parent_id from team where id = start_team
        union
        select t.id, t.parent_id from team t join line on t.id = line.parent_id)
    select coalesce(array_agg(id), '{}') from line
$$;

-- Deals, leads and orders take the team and territory of their owner rep when they have none (placement), so that a
-- manager's lists and KPIs count the same deals; records stored before are placed the same way.
update opportunity o
set team_id = coalesce(o.team_id, r.team_id), territory_id = coalesce(o.territory_id, r.territory_id),
    updated_at = now(), version = o.version + 1
from sales_rep r
where r.id = o.owner_rep_id
  and ((o.team_id is null and r.team_id is not null) or (o.territory_id is null and r.territory_id is not null));

update lead l
set territory_id = r.territory_id, updated_at = now(), version = l.version + 1
from sales_rep r
where r.id = l.owner_rep_id and l.territory_id is null and r.territory_id is not null;

update sales_order o
set territory_id = r.territory_id, updated_at = now(), version = o.version + 1
from sales_rep r
where r.id = o.rep_id and o.territory_id is null and r.territory_id is not null;
