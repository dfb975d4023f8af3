-- Money in many currencies. Every amount is stored in its own currency; money KPIs convert each record on read, at
-- the latest rate on or before the day that places it in the period (docs/kpis.md), so that a rate corrected after
-- the fact changes the KPIs at once. A record whose currency has no such rate fails the request (SQLSTATE SKX01,
-- answered 422 naming the currency and the day): an amount is never skipped, nor added up unconverted.

-- Rates are quoted as central banks quote reference rates: units of the currency per one unit of the reporting
-- currency (REPORTING_CURRENCY; ECB: 1 EUR = 1.0854 USD). A rate holds from its day until the currency's next one.
create table exchange_rate (
    id            uuid primary key,
    external_ref  varchar(100) unique,
    currency      char(3)        not null check (currency ~ '^[A-Z]{3}$'),
    rate_date     date           not null,
    rate          numeric(19, 8) not null check (rate > 0),
    created_at    timestamptz    not null,
    updated_at    timestamptz    not null,
    created_by    varchar(255),
    updated_by    varchar(255),
    version       bigint         not null default 0,
    constraint exchange_rate_rate_date_key unique (currency, rate_date)
);

-- The rate in force on each day of a window, 15 years before to 400 days after the day of the last change, kept by
-- triggers on exchange_rate: KPI statements join it by (currency, day), a hash join where they convert many records,
-- instead of looking the latest rate up for each. A day outside the window is looked up in exchange_rate as such; the
-- window bounds the table, whatever days the rates carry (a rate dated in the year 1 adds no rows).
create table exchange_rate_daily (
    currency  char(3)        not null,
    day       date           not null,
    rate      numeric(19, 8) not null,
    primary key (currency, day)
);

create function exchange_rate_daily_refresh(currencies text[]) returns void language sql as $$
    delete from exchange_rate_daily where currency = any(currencies);
    insert into exchange_rate_daily (currency, day, rate)
    select r.currency, d::date, r.rate
    from exchange_rate r
    cross join lateral generate_series(greatest(r.rate_date, current_date - 5479),
        least(coalesce((select min(n.rate_date) from exchange_rate n where n.currency = r.currency and n.rate_date > r.rate_date) - 1,
                       current_date + 400), current_date + 400), interval '1 day') d
    where r.currency = any(currencies);
$$;

create function exchange_rate_daily_on_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform exchange_rate_daily_refresh(array(select distinct currency::text from new_rates));
    elsif tg_op = 'DELETE' then
        perform exchange_rate_daily_refresh(array(select distinct currency::text from old_rates));
    else
        perform exchange_rate_daily_refresh(array(select currency::text from new_rates union select currency::text from old_rates));
    end if;
    return null;
end $$;

create trigger exchange_rate_daily_on_insert after insert on exchange_rate referencing new table as new_rates
    for each statement execute function exchange_rate_daily_on_change();
create trigger exchange_rate_daily_on_update after update on exchange_rate referencing old table as old_rates new table as new_rates
    for each statement execute function exchange_rate_daily_on_change();
create trigger exchange_rate_daily_on_delete after delete on exchange_rate referencing old table as old_rates
    for each statement execute function exchange_rate_daily_on_change();

-- A record needs a rate that is missing: the statement fails, naming the currency (detail) and the day (hint). KPI
-- statements join the daily rates (FactSource.Rates) and call this only where none is found.
create function missing_exchange_rate(currency text, day date) returns numeric language plpgsql stable as $$
begin
    raise exception using errcode = 'SKX01', message = format('No exchange rate for %s on or before %s', currency, day),
        detail = currency, hint = day::text;
end $$;

-- The money rollups are kept per currency: a rollup row sums amounts of one currency only, which KPI statements
-- convert as they read it (daily rows at their day; monthly rows only in the requested currency, which needs no
-- rate; the open pipeline at the bucket's last day). They are rebuilt below from the base tables.
truncate revenue_daily, revenue_monthly, deals_closed_daily, deals_closed_monthly, pipeline_daily, pipeline_monthly;

do $$
declare
    family record;
    grain text;
    rollup text;
begin
    for family in select * from (values ('revenue', 'day, rep_id, territory_id, channel_id, product_id'),
                                        ('deals_closed', 'day, team_id, rep_id, territory_id, channel_id, product_id'),
                                        ('pipeline', 'day, team_id, rep_id, territory_id, channel_id, product_id')) f(name, key) loop
        foreach grain in array array['daily', 'monthly'] loop
            rollup := family.name || '_' || grain;
            execute format('alter table %I add column currency char(3) not null', rollup);
            execute format('alter table %1$I drop constraint %2$I, add constraint %2$I unique nulls not distinct (%3$s, currency)',
                           rollup, rollup || '_key', family.key);
        end loop;
    end loop;
end $$;

-- Daily rows in another currency than the requested one are read for every day of a period (KpiSql): found through
-- two range scans (currency below, currency above), which are empty when every record is in the requested currency.
create index revenue_daily_currency_idx on revenue_daily (currency, day);
create index deals_closed_daily_currency_idx on deals_closed_daily (currency, day);

-- The change statements of V6, with the currency in the key.
create or replace function revenue_change(grain text, sign integer, lines text) returns text language sql immutable as $$
    select format($statement$
        insert into %1$I as r (day, rep_id, territory_id, channel_id, product_id, currency, net_amount, quantity, lines)
        select %4$s, o.rep_id, o.territory_id, o.channel_id, l.product_id, o.currency,
               %2$s * sum(l.net_amount), %2$s * sum(l.quantity), %2$s * count(*)
        from %3$s
        group by 1, 2, 3, 4, 5, 6
        on conflict on constraint %5$I do update
            set net_amount = r.net_amount + excluded.net_amount, quantity = r.quantity + excluded.quantity,
                lines = r.lines + excluded.lines
        $statement$, 'revenue_' || grain, sign, lines, rollup_day(grain, 'o.ordered_on'), 'revenue_' || grain || '_key')
$$;

create or replace function deals_closed_change(grain text, sign integer, deals text) returns text language sql immutable as $$
    select format($statement$
        insert into %1$I as r (day, team_id, rep_id, territory_id, channel_id, product_id, currency,
                               won, lost, won_amount, won_cycle_days, deals)
        select %4$s, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id, d.product_id, d.currency,
               %2$s * count(*) filter (where d.stage = 'CLOSED_WON'), %2$s * count(*) filter (where d.stage <> 'CLOSED_WON'),
               %2$s * coalesce(sum(d.amount) filter (where d.stage = 'CLOSED_WON'), 0),
               %2$s * coalesce(sum(d.closed_on - d.opened_on) filter (where d.stage = 'CLOSED_WON'), 0), %2$s * count(*)
        from (select d.* from %3$s) d
        where d.closed_on is not null
        group by 1, 2, 3, 4, 5, 6, 7
        on conflict on constraint %5$I do update
            set won = r.won + excluded.won, lost = r.lost + excluded.lost, won_amount = r.won_amount + excluded.won_amount,
                won_cycle_days = r.won_cycle_days + excluded.won_cycle_days, deals = r.deals + excluded.deals
        $statement$, 'deals_closed_' || grain, sign, deals, rollup_day(grain, 'd.closed_on'), 'deals_closed_' || grain || '_key')
$$;

create or replace function pipeline_change(grain text, sign integer, deals text) returns text language sql immutable as $$
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
$$;

-- The trigger functions of V6 that decide which changed rows move: a change of currency moves them too.
create or replace function revenue_daily_on_orders_updated() returns trigger language plpgsql as $$
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
end $$;

create or replace function opportunity_rollups_on_change() returns trigger language plpgsql as $$
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
end $$;

-- What is stored, through the same statements.
do $$
declare
    statement text;
begin
    foreach statement in array rollup_statements('revenue', 1, 'order_line l join sales_order o on o.id = l.order_id'
                                   || ' where o.status <> ''CANCELLED''')
                               || rollup_statements('deals', 1, 'opportunity d') || rollup_statements('pipeline', 1, 'opportunity d') loop
        execute statement;
    end loop;
end $$;
