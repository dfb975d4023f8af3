-- The history of every deal (opportunity_version, V14), written in the transaction of each change, whatever the path:
-- a new deal's first version; a new version when a change touches a field the pipeline is measured by (its previous
-- one ends then); on deletion, the last version ends and one marked deleted records who deleted it (the service sets
-- saleskpi.actor in the deleting transaction). Set-based, once per statement, as imports write thousands of deals at once.
-- A version never ends before it began, should one have been recorded as beginning later than the change.

CREATE OR REPLACE FUNCTION public.opportunity_history_on_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
begin
    insert into opportunity_version (id, valid_from, changed_by, account_id, owner_rep_id, team_id, territory_id, channel_id,
                                     product_id, lead_id, type, stage, amount, currency, opened_on, expected_close_on, closed_on,
                                     forecast_category, stage_entered_at)
    select n.id, now(), n.updated_by, n.account_id, n.owner_rep_id, n.team_id, n.territory_id, n.channel_id, n.product_id,
           n.lead_id, n.type, n.stage, n.amount, n.currency, n.opened_on, n.expected_close_on, n.closed_on, n.forecast_category, now()
    from new_deals n;
    return null;
end
$function$
;

CREATE OR REPLACE FUNCTION public.opportunity_history_on_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
begin
    with changed as (
        select n.* from new_deals n join old_deals o on o.id = n.id
        where (n.account_id, n.owner_rep_id, n.team_id, n.territory_id, n.channel_id, n.product_id, n.lead_id, n.type, n.stage,
               n.amount, n.currency, n.opened_on, n.expected_close_on, n.closed_on, n.forecast_category)
              is distinct from (o.account_id, o.owner_rep_id, o.team_id, o.territory_id, o.channel_id, o.product_id, o.lead_id,
               o.type, o.stage, o.amount, o.currency, o.opened_on, o.expected_close_on, o.closed_on, o.forecast_category)
    ), ended as (
        update opportunity_version v set valid_to = greatest(now(), v.valid_from) from changed c where v.id = c.id and v.valid_to is null
        returning v.id, v.stage, v.stage_entered_at, v.expected_close_on
    )
    insert into opportunity_version (id, valid_from, changed_by, account_id, owner_rep_id, team_id, territory_id, channel_id,
                                     product_id, lead_id, type, stage, amount, currency, opened_on, expected_close_on, closed_on,
                                     forecast_category, stage_entered_at, previous_stage, previous_stage_days, close_pushed)
    select c.id, now(), c.updated_by, c.account_id, c.owner_rep_id, c.team_id, c.territory_id, c.channel_id, c.product_id,
           c.lead_id, c.type, c.stage, c.amount, c.currency, c.opened_on, c.expected_close_on, c.closed_on, c.forecast_category,
           case when c.stage = e.stage then e.stage_entered_at else now() end,
           case when c.stage <> e.stage then e.stage end,
           case when c.stage <> e.stage then extract(epoch from now() - e.stage_entered_at) / 86400 end,
           coalesce(c.expected_close_on > e.expected_close_on, false)
    from changed c left join ended e on e.id = c.id;
    return null;
end
$function$
;

CREATE OR REPLACE FUNCTION public.opportunity_history_on_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
begin
    update opportunity_version v set valid_to = greatest(now(), v.valid_from) from old_deals o where v.id = o.id and v.valid_to is null;
    insert into opportunity_version (id, valid_from, changed_by, deleted, account_id, owner_rep_id, team_id, territory_id,
                                     channel_id, product_id, lead_id, type, stage, amount, currency, opened_on,
                                     expected_close_on, closed_on, forecast_category, stage_entered_at)
    select o.id, now(), nullif(current_setting('saleskpi.actor', true), ''), true, o.account_id, o.owner_rep_id, o.team_id,
           o.territory_id, o.channel_id, o.product_id, o.lead_id, o.type, o.stage, o.amount, o.currency, o.opened_on,
           o.expected_close_on, o.closed_on, o.forecast_category, now()
    from old_deals o;
    return null;
end
$function$
;

-- The open stages a deal has been in (V23), kept on the deal as it enters each: the closed deals rollups count from them
-- what the history-weighted pipeline learns, the same stages its versions record.
CREATE OR REPLACE FUNCTION public.opportunity_add_stage_visited()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
begin
    if new.stage not in ('CLOSED_WON', 'CLOSED_LOST') and not new.stage = any(new.open_stages_visited) then
        new.open_stages_visited := new.open_stages_visited || new.stage;
    end if;
    return new;
end
$function$
;

-- Whether a deal existed at an instant, whoever may see it: the pipeline waterfall tells a deal that entered a caller's
-- scope or filter (MOVED_IN) from a new one (NEW), and one that left it (MOVED_OUT) from a deleted one, without showing it.
CREATE OR REPLACE FUNCTION public.opportunity_existed(deal uuid, at timestamp with time zone)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public'
AS $function$
    select exists (select 1 from opportunity_version v where v.id = deal and v.valid_from <= at
                   and (v.valid_to is null or v.valid_to > at) and not v.deleted)
$function$
;

CREATE OR REPLACE TRIGGER opportunity_history_deleted AFTER DELETE ON public.opportunity REFERENCING OLD TABLE AS old_deals FOR EACH STATEMENT EXECUTE FUNCTION opportunity_history_on_delete();
CREATE OR REPLACE TRIGGER opportunity_history_inserted AFTER INSERT ON public.opportunity REFERENCING NEW TABLE AS new_deals FOR EACH STATEMENT EXECUTE FUNCTION opportunity_history_on_insert();
CREATE OR REPLACE TRIGGER opportunity_history_updated AFTER UPDATE ON public.opportunity REFERENCING OLD TABLE AS old_deals NEW TABLE AS new_deals FOR EACH STATEMENT EXECUTE FUNCTION opportunity_history_on_update();
CREATE OR REPLACE TRIGGER opportunity_stage_visited BEFORE INSERT OR UPDATE OF stage, open_stages_visited ON public.opportunity FOR EACH ROW EXECUTE FUNCTION opportunity_add_stage_visited();
