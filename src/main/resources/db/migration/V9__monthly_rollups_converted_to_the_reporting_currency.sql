-- Money KPIs in the reporting currency read monthly rollup rows again, whatever currency their records are in.
--
-- V8 keeps the money rollups per currency and converts on read. A monthly row cannot be converted on read (its days
-- have different rates), so rows in another currency than the requested one were read by day, and the dashboard
-- grew with the data again. Now the monthly rows of revenue and of closed deals also keep their amount converted
-- record by record at the rate of the record's day into the currency the rates are quoted against (the reporting
-- currency), and how many of their records had no rate then:
--   <amount>_reporting  the sum of amount / rate, each record at the latest rate on or before its day;
--   <count>_unrated     the records of the row with no such rate (every record of a row in the reporting currency,
--                       which needs none: KPI statements read such rows as they are).
-- KPI statements in the reporting currency read a monthly row as it is when it is in that currency, else its
-- converted amount, or fail naming the currency and the first day of the row's month that has records and no
-- rate (FactSource). Requests in another currency convert by day as before.
-- The conversions are kept by the rollups' change statements and, when a rate changes, recomputed from the daily
-- rows of its currency from the month of the earliest day the change reaches.

alter table revenue_monthly add column net_amount_reporting numeric not null default 0,
                            add column lines_unrated bigint not null default 0;
alter table deals_closed_monthly add column won_amount_reporting numeric not null default 0,
                                 add column deals_unrated bigint not null default 0;

-- The rate in force for a currency on a day (units per one unit of the reporting currency), null when none.
create function rate_in_force(of_currency char(3), on_day date) returns numeric language sql stable as $$
    select coalesce((select x.rate from exchange_rate_daily x where x.currency = of_currency and x.day = on_day),
                    (select r.rate from exchange_rate r where r.currency = of_currency and r.rate_date <= on_day
                     order by r.rate_date desc limit 1))
$$;

-- The parts a change statement adds at the monthly grain for a converted amount: the columns, the values (amount,
-- null where it is not summed, in currency on day) and the updates. Nothing at the daily grain, which converts on read.
create function converted_columns(grain text, sign integer, amount_column text, unrated_column text, amount text,
                                  currency text, day text) returns text[] language sql immutable as $$
    select case grain when 'daily' then array['', '', ''] else array[
        format(', %s_reporting, %s', amount_column, unrated_column),
        format(', %1$s * coalesce(sum(%2$s / rate_in_force(%3$s, %4$s)), 0), %1$s * count(*) filter (where rate_in_force(%3$s, %4$s) is null)',
               sign, amount, currency, day),
        format(', %1$s_reporting = r.%1$s_reporting + excluded.%1$s_reporting, %2$s = r.%2$s + excluded.%2$s', amount_column, unrated_column)]
    end
$$;

create or replace function revenue_change(grain text, sign integer, lines text) returns text language sql immutable as $$
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
$$;

create or replace function deals_closed_change(grain text, sign integer, deals text) returns text language sql immutable as $$
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
$$;

-- The monthly conversions of some currencies from the month of a day on, recomputed from the daily rows (which do not
-- depend on rates) after their rates changed.
create function money_rollups_reconvert(currencies text[], since date) returns void language plpgsql as $$
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
end $$;

-- A change of rates reaches the days from the earliest rate date it touches (old or new) on: exchange_rate_daily and
-- the monthly conversions are recomputed from there, instead of over the whole window (V8) for every statement.
drop function exchange_rate_daily_refresh(text[]);
create function exchange_rates_refresh(currencies text[], since date) returns void language plpgsql as $$
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
end $$;

create or replace function exchange_rate_daily_on_change() returns trigger language plpgsql as $$
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
end $$;

-- Rates written by a bulk import, one statement a row, are brought up to date once for the batch, like the rollups
-- (V6): the rates' triggers wait while rollups are deferred, rollups_defer notes the currencies and earliest day of
-- the stored rates the batch will change, and rollups_resume refreshes those and the written ones' at once.
do $$
declare
    rate_trigger record;
begin
    for rate_trigger in select t.tgname, pg_get_triggerdef(t.oid) as definition from pg_trigger t
                        where t.tgrelid = 'exchange_rate'::regclass and t.tgname like 'exchange_rate_daily_on_%' loop
        execute format('drop trigger %I on exchange_rate', rate_trigger.tgname);
        execute replace(rate_trigger.definition, ' EXECUTE FUNCTION ', ' WHEN (NOT rollups_deferred()) EXECUTE FUNCTION ');
    end loop;
end $$;

create function exchange_rates_batched(ids uuid[], sign integer) returns void language plpgsql as $$
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
end $$;

-- rollups_apply (V6), which rollups_defer and rollups_resume call, takes the exchange rates too.
alter function rollups_apply(regclass, uuid[], integer) rename to fact_rollups_apply;
create function rollups_apply(source regclass, ids uuid[], sign integer) returns void language plpgsql as $$
begin
    if source = 'exchange_rate'::regclass then
        perform exchange_rates_batched(ids, sign);
    else
        perform fact_rollups_apply(source, ids, sign);
    end if;
end $$;

-- What is stored: every monthly row converted.
select money_rollups_reconvert(array(select currency::text from revenue_monthly union select currency::text from deals_closed_monthly),
                               '-infinity');
