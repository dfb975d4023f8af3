-- Every function and trigger of the schema in its current definition, one each: change a rollup, a conversion or a
-- trigger here. Flyway applies this file after the versioned migrations whenever it changes, so a database at any
-- version ends with these definitions; V3 to V10 keep how they came to be. The tombstone triggers are not here: the
-- service installs them at start from each entity's access rule (AccessRules).
-- The rollup families (revenue, deals_closed, pipeline, activity, lead, survey) and their daily and monthly tables are
-- named by rollup_statements and by the trigger arguments below; FactSource reads the same tables.

CREATE OR REPLACE FUNCTION public.activity_change(grain text, sign integer, rows text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select format($statement$
        insert into %1$I as r (day, rep_id, type, outcome, activities)
        select %4$s, d.rep_id, d.type, d.outcome, %2$s * count(*)
        from %3$s
        group by 1, 2, 3, 4
        on conflict on constraint %5$I do update set activities = r.activities + excluded.activities
        $statement$, 'activity_' || grain, sign, rows, rollup_day(grain, utc_day('d.occurred_at')), 'activity_' || grain || '_key')
$function$
;

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

CREATE OR REPLACE FUNCTION public.custom_kpi_retire_name()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
begin
    insert into custom_kpi_retired (name, retired_at) values (old.name, now())
    on conflict (name) do update set retired_at = excluded.retired_at;
    return null;
end $function$
;

CREATE OR REPLACE FUNCTION public.deals_closed_change(grain text, sign integer, deals text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select format($statement$
        insert into %1$I as r (day, team_id, rep_id, territory_id, channel_id, product_id, currency,
                               won, lost, won_amount, won_cycle_days, deals%6$s)
        select %4$s, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id, d.product_id, d.currency,
               %2$s * count(*) filter (where d.stage = 'CLOSED_WON'), %2$s * count(*) filter (where d.stage <> 'CLOSED_WON'),
               %2$s * coalesce(sum(d.amount) filter (where d.stage = 'CLOSED_WON'), 0),
               %2$s * coalesce(sum(d.closed_on - d.opened_on) filter (where d.stage = 'CLOSED_WON'), 0), %2$s * count(*)%7$s
        from (select d.* from %3$s) d
        where d.closed_on is not null
        group by 1, 2, 3, 4, 5, 6, 7
        on conflict on constraint %5$I do update
            set won = r.won + excluded.won, lost = r.lost + excluded.lost, won_amount = r.won_amount + excluded.won_amount,
                won_cycle_days = r.won_cycle_days + excluded.won_cycle_days, deals = r.deals + excluded.deals%8$s
        $statement$, 'deals_closed_' || grain, sign, deals, rollup_day(grain, 'd.closed_on'), 'deals_closed_' || grain || '_key',
        c[1], c[2], c[3])
    from converted_columns(grain, sign, 'won_amount', 'deals_unrated', 'case when d.stage = ''CLOSED_WON'' then d.amount end',
                           'd.currency', 'd.closed_on') c
$function$
;

CREATE OR REPLACE FUNCTION public.exchange_rate_daily_on_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
declare
    currencies text[];
    since date;
begin
    if tg_op = 'INSERT' then
        select array_agg(distinct currency::text), min(rate_date) into currencies, since from new_rates;
    elsif tg_op = 'DELETE' then
        select array_agg(distinct currency::text), min(rate_date) into currencies, since from old_rates;
    else
        select array_agg(distinct currency::text), min(rate_date) into currencies, since
        from (select currency, rate_date from new_rates union all select currency, rate_date from old_rates) changed;
    end if;
    if currencies is not null then
        perform exchange_rates_refresh(currencies, since);
    end if;
    return null;
end $function$
;

CREATE OR REPLACE FUNCTION public.exchange_rates_batched(ids uuid[], sign integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
declare
    noted constant jsonb := nullif(current_setting('saleskpi.exchange_rates_changed', true), '')::jsonb;
    currencies text[];
    since date;
begin
    select array_agg(distinct currency), min(rate_date) into currencies, since
    from (select r.currency::text, r.rate_date from exchange_rate r where r.id = any(ids)
          union all
          select jsonb_array_elements_text(noted -> 'currencies'), (noted ->> 'since')::date where noted is not null) touched;
    if sign < 0 then
        perform set_config('saleskpi.exchange_rates_changed', case when currencies is null then ''
                           else jsonb_build_object('currencies', currencies, 'since', since)::text end, true);
    else
        perform set_config('saleskpi.exchange_rates_changed', '', true);
        if currencies is not null then
            perform exchange_rates_refresh(currencies, since);
        end if;
    end if;
end $function$
;

CREATE OR REPLACE FUNCTION public.exchange_rates_refresh(currencies text[], since date)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
begin
    delete from exchange_rate_daily where currency = any(currencies) and day >= since;
    insert into exchange_rate_daily (currency, day, rate)
    select r.currency, d::date, r.rate
    from exchange_rate r
    cross join lateral generate_series(greatest(r.rate_date, since, current_date - 5479),
        least(coalesce((select min(n.rate_date) from exchange_rate n where n.currency = r.currency and n.rate_date > r.rate_date) - 1,
                       current_date + 400), current_date + 400), interval '1 day') d
    where r.currency = any(currencies);
    perform money_rollups_reconvert(currencies, since);
end $function$
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
            when 'opportunity'::regclass then rollup_statements('deals', sign, 'opportunity d join ' || chosen || ' on chosen.id = d.id')
                || rollup_statements('pipeline', sign, 'opportunity d join ' || chosen || ' on chosen.id = d.id')
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

CREATE OR REPLACE FUNCTION public.lead_change(grain text, sign integer, rows text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select format($statement$
        insert into %1$I as r (day, rep_id, territory_id, channel_id, leads)
        select %4$s, d.owner_rep_id, d.territory_id, d.channel_id, %2$s * count(*)
        from %3$s
        group by 1, 2, 3, 4
        on conflict on constraint %5$I do update set leads = r.leads + excluded.leads
        $statement$, 'lead_' || grain, sign, rows, rollup_day(grain, utc_day('d.received_at')), 'lead_' || grain || '_key')
$function$
;

CREATE OR REPLACE FUNCTION public.missing_exchange_rate(currency text, day date)
 RETURNS numeric
 LANGUAGE plpgsql
 STABLE
AS $function$
begin
    raise exception using errcode = 'SKX01', message = format('No exchange rate for %s on or before %s', currency, day),
        detail = currency, hint = day::text;
end $function$
;

CREATE OR REPLACE FUNCTION public.money_rollups_reconvert(currencies text[], since date)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
declare
    first_month constant date := date_trunc('month', since)::date;
begin
    delete from revenue_monthly where currency = any(currencies) and day >= first_month;
    insert into revenue_monthly (day, rep_id, territory_id, channel_id, product_id, currency, net_amount, quantity, lines,
                                 net_amount_reporting, lines_unrated)
    select date_trunc('month', d.day)::date, d.rep_id, d.territory_id, d.channel_id, d.product_id, d.currency,
           sum(d.net_amount), sum(d.quantity), sum(d.lines),
           coalesce(sum(d.net_amount / x.rate), 0), coalesce(sum(d.lines) filter (where x.rate is null), 0)
    from revenue_daily d
    cross join lateral (select rate_in_force(d.currency, d.day) as rate) x
    where d.currency = any(currencies) and d.day >= first_month
    group by 1, 2, 3, 4, 5, 6;

    delete from deals_closed_monthly where currency = any(currencies) and day >= first_month;
    insert into deals_closed_monthly (day, team_id, rep_id, territory_id, channel_id, product_id, currency,
                                      won, lost, won_amount, won_cycle_days, deals, won_amount_reporting, deals_unrated)
    select date_trunc('month', d.day)::date, d.team_id, d.rep_id, d.territory_id, d.channel_id, d.product_id, d.currency,
           sum(d.won), sum(d.lost), sum(d.won_amount), sum(d.won_cycle_days), sum(d.deals),
           coalesce(sum(d.won_amount / x.rate), 0), coalesce(sum(d.deals) filter (where x.rate is null), 0)
    from deals_closed_daily d
    cross join lateral (select rate_in_force(d.currency, d.day) as rate) x
    where d.currency = any(currencies) and d.day >= first_month
    group by 1, 2, 3, 4, 5, 6, 7;
end $function$
;

CREATE OR REPLACE FUNCTION public.opportunity_rollups_on_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
declare
    statement text;
    changed constant text := ' on other.id = d.id where'
        || ' (d.opened_on, d.closed_on, d.stage, d.amount, d.currency, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id,'
        || ' d.product_id) is distinct from (other.opened_on, other.closed_on, other.stage, other.amount, other.currency,'
        || ' other.team_id, other.owner_rep_id, other.territory_id, other.channel_id, other.product_id)';
    removed constant text := case tg_op when 'DELETE' then 'old_deals d' when 'UPDATE' then 'old_deals d join new_deals other' || changed end;
    added constant text := case tg_op when 'INSERT' then 'new_deals d' when 'UPDATE' then 'new_deals d join old_deals other' || changed end;
begin
    foreach statement in array coalesce(rollup_statements('deals', -1, removed) || rollup_statements('pipeline', -1, removed), '{}')
                               || coalesce(rollup_statements('deals', 1, added) || rollup_statements('pipeline', 1, added), '{}') loop
        execute statement;
    end loop;
    return null;
end $function$
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
        on conflict on constraint %5$I do update
            set opened_count = r.opened_count + excluded.opened_count, opened_amount = r.opened_amount + excluded.opened_amount,
                closed_count = r.closed_count + excluded.closed_count, closed_amount = r.closed_amount + excluded.closed_amount
        $statement$, 'pipeline_' || grain, sign, deals, rollup_day(grain, 'e.day'), 'pipeline_' || grain || '_key')
$function$
;

CREATE OR REPLACE FUNCTION public.rate_in_force(of_currency character, on_day date)
 RETURNS numeric
 LANGUAGE sql
 STABLE
AS $function$
    select coalesce((select x.rate from exchange_rate_daily x where x.currency = of_currency and x.day = on_day),
                    (select r.rate from exchange_rate r where r.currency = of_currency and r.rate_date <= on_day
                     order by r.rate_date desc limit 1))
$function$
;

CREATE OR REPLACE FUNCTION public.revenue_change(grain text, sign integer, lines text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select format($statement$
        insert into %1$I as r (day, rep_id, territory_id, channel_id, product_id, currency, net_amount, quantity, lines%6$s)
        select %4$s, o.rep_id, o.territory_id, o.channel_id, l.product_id, o.currency,
               %2$s * sum(l.net_amount), %2$s * sum(l.quantity), %2$s * count(*)%7$s
        from %3$s
        group by 1, 2, 3, 4, 5, 6
        on conflict on constraint %5$I do update
            set net_amount = r.net_amount + excluded.net_amount, quantity = r.quantity + excluded.quantity,
                lines = r.lines + excluded.lines%8$s
        $statement$, 'revenue_' || grain, sign, lines, rollup_day(grain, 'o.ordered_on'), 'revenue_' || grain || '_key',
        c[1], c[2], c[3])
    from converted_columns(grain, sign, 'net_amount', 'lines_unrated', 'l.net_amount', 'o.currency', 'o.ordered_on') c
$function$
;

CREATE OR REPLACE FUNCTION public.revenue_daily_on_lines()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
declare
    statement text;
    lines constant text := ' l join sales_order o on o.id = l.order_id where o.status <> ''CANCELLED''';
begin
    foreach statement in array case tg_op when 'INSERT' then '{}' else rollup_statements('revenue', -1, 'old_lines' || lines) end
                               || case tg_op when 'DELETE' then '{}' else rollup_statements('revenue', 1, 'new_lines' || lines) end loop
        execute statement;
    end loop;
    return null;
end $function$
;

CREATE OR REPLACE FUNCTION public.revenue_daily_on_order_deleted()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
declare
    statement text;
begin
    foreach statement in array rollup_statements('revenue', -1, format('sales_order o join order_line l on l.order_id = o.id'
        || ' where o.id = %L and o.status <> ''CANCELLED''', old.id)) loop
        execute statement;
    end loop;
    return old;
end $function$
;

CREATE OR REPLACE FUNCTION public.revenue_daily_on_orders_updated()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
declare
    statement text;
    moved constant text := ' on other.id = o.id join order_line l on l.order_id = o.id where o.status <> ''CANCELLED'''
        || ' and (o.ordered_on, o.rep_id, o.territory_id, o.channel_id, o.status, o.currency)'
        || ' is distinct from (other.ordered_on, other.rep_id, other.territory_id, other.channel_id, other.status, other.currency)';
begin
    foreach statement in array rollup_statements('revenue', -1, 'old_orders o join new_orders other' || moved)
                               || rollup_statements('revenue', 1, 'new_orders o join old_orders other' || moved) loop
        execute statement;
    end loop;
    return null;
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
                when 'activity' then activity_change(grain, sign, rows)
                when 'lead' then lead_change(grain, sign, rows)
                when 'survey' then survey_change(grain, sign, rows)
            end as change, case family
                when 'revenue' then 'lines = 0'
                when 'deals' then 'deals = 0'
                when 'pipeline' then 'opened_count = 0 and closed_count = 0'
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

CREATE OR REPLACE FUNCTION public.survey_change(grain text, sign integer, rows text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select format($statement$
        insert into %1$I as r (day, survey, score, owner_rep_id, account_territory_id, respondent_rep_id, answers)
        select %4$s, d.survey, d.score, a.owner_rep_id, a.territory_id, d.rep_id, %2$s * count(*)
        from %3$s
        group by 1, 2, 3, 4, 5, 6
        on conflict on constraint %5$I do update set answers = r.answers + excluded.answers
        $statement$, 'survey_' || grain, sign, rows, rollup_day(grain, utc_day('d.responded_at')), 'survey_' || grain || '_key')
$function$
;

CREATE OR REPLACE FUNCTION public.survey_rollups_on_account_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
end $function$
;

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

CREATE OR REPLACE FUNCTION public.utc_day(instant text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select format('(%s at time zone ''UTC'')::date', instant)
$function$
;


-- A rep's or manager's scope comes from sales_rep and team: every instance keeping scopes hears of their changes (CallerScopes).
CREATE OR REPLACE FUNCTION public.notify_scope_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ begin perform pg_notify('saleskpi_scopes', ''); return null; end $function$
;

CREATE OR REPLACE TRIGGER survey_rollups_account_updated AFTER UPDATE ON public.account REFERENCING OLD TABLE AS old_accounts NEW TABLE AS new_accounts FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION survey_rollups_on_account_change();
CREATE OR REPLACE TRIGGER activity_rollups_deleted AFTER DELETE ON public.activity REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('activity', 'occurred_at, rep_id, type, outcome', '');
CREATE OR REPLACE TRIGGER activity_rollups_inserted AFTER INSERT ON public.activity REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('activity', 'occurred_at, rep_id, type, outcome', '');
CREATE OR REPLACE TRIGGER activity_rollups_updated AFTER UPDATE ON public.activity REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('activity', 'occurred_at, rep_id, type, outcome', '');
CREATE OR REPLACE TRIGGER custom_kpi_retired_on_delete AFTER DELETE ON public.custom_kpi FOR EACH ROW EXECUTE FUNCTION custom_kpi_retire_name();
CREATE OR REPLACE TRIGGER custom_kpi_retired_on_rename AFTER UPDATE OF name ON public.custom_kpi FOR EACH ROW WHEN (((old.name)::text IS DISTINCT FROM (new.name)::text)) EXECUTE FUNCTION custom_kpi_retire_name();
CREATE OR REPLACE TRIGGER exchange_rate_daily_on_delete AFTER DELETE ON public.exchange_rate REFERENCING OLD TABLE AS old_rates FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION exchange_rate_daily_on_change();
CREATE OR REPLACE TRIGGER exchange_rate_daily_on_insert AFTER INSERT ON public.exchange_rate REFERENCING NEW TABLE AS new_rates FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION exchange_rate_daily_on_change();
CREATE OR REPLACE TRIGGER exchange_rate_daily_on_update AFTER UPDATE ON public.exchange_rate REFERENCING OLD TABLE AS old_rates NEW TABLE AS new_rates FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION exchange_rate_daily_on_change();
CREATE OR REPLACE TRIGGER lead_rollups_deleted AFTER DELETE ON public.lead REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('lead', 'received_at, owner_rep_id, territory_id, channel_id', '');
CREATE OR REPLACE TRIGGER lead_rollups_inserted AFTER INSERT ON public.lead REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('lead', 'received_at, owner_rep_id, territory_id, channel_id', '');
CREATE OR REPLACE TRIGGER lead_rollups_updated AFTER UPDATE ON public.lead REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('lead', 'received_at, owner_rep_id, territory_id, channel_id', '');
CREATE OR REPLACE TRIGGER opportunity_rollups_deleted AFTER DELETE ON public.opportunity REFERENCING OLD TABLE AS old_deals FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION opportunity_rollups_on_change();
CREATE OR REPLACE TRIGGER opportunity_rollups_inserted AFTER INSERT ON public.opportunity REFERENCING NEW TABLE AS new_deals FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION opportunity_rollups_on_change();
CREATE OR REPLACE TRIGGER opportunity_rollups_updated AFTER UPDATE ON public.opportunity REFERENCING OLD TABLE AS old_deals NEW TABLE AS new_deals FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION opportunity_rollups_on_change();
CREATE OR REPLACE TRIGGER revenue_daily_lines_deleted AFTER DELETE ON public.order_line REFERENCING OLD TABLE AS old_lines FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION revenue_daily_on_lines();
CREATE OR REPLACE TRIGGER revenue_daily_lines_inserted AFTER INSERT ON public.order_line REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION revenue_daily_on_lines();
CREATE OR REPLACE TRIGGER revenue_daily_lines_updated AFTER UPDATE ON public.order_line REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION revenue_daily_on_lines();
CREATE OR REPLACE TRIGGER revenue_daily_order_deleted BEFORE DELETE ON public.sales_order FOR EACH ROW WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION revenue_daily_on_order_deleted();
CREATE OR REPLACE TRIGGER revenue_daily_orders_updated AFTER UPDATE ON public.sales_order REFERENCING OLD TABLE AS old_orders NEW TABLE AS new_orders FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION revenue_daily_on_orders_updated();
CREATE OR REPLACE TRIGGER survey_response_rollups_deleted AFTER DELETE ON public.survey_response REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('survey', 'responded_at, survey, score, account_id, rep_id', ' left join account a on a.id = d.account_id');
CREATE OR REPLACE TRIGGER survey_response_rollups_inserted AFTER INSERT ON public.survey_response REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('survey', 'responded_at, survey, score, account_id, rep_id', ' left join account a on a.id = d.account_id');
CREATE OR REPLACE TRIGGER survey_response_rollups_updated AFTER UPDATE ON public.survey_response REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('survey', 'responded_at, survey, score, account_id, rep_id', ' left join account a on a.id = d.account_id');
CREATE OR REPLACE TRIGGER sales_rep_scope_change AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.sales_rep FOR EACH STATEMENT EXECUTE FUNCTION notify_scope_change();
CREATE OR REPLACE TRIGGER team_scope_change AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.team FOR EACH STATEMENT EXECUTE FUNCTION notify_scope_change();
