-- The team with every team above it, which the tombstones keep (the service installs the tombstone triggers at start
-- from each entity's access rule, AccessRules).

CREATE OR REPLACE FUNCTION public.team_line(start_team uuid)
 RETURNS uuid[]
 LANGUAGE sql
 STABLE
AS $function$
    with recursive line(id, parent_id) as (
        select id, parent_id from team where id = start_team
        union
        select t.id, t.parent_id from team t join line on t.id = line.parent_id)
    select coalesce(array_agg(id), '{}') from line
$function$
;
