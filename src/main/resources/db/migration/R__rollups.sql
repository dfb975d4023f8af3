-- Every function and trigger of the schema is in its current definition in one repeatable file (R__*.sql, one per
-- concern): Flyway applies a file after the versioned migrations whenever it changes, so a database at any version ends
-- with these definitions; V3 to V10 keep how they came to be.
-- The machinery every rollup family shares: the rollup statements of a family (rollup_statements, which names the
-- families: revenue, deals_closed, pipeline, open_deals, activity, lead, survey), the day of a row at each grain,
-- conversion of amounts, and bulk imports' deferral (rollups_defer, rollups_resume). Each family's own functions and triggers are in
-- R__rollups_<family>.sql; FactSource and RollupSql read the same daily and monthly tables.
-- Each family's statement writes its rows in the order of its key, day first (order by the grouped columns): a bulk
-- write (an import, the demo generator) then leaves them in the order of their days, as writes made day by day do, and a
-- team's period is a few adjacent pages. In a hash aggregate's order a team's six months of revenue_monthly were spread
-- over 81 % of its pages at 1M deals (V25 rewrote the existing rows in key order).

-- rollup_statements names each family's change function, defined in the family's file, which Flyway applies after this
-- one: on a new database (or with a new family) it does not exist yet when rollup_statements is created.
set check_function_bodies = off;

CREATE OR REPLACE FUNCTION public.converted_columns(grain text, sign integer, amount_column text, unrated_column text, amount text, currency text, day text)
 RETURNS text[]
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select case grain when 'daily' then array['', '', ''] else array[
        format(', %s_reporting, %s', amount_column, unrated_column),
        format(', %1$s * coalesce(sum(%2$s / rate_in_force(%3$s, %4$s)), 0), %1$s * count(*) filter (where rate_in_force(%3$s, %4$s) is null)',
               sign, amount, currency, day),
        format(', %1$s_reporting = r.%1$s_reporting + excluded.%1$s_reporting, %2$s = r.%2$s + excluded.%2$s', amount_column, unrated_column)]
    end
$function$
;

CREATE OR REPLACE FUNCTION public.fact_rollups_apply(source regclass, ids uuid[], sign integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
declare
    statement text;
    -- the rows are joined to the ids, which the planner reads through the primary key, one probe per id; as
    -- "id = any(ids)" it read the whole table (opportunity: 24 ms at 100k, against 3 ms joined)
    chosen constant text := format('(select distinct id from unnest(%L::uuid[]) as i(id)) chosen', ids);
begin
    foreach statement in array case source
            when 'opportunity'::regclass then opportunity_rollup_statements(sign, 'opportunity d join ' || chosen || ' on chosen.id = d.id')
            when 'sales_order'::regclass then rollup_statements('revenue', sign, 'sales_order o join ' || chosen
                || ' on chosen.id = o.id join order_line l on l.order_id = o.id where o.status <> ''CANCELLED''')
            when 'activity'::regclass then rollup_statements('activity', sign, 'activity d join ' || chosen || ' on chosen.id = d.id')
            when 'lead'::regclass then rollup_statements('lead', sign, 'lead d join ' || chosen || ' on chosen.id = d.id')
            when 'survey_response'::regclass then rollup_statements('survey', sign,
                'survey_response d join ' || chosen || ' on chosen.id = d.id left join account a on a.id = d.account_id')
            when 'account'::regclass then rollup_statements('survey', sign, 'survey_response d join account a'
                || ' on a.id = d.account_id join ' || chosen || ' on chosen.id = a.id')
            else '{}' end loop
        execute statement;
    end loop;
end $function$
;

CREATE OR REPLACE FUNCTION public.rollup_day(grain text, day text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select case grain when 'daily' then day when 'monthly' then format('date_trunc(''month'', %s)::date', day) end
$function$
;

CREATE OR REPLACE FUNCTION public.rollup_rows_on_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
declare
    statement text;
    columns constant text := tg_argv[1];
    joined constant text := tg_argv[2];
    changed constant text := ' on other.id = d.id' || joined || format(' where (%s) is distinct from (%s)',
        regexp_replace(columns, '(\w+)', 'd.\1', 'g'), regexp_replace(columns, '(\w+)', 'other.\1', 'g'));
    removed constant text := case tg_op when 'DELETE' then 'old_rows d' || joined
                                        when 'UPDATE' then 'old_rows d join new_rows other' || changed end;
    added constant text := case tg_op when 'INSERT' then 'new_rows d' || joined
                                      when 'UPDATE' then 'new_rows d join old_rows other' || changed end;
begin
    foreach statement in array coalesce(rollup_statements(tg_argv[0], -1, removed), '{}')
                               || coalesce(rollup_statements(tg_argv[0], 1, added), '{}') loop
        execute statement;
    end loop;
    return null;
end $function$
;

CREATE OR REPLACE FUNCTION public.rollup_statements(family text, sign integer, rows text)
 RETURNS text[]
 LANGUAGE sql
 IMMUTABLE STRICT
AS $function$
    -- Adding rows to a rollup leaves every key it touches with something in it. Taking rows away can empty a key: the
    -- change then returns where the emptied rows are and the next statement deletes them there. No index follows the
    -- counts (an index on "deals = 0" would make every update of a rollup row write all its indexes, never HOT), and
    -- the position is passed in a transaction-local setting because both statements must run where the trigger's
    -- transition tables are visible.
    select array_agg(statement order by grain, step)
    from unnest(array['daily', 'monthly']) as grain
    cross join lateral (select case family
                when 'revenue' then revenue_change(grain, sign, rows)
                when 'deals' then deals_closed_change(grain, sign, rows)
                when 'pipeline' then pipeline_change(grain, sign, rows)
                when 'open_deals' then open_deals_change(grain, sign, rows)
                when 'activity' then activity_change(grain, sign, rows)
                when 'lead' then lead_change(grain, sign, rows)
                when 'survey' then survey_change(grain, sign, rows)
            end as change, case family
                when 'revenue' then 'lines = 0'
                when 'deals' then 'deals = 0'
                when 'pipeline' then 'opened_count = 0 and closed_count = 0'
                when 'open_deals' then 'deals = 0'
                when 'activity' then 'activities = 0'
                when 'lead' then 'leads = 0'
                when 'survey' then 'answers = 0'
            end as emptied, case family when 'deals' then 'deals_closed' else family end || '_' || grain as rollup) as c
    cross join lateral (values
        (1, case when sign > 0 then c.change else format('with changed as (%s returning ctid, (%s) as emptied)'
                || ' select set_config(''saleskpi.rollup_emptied'', coalesce(array_agg(ctid) filter (where emptied), ''{}'')::text, true)'
                || ' from changed', c.change, c.emptied) end),
        (2, case when sign < 0 then format('delete from %I where ctid = any(current_setting(''saleskpi.rollup_emptied'')::tid[])',
                c.rollup) end)) as s(step, statement)
    where statement is not null
$function$
;

CREATE OR REPLACE FUNCTION public.rollups_apply(source regclass, ids uuid[], sign integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
begin
    if source = 'exchange_rate'::regclass then
        perform exchange_rates_batched(ids, sign);
    else
        perform fact_rollups_apply(source, ids, sign);
    end if;
end $function$
;

CREATE OR REPLACE FUNCTION public.rollups_defer(source regclass, stored uuid[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
begin
    if rollups_deferred() then
        raise exception 'rollups are already deferred in this transaction';
    end if;
    perform rollups_apply(source, stored, -1);
    perform set_config('saleskpi.rollups_deferred', 'on', true);
end $function$
;

CREATE OR REPLACE FUNCTION public.rollups_deferred()
 RETURNS boolean
 LANGUAGE sql
 STABLE
AS $function$
    select coalesce(current_setting('saleskpi.rollups_deferred', true), '') = 'on'
$function$
;

CREATE OR REPLACE FUNCTION public.rollups_resume(source regclass, written uuid[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
begin
    perform set_config('saleskpi.rollups_deferred', 'off', true);
    perform rollups_apply(source, written, 1);
end $function$
;

CREATE OR REPLACE FUNCTION public.utc_day(instant text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select format('(%s at time zone ''UTC'')::date', instant)
$function$
;

reset check_function_bodies;
