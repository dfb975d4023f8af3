-- A monthly level for every rollup. Daily rollup rows grow with the data until each day holds every combination
-- of rep, territory, channel and product; a quarter then still reads tens of thousands of rows. Monthly rows stop
-- growing at a few thousand per team and quarter. KPI statements read a month from the monthly table when no
-- bucket boundary falls inside it, and the days of the other months from the daily table (KpiSql), so both levels
-- must always agree: the same triggers keep both, with the same change statement at two grains.
create table revenue_monthly (like revenue_daily including defaults);
alter table revenue_monthly add constraint revenue_monthly_key unique nulls not distinct (day, rep_id, territory_id, channel_id, product_id);
create index revenue_monthly_rep_idx on revenue_monthly (rep_id, day);
create index revenue_monthly_empty_idx on revenue_monthly (day) where lines = 0;

create table deals_closed_monthly (like deals_closed_daily including defaults);
alter table deals_closed_monthly add constraint deals_closed_monthly_key
    unique nulls not distinct (day, team_id, rep_id, territory_id, channel_id, product_id);
create index deals_closed_monthly_team_idx on deals_closed_monthly (team_id, day);
create index deals_closed_monthly_rep_idx on deals_closed_monthly (rep_id, day);
create index deals_closed_monthly_empty_idx on deals_closed_monthly (day) where deals = 0;

create table pipeline_monthly (like pipeline_daily including defaults);
alter table pipeline_monthly add constraint pipeline_monthly_key
    unique nulls not distinct (day, team_id, rep_id, territory_id, channel_id, product_id);
create index pipeline_monthly_team_idx on pipeline_monthly (team_id, day);
create index pipeline_monthly_rep_idx on pipeline_monthly (rep_id, day);
create index pipeline_monthly_empty_idx on pipeline_monthly (day) where opened_count = 0 and closed_count = 0;

-- The change statements of V3 and V4 at a grain: 'daily' writes <family>_daily keyed by the day, 'monthly' writes
-- <family>_monthly keyed by the first day of the month.
create function rollup_day(grain text, day text) returns text language sql immutable as $$
    select case grain when 'daily' then day when 'monthly' then format('date_trunc(''month'', %s)::date', day) end
$$;

create function revenue_change(grain text, sign integer, lines text) returns text language sql immutable as $$
    select format($statement$
        insert into %1$I as r (day, rep_id, territory_id, channel_id, product_id, net_amount, quantity, lines)
        select %4$s, o.rep_id, o.territory_id, o.channel_id, l.product_id,
               %2$s * sum(l.net_amount), %2$s * sum(l.quantity), %2$s * count(*)
        from %3$s
        group by 1, 2, 3, 4, 5
        on conflict on constraint %5$I do update
            set net_amount = r.net_amount + excluded.net_amount, quantity = r.quantity + excluded.quantity,
                lines = r.lines + excluded.lines
        $statement$, 'revenue_' || grain, sign, lines, rollup_day(grain, 'o.ordered_on'), 'revenue_' || grain || '_key')
$$;

create function deals_closed_change(grain text, sign integer, deals text) returns text language sql immutable as $$
    select format($statement$
        insert into %1$I as r (day, team_id, rep_id, territory_id, channel_id, product_id,
                               won, lost, won_amount, won_cycle_days, deals)
        select %4$s, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id, d.product_id,
               %2$s * count(*) filter (where d.stage = 'CLOSED_WON'), %2$s * count(*) filter (where d.stage <> 'CLOSED_WON'),
               %2$s * coalesce(sum(d.amount) filter (where d.stage = 'CLOSED_WON'), 0),
               %2$s * coalesce(sum(d.closed_on - d.opened_on) filter (where d.stage = 'CLOSED_WON'), 0), %2$s * count(*)
        from (select d.* from %3$s) d
        where d.closed_on is not null
        group by 1, 2, 3, 4, 5, 6
        on conflict on constraint %5$I do update
            set won = r.won + excluded.won, lost = r.lost + excluded.lost, won_amount = r.won_amount + excluded.won_amount,
                won_cycle_days = r.won_cycle_days + excluded.won_cycle_days, deals = r.deals + excluded.deals
        $statement$, 'deals_closed_' || grain, sign, deals, rollup_day(grain, 'd.closed_on'), 'deals_closed_' || grain || '_key')
$$;

create function pipeline_change(grain text, sign integer, deals text) returns text language sql immutable as $$
    select format($statement$
        insert into %1$I as r (day, team_id, rep_id, territory_id, channel_id, product_id,
                               opened_count, opened_amount, closed_count, closed_amount)
        select %4$s, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id, d.product_id,
               %2$s * count(*) filter (where e.opening), %2$s * coalesce(sum(d.amount) filter (where e.opening), 0),
               %2$s * count(*) filter (where not e.opening), %2$s * coalesce(sum(d.amount) filter (where not e.opening), 0)
        from (select d.* from %3$s) d
        cross join lateral (values (d.opened_on, true), (d.closed_on, false)) as e(day, opening)
        where e.day is not null
        group by 1, 2, 3, 4, 5, 6
        on conflict on constraint %5$I do update
            set opened_count = r.opened_count + excluded.opened_count, opened_amount = r.opened_amount + excluded.opened_amount,
                closed_count = r.closed_count + excluded.closed_count, closed_amount = r.closed_amount + excluded.closed_amount
        $statement$, 'pipeline_' || grain, sign, deals, rollup_day(grain, 'e.day'), 'pipeline_' || grain || '_key')
$$;

-- A family's change statement at both grains, each followed by the deletion of the rows it left at zero. The
-- trigger functions run them with EXECUTE themselves: only they see their transition tables. No rows (null): none.
create function rollup_statements(family text, sign integer, rows text) returns text[] language sql immutable strict as $$
    select array_agg(statement order by grain, step)
    from unnest(array['daily', 'monthly']) as grain
    cross join lateral (values
        (1, case family
                when 'revenue' then revenue_change(grain, sign, rows)
                when 'deals' then deals_closed_change(grain, sign, rows)
                when 'pipeline' then pipeline_change(grain, sign, rows)
            end),
        (2, case family
                when 'revenue' then format('delete from %I where lines = 0', 'revenue_' || grain)
                when 'deals' then format('delete from %I where deals = 0', 'deals_closed_' || grain)
                when 'pipeline' then format('delete from %I where opened_count = 0 and closed_count = 0', 'pipeline_' || grain)
            end)) as s(step, statement)
$$;

-- The trigger functions of V3, V4 and V6 with both grains (same names, so the triggers stay as they are).
create or replace function revenue_daily_on_lines() returns trigger language plpgsql as $$
declare
    statement text;
    lines constant text := ' l join sales_order o on o.id = l.order_id where o.status <> ''CANCELLED''';
begin
    foreach statement in array case tg_op when 'INSERT' then '{}' else rollup_statements('revenue', -1, 'old_lines' || lines) end
                               || case tg_op when 'DELETE' then '{}' else rollup_statements('revenue', 1, 'new_lines' || lines) end loop
        execute statement;
    end loop;
    return null;
end $$;

create or replace function revenue_daily_on_orders_updated() returns trigger language plpgsql as $$
declare
    statement text;
    moved constant text := ' on other.id = o.id join order_line l on l.order_id = o.id where o.status <> ''CANCELLED'''
        || ' and (o.ordered_on, o.rep_id, o.territory_id, o.channel_id, o.status)'
        || ' is distinct from (other.ordered_on, other.rep_id, other.territory_id, other.channel_id, other.status)';
begin
    foreach statement in array rollup_statements('revenue', -1, 'old_orders o join new_orders other' || moved)
                               || rollup_statements('revenue', 1, 'new_orders o join old_orders other' || moved) loop
        execute statement;
    end loop;
    return null;
end $$;

create or replace function revenue_daily_on_order_deleted() returns trigger language plpgsql as $$
declare
    statement text;
begin
    foreach statement in array rollup_statements('revenue', -1, format('sales_order o join order_line l on l.order_id = o.id'
        || ' where o.id = %L and o.status <> ''CANCELLED''', old.id)) loop
        execute statement;
    end loop;
    return old;
end $$;

create or replace function opportunity_rollups_on_change() returns trigger language plpgsql as $$
declare
    statement text;
    changed constant text := ' on other.id = d.id where'
        || ' (d.opened_on, d.closed_on, d.stage, d.amount, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id, d.product_id)'
        || ' is distinct from (other.opened_on, other.closed_on, other.stage, other.amount, other.team_id, other.owner_rep_id,'
        || ' other.territory_id, other.channel_id, other.product_id)';
    removed constant text := case tg_op when 'DELETE' then 'old_deals d' when 'UPDATE' then 'old_deals d join new_deals other' || changed end;
    added constant text := case tg_op when 'INSERT' then 'new_deals d' when 'UPDATE' then 'new_deals d join old_deals other' || changed end;
begin
    foreach statement in array coalesce(rollup_statements('deals', -1, removed) || rollup_statements('pipeline', -1, removed), '{}')
                               || coalesce(rollup_statements('deals', 1, added) || rollup_statements('pipeline', 1, added), '{}') loop
        execute statement;
    end loop;
    return null;
end $$;

create or replace function rollups_apply(source regclass, ids uuid[], sign integer) returns void language plpgsql as $$
declare
    statement text;
    chosen constant text := format('opportunity d where d.id = any(%L::uuid[])', ids);
begin
    foreach statement in array case source
            when 'opportunity'::regclass then rollup_statements('deals', sign, chosen) || rollup_statements('pipeline', sign, chosen)
            when 'sales_order'::regclass then rollup_statements('revenue', sign, format('sales_order o join order_line l'
                || ' on l.order_id = o.id where o.id = any(%L::uuid[]) and o.status <> ''CANCELLED''', ids))
            else '{}' end loop
        execute statement;
    end loop;
end $$;

drop function revenue_daily_change(integer, text);
drop function deals_closed_daily_change(integer, text);
drop function pipeline_daily_change(integer, text);

-- The monthly level of what is already stored, through the same statements.
do $$
begin
    execute revenue_change('monthly', 1, 'order_line l join sales_order o on o.id = l.order_id where o.status <> ''CANCELLED''');
    execute deals_closed_change('monthly', 1, 'opportunity d');
    execute pipeline_change('monthly', 1, 'opportunity d');
end $$;
