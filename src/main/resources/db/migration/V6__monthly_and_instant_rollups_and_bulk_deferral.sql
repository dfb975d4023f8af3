-- Rollups of every fact the headline KPIs count, at two grains, and how bulk writes keep them.
--
-- Levels. Daily rollup rows grow with the data until each day holds every combination of rep, territory, channel
-- and product; a quarter then still reads tens of thousands of rows. Monthly rows stop growing at a few thousand
-- per team and quarter. KPI statements read a month from the monthly table when no bucket boundary falls inside
-- it, and the days of the other months from the daily table (KpiSql), so both levels must always agree: the same
-- triggers keep both, with the same change statement at two grains.
--
-- Instants. Activities, leads and survey answers are counted per UTC day and UTC month. KPIs read them only when
-- the requested time zone is UTC throughout the period (the days of another zone do not line up with UTC days);
-- otherwise they read the base tables, with the same result.
--
-- Bulk writes. An import writes a batch of rows as many one-row statements, and the rollup triggers would then
-- run once per row: at about half a millisecond each, more than the writes themselves. So a bulk write brackets
-- its batch instead:
--   rollups_defer(table, ids)   removes the contribution of the stored rows it is about to change, then switches
--                               the triggers off for the rest of the transaction;
--   (the batch is written)
--   rollups_resume(table, ids)  switches them back on and adds the contribution of all the rows it wrote.
-- The switch is a transaction-local setting: a rollback or the end of the transaction clears it, and nothing else
-- in the service sets it. RollupsTest checks that the rollups equal the base tables after every kind of write.
create function rollups_deferred() returns boolean language sql stable as $$
    select coalesce(current_setting('saleskpi.rollups_deferred', true), '') = 'on'
$$;

-- Every rollup trigger of V3 and V4 gains the condition, as it stands otherwise.
do $$
declare
    rollup_trigger record;
begin
    for rollup_trigger in select t.tgname, t.tgrelid::regclass as source, pg_get_triggerdef(t.oid) as definition
                          from pg_trigger t join pg_proc f on f.oid = t.tgfoid
                          where f.proname in ('opportunity_rollups_on_change', 'revenue_daily_on_lines',
                                              'revenue_daily_on_orders_updated', 'revenue_daily_on_order_deleted') loop
        execute format('drop trigger %I on %s', rollup_trigger.tgname, rollup_trigger.source);
        execute replace(rollup_trigger.definition, ' EXECUTE FUNCTION ', ' WHEN (NOT rollups_deferred()) EXECUTE FUNCTION ');
    end loop;
end $$;

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

-- The UTC day of an instant, the key of the rollups of instants.
create function utc_day(instant text) returns text language sql immutable as $$
    select format('(%s at time zone ''UTC'')::date', instant)
$$;

-- Activities per day, rep, type and outcome; team and territory are the rep's, joined when read (as the base table).
create table activity_daily (
    day         date        not null,
    rep_id      uuid        not null,
    type        varchar(16) not null,
    outcome     varchar(16),
    activities  bigint      not null,
    constraint activity_daily_key unique nulls not distinct (day, rep_id, type, outcome)
);
create index activity_daily_rep_idx on activity_daily (rep_id, day);
create index activity_daily_empty_idx on activity_daily (day) where activities = 0;
create table activity_monthly (like activity_daily including defaults);
alter table activity_monthly add constraint activity_monthly_key unique nulls not distinct (day, rep_id, type, outcome);
create index activity_monthly_rep_idx on activity_monthly (rep_id, day);
create index activity_monthly_empty_idx on activity_monthly (day) where activities = 0;

-- Leads received per day, owner, territory and channel; the team is the owner's, joined when read.
create table lead_daily (
    day           date   not null,
    rep_id        uuid,
    territory_id  uuid,
    channel_id    uuid,
    leads         bigint not null,
    constraint lead_daily_key unique nulls not distinct (day, rep_id, territory_id, channel_id)
);
create index lead_daily_rep_idx on lead_daily (rep_id, day);
create index lead_daily_empty_idx on lead_daily (day) where leads = 0;
create table lead_monthly (like lead_daily including defaults);
alter table lead_monthly add constraint lead_monthly_key unique nulls not distinct (day, rep_id, territory_id, channel_id);
create index lead_monthly_rep_idx on lead_monthly (rep_id, day);
create index lead_monthly_empty_idx on lead_monthly (day) where leads = 0;

-- Survey answers per day, survey and score, with what places them: the account's owner and territory at the time
-- of the write (an account changing either moves its answers), and the responding rep. Teams are joined when read.
create table survey_daily (
    day                   date       not null,
    survey                varchar(8) not null,
    score                 integer    not null,
    owner_rep_id          uuid,
    account_territory_id  uuid,
    respondent_rep_id     uuid,
    answers               bigint     not null,
    constraint survey_daily_key unique nulls not distinct (day, survey, score, owner_rep_id, account_territory_id, respondent_rep_id)
);
create index survey_daily_day_idx on survey_daily (survey, day);
create index survey_daily_empty_idx on survey_daily (day) where answers = 0;
create table survey_monthly (like survey_daily including defaults);
alter table survey_monthly add constraint survey_monthly_key
    unique nulls not distinct (day, survey, score, owner_rep_id, account_territory_id, respondent_rep_id);
create index survey_monthly_day_idx on survey_monthly (survey, day);
create index survey_monthly_empty_idx on survey_monthly (day) where answers = 0;

-- rows: a FROM ... WHERE fragment naming activities d.
create function activity_change(grain text, sign integer, rows text) returns text language sql immutable as $$
    select format($statement$
        insert into %1$I as r (day, rep_id, type, outcome, activities)
        select %4$s, d.rep_id, d.type, d.outcome, %2$s * count(*)
        from %3$s
        group by 1, 2, 3, 4
        on conflict on constraint %5$I do update set activities = r.activities + excluded.activities
        $statement$, 'activity_' || grain, sign, rows, rollup_day(grain, utc_day('d.occurred_at')), 'activity_' || grain || '_key')
$$;

-- rows: a FROM ... WHERE fragment naming leads d.
create function lead_change(grain text, sign integer, rows text) returns text language sql immutable as $$
    select format($statement$
        insert into %1$I as r (day, rep_id, territory_id, channel_id, leads)
        select %4$s, d.owner_rep_id, d.territory_id, d.channel_id, %2$s * count(*)
        from %3$s
        group by 1, 2, 3, 4
        on conflict on constraint %5$I do update set leads = r.leads + excluded.leads
        $statement$, 'lead_' || grain, sign, rows, rollup_day(grain, utc_day('d.received_at')), 'lead_' || grain || '_key')
$$;

-- rows: a FROM ... WHERE fragment naming answers d and their account a (a.* null for answers without one).
create function survey_change(grain text, sign integer, rows text) returns text language sql immutable as $$
    select format($statement$
        insert into %1$I as r (day, survey, score, owner_rep_id, account_territory_id, respondent_rep_id, answers)
        select %4$s, d.survey, d.score, a.owner_rep_id, a.territory_id, d.rep_id, %2$s * count(*)
        from %3$s
        group by 1, 2, 3, 4, 5, 6
        on conflict on constraint %5$I do update set answers = r.answers + excluded.answers
        $statement$, 'survey_' || grain, sign, rows, rollup_day(grain, utc_day('d.responded_at')), 'survey_' || grain || '_key')
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
                when 'activity' then activity_change(grain, sign, rows)
                when 'lead' then lead_change(grain, sign, rows)
                when 'survey' then survey_change(grain, sign, rows)
            end),
        (2, case family
                when 'revenue' then format('delete from %I where lines = 0', 'revenue_' || grain)
                when 'deals' then format('delete from %I where deals = 0', 'deals_closed_' || grain)
                when 'pipeline' then format('delete from %I where opened_count = 0 and closed_count = 0', 'pipeline_' || grain)
                when 'activity' then format('delete from %I where activities = 0', 'activity_' || grain)
                when 'lead' then format('delete from %I where leads = 0', 'lead_' || grain)
                when 'survey' then format('delete from %I where answers = 0', 'survey_' || grain)
            end)) as s(step, statement)
$$;

-- The trigger functions of V3 and V4 with both grains (same names, so their triggers stay as they are).
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

-- One trigger function for the tables whose rows are counted as they are: the family is tg_argv[0], the columns
-- whose change moves a row tg_argv[1], and a join the family's change statement needs tg_argv[2] (if any).
create function rollup_rows_on_change() returns trigger language plpgsql as $$
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
end $$;

do $$
declare
    counted record;
begin
    for counted in select * from (values
            ('activity', 'activity', 'occurred_at, rep_id, type, outcome', ''),
            ('lead', 'lead', 'received_at, owner_rep_id, territory_id, channel_id', ''),
            ('survey_response', 'survey', 'responded_at, survey, score, account_id, rep_id', ' left join account a on a.id = d.account_id'))
            as t(source, family, columns, joined) loop
        execute format('create trigger %1$s_rollups_inserted after insert on %1$I referencing new table as new_rows for each statement'
            || ' when (not rollups_deferred()) execute function rollup_rows_on_change(%2$L, %3$L, %4$L)',
            counted.source, counted.family, counted.columns, counted.joined);
        execute format('create trigger %1$s_rollups_updated after update on %1$I referencing old table as old_rows new table as new_rows'
            || ' for each statement when (not rollups_deferred()) execute function rollup_rows_on_change(%2$L, %3$L, %4$L)',
            counted.source, counted.family, counted.columns, counted.joined);
        execute format('create trigger %1$s_rollups_deleted after delete on %1$I referencing old table as old_rows for each statement'
            || ' when (not rollups_deferred()) execute function rollup_rows_on_change(%2$L, %3$L, %4$L)',
            counted.source, counted.family, counted.columns, counted.joined);
    end loop;
end $$;

-- An account whose owner or territory changes moves its survey answers.
create function survey_rollups_on_account_change() returns trigger language plpgsql as $$
declare
    statement text;
    moved constant text := 'survey_response d join %s a on a.id = d.account_id join %s other on other.id = a.id'
        || ' where (a.owner_rep_id, a.territory_id) is distinct from (other.owner_rep_id, other.territory_id)';
begin
    foreach statement in array rollup_statements('survey', -1, format(moved, 'old_accounts', 'new_accounts'))
                               || rollup_statements('survey', 1, format(moved, 'new_accounts', 'old_accounts')) loop
        execute statement;
    end loop;
    return null;
end $$;
create trigger survey_rollups_account_updated after update on account
    referencing old table as old_accounts new table as new_accounts
    for each statement when (not rollups_deferred()) execute function survey_rollups_on_account_change();

-- Adds (sign 1) or removes (sign -1) the contribution of the given rows of a table to every rollup built on it;
-- tables without rollups have none. An imported account moves the answers of its own surveys.
create function rollups_apply(source regclass, ids uuid[], sign integer) returns void language plpgsql as $$
declare
    statement text;
    chosen constant text := format(' where d.id = any(%L::uuid[])', ids);
begin
    foreach statement in array case source
            when 'opportunity'::regclass then rollup_statements('deals', sign, 'opportunity d' || chosen)
                || rollup_statements('pipeline', sign, 'opportunity d' || chosen)
            when 'sales_order'::regclass then rollup_statements('revenue', sign, format('sales_order o join order_line l'
                || ' on l.order_id = o.id where o.id = any(%L::uuid[]) and o.status <> ''CANCELLED''', ids))
            when 'activity'::regclass then rollup_statements('activity', sign, 'activity d' || chosen)
            when 'lead'::regclass then rollup_statements('lead', sign, 'lead d' || chosen)
            when 'survey_response'::regclass then rollup_statements('survey', sign,
                'survey_response d left join account a on a.id = d.account_id' || chosen)
            when 'account'::regclass then rollup_statements('survey', sign, format('survey_response d join account a'
                || ' on a.id = d.account_id where a.id = any(%L::uuid[])', ids))
            else '{}' end loop
        execute statement;
    end loop;
end $$;

create function rollups_defer(source regclass, stored uuid[]) returns void language plpgsql as $$
begin
    if rollups_deferred() then
        raise exception 'rollups are already deferred in this transaction';
    end if;
    perform rollups_apply(source, stored, -1);
    perform set_config('saleskpi.rollups_deferred', 'on', true);
end $$;

create function rollups_resume(source regclass, written uuid[]) returns void language plpgsql as $$
begin
    perform set_config('saleskpi.rollups_deferred', 'off', true);
    perform rollups_apply(source, written, 1);
end $$;

drop function revenue_daily_change(integer, text);
drop function deals_closed_daily_change(integer, text);
drop function pipeline_daily_change(integer, text);

-- What is already stored: the monthly level of V3 and V4, and both levels of the counted facts, through the same
-- statements.
do $$
declare
    statement text;
begin
    foreach statement in array array[revenue_change('monthly', 1, 'order_line l join sales_order o on o.id = l.order_id'
                                        || ' where o.status <> ''CANCELLED'''),
                                     deals_closed_change('monthly', 1, 'opportunity d'),
                                     pipeline_change('monthly', 1, 'opportunity d')]
                               || rollup_statements('activity', 1, 'activity d') || rollup_statements('lead', 1, 'lead d')
                               || rollup_statements('survey', 1, 'survey_response d left join account a on a.id = d.account_id') loop
        execute statement;
    end loop;
end $$;
