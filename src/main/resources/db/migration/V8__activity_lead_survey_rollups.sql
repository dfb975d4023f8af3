-- Rollups of the facts stamped with an instant: activities, leads and survey answers, counted per UTC day and per
-- UTC month. KPIs read them only when the requested time zone is UTC throughout the period (the days of another
-- zone do not line up with UTC days); otherwise they read the base tables, with the same result. Same scheme as V7:
-- both grains, one change statement per family, statement-level triggers within the writing transaction.
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

create or replace function rollup_statements(family text, sign integer, rows text) returns text[] language sql immutable strict as $$
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

-- Bulk imports (V6) of these tables bring the rollups up to date once per batch too; an imported account moves
-- the answers of its own surveys.
create or replace function rollups_apply(source regclass, ids uuid[], sign integer) returns void language plpgsql as $$
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

-- What is already stored, through the same statements.
do $$
declare
    statement text;
begin
    foreach statement in array rollup_statements('activity', 1, 'activity d') || rollup_statements('lead', 1, 'lead d')
                               || rollup_statements('survey', 1, 'survey_response d left join account a on a.id = d.account_id') loop
        execute statement;
    end loop;
end $$;
