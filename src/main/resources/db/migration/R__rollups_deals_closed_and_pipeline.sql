-- The families kept from opportunities: deals_closed (by close day; with, per open stage, the deals closed and won after
-- having been in it), pipeline (openings and closings by day) and open_deals (the open deals by the day they are expected
-- to close, stage and forecast category).

-- The counts deals_closed keeps per open stage (V23): the deals closed, and won, after having been in the stage.
CREATE OR REPLACE FUNCTION public.visited_stage_columns()
 RETURNS TABLE(stage text, closed_column text, won_column text)
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select s, 'closed_after_' || lower(s), 'won_after_' || lower(s)
    from unnest(array['PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION']) with ordinality as x(s, n)
    order by n
$function$
;

CREATE OR REPLACE FUNCTION public.deals_closed_change(grain text, sign integer, deals text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select format($statement$
        insert into %1$I as r (day, team_id, rep_id, territory_id, channel_id, product_id, currency,
                               won, lost, won_amount, won_cycle_days, deals%9$s%6$s)
        select %4$s, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id, d.product_id, d.currency,
               %2$s * count(*) filter (where d.stage = 'CLOSED_WON'), %2$s * count(*) filter (where d.stage <> 'CLOSED_WON'),
               %2$s * coalesce(sum(d.amount) filter (where d.stage = 'CLOSED_WON'), 0),
               %2$s * coalesce(sum(d.closed_on - d.opened_on) filter (where d.stage = 'CLOSED_WON'), 0), %2$s * count(*)%10$s%7$s
        from (select d.* from %3$s) d
        where d.closed_on is not null
        group by 1, 2, 3, 4, 5, 6, 7
        order by 1, 2, 3, 4, 5, 6, 7
        on conflict on constraint %5$I do update
            set won = r.won + excluded.won, lost = r.lost + excluded.lost, won_amount = r.won_amount + excluded.won_amount,
                won_cycle_days = r.won_cycle_days + excluded.won_cycle_days, deals = r.deals + excluded.deals%11$s%8$s
        $statement$, 'deals_closed_' || grain, sign, deals, rollup_day(grain, 'd.closed_on'), 'deals_closed_' || grain || '_key',
        c[1], c[2], c[3], v.names, v.counts, v.sums)
    from converted_columns(grain, sign, 'won_amount', 'deals_unrated', 'case when d.stage = ''CLOSED_WON'' then d.amount end',
                           'd.currency', 'd.closed_on') c,
         (select string_agg(format(', %I, %I', closed_column, won_column), '') as names,
                 string_agg(format(', %1$s * count(*) filter (where %2$L = any(d.open_stages_visited)),'
                                   ' %1$s * count(*) filter (where %2$L = any(d.open_stages_visited) and d.stage = ''CLOSED_WON'')',
                                   sign, stage), '') as counts,
                 string_agg(format(', %1$I = r.%1$I + excluded.%1$I, %2$I = r.%2$I + excluded.%2$I', closed_column, won_column), '') as sums
          from visited_stage_columns()) v
$function$
;

CREATE OR REPLACE FUNCTION public.pipeline_change(grain text, sign integer, deals text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select format($statement$
        insert into %1$I as r (day, team_id, rep_id, territory_id, channel_id, product_id, currency,
                               opened_count, opened_amount, closed_count, closed_amount)
        select %4$s, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id, d.product_id, d.currency,
               %2$s * count(*) filter (where e.opening), %2$s * coalesce(sum(d.amount) filter (where e.opening), 0),
               %2$s * count(*) filter (where not e.opening), %2$s * coalesce(sum(d.amount) filter (where not e.opening), 0)
        from (select d.* from %3$s) d
        cross join lateral (values (d.opened_on, true), (d.closed_on, false)) as e(day, opening)
        where e.day is not null
        group by 1, 2, 3, 4, 5, 6, 7
        order by 1, 2, 3, 4, 5, 6, 7
        on conflict on constraint %5$I do update
            set opened_count = r.opened_count + excluded.opened_count, opened_amount = r.opened_amount + excluded.opened_amount,
                closed_count = r.closed_count + excluded.closed_count, closed_amount = r.closed_amount + excluded.closed_amount
        $statement$, 'pipeline_' || grain, sign, deals, rollup_day(grain, 'e.day'), 'pipeline_' || grain || '_key')
$function$
;

CREATE OR REPLACE FUNCTION public.open_deals_change(grain text, sign integer, deals text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select format($statement$
        insert into %1$I as r (day, team_id, rep_id, currency, stage, forecast_category, deals, amount)
        select %4$s, d.team_id, d.owner_rep_id, d.currency, d.stage, d.forecast_category, %2$s * count(*), %2$s * sum(d.amount)
        from (select d.* from %3$s) d
        where d.stage not in ('CLOSED_WON', 'CLOSED_LOST') and coalesce(d.closed_on, d.expected_close_on) is not null
        group by 1, 2, 3, 4, 5, 6
        order by 1, 2, 3, 4, 5, 6
        on conflict on constraint %5$I do update
            set deals = r.deals + excluded.deals, amount = r.amount + excluded.amount
        $statement$, 'open_deals_' || grain, sign, deals, rollup_day(grain, 'coalesce(d.closed_on, d.expected_close_on)'),
        'open_deals_' || grain || '_key')
$function$
;

-- The statements of every family kept from opportunities, for the trigger and for bulk writes (fact_rollups_apply) alike.
CREATE OR REPLACE FUNCTION public.opportunity_rollup_statements(sign integer, deals text)
 RETURNS text[]
 LANGUAGE sql
 IMMUTABLE STRICT
AS $function$
    select rollup_statements('deals', sign, deals) || rollup_statements('pipeline', sign, deals)
           || rollup_statements('open_deals', sign, deals)
$function$
;

CREATE OR REPLACE FUNCTION public.opportunity_rollups_on_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
declare
    statement text;
    changed constant text := ' on other.id = d.id where'
        || ' (d.opened_on, d.closed_on, d.expected_close_on, d.stage, d.forecast_category, d.amount, d.currency, d.team_id,'
        || ' d.owner_rep_id, d.territory_id, d.channel_id, d.product_id, d.open_stages_visited) is distinct from (other.opened_on,'
        || ' other.closed_on, other.expected_close_on, other.stage, other.forecast_category, other.amount, other.currency,'
        || ' other.team_id, other.owner_rep_id, other.territory_id, other.channel_id, other.product_id, other.open_stages_visited)';
    removed constant text := case tg_op when 'DELETE' then 'old_deals d' when 'UPDATE' then 'old_deals d join new_deals other' || changed end;
    added constant text := case tg_op when 'INSERT' then 'new_deals d' when 'UPDATE' then 'new_deals d join old_deals other' || changed end;
begin
    foreach statement in array coalesce(opportunity_rollup_statements(-1, removed), '{}')
                               || coalesce(opportunity_rollup_statements(1, added), '{}') loop
        execute statement;
    end loop;
    return null;
end $function$
;

CREATE OR REPLACE TRIGGER opportunity_rollups_deleted AFTER DELETE ON public.opportunity REFERENCING OLD TABLE AS old_deals FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION opportunity_rollups_on_change();
CREATE OR REPLACE TRIGGER opportunity_rollups_inserted AFTER INSERT ON public.opportunity REFERENCING NEW TABLE AS new_deals FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION opportunity_rollups_on_change();
CREATE OR REPLACE TRIGGER opportunity_rollups_updated AFTER UPDATE ON public.opportunity REFERENCING OLD TABLE AS old_deals NEW TABLE AS new_deals FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION opportunity_rollups_on_change();
