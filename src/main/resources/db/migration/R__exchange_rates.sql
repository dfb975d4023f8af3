-- Exchange rates: the daily rates kept from the quotes, the rate in force on a day, the refusal of an unrated amount,
-- and the money rollups reconverted when a rate changes.

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
    visited_columns text;
    visited_sums text;
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
    select string_agg(format(', %I, %I', closed_column, won_column), ''),
           string_agg(format(', sum(d.%I), sum(d.%I)', closed_column, won_column), '')
    into visited_columns, visited_sums
    from visited_stage_columns();
    execute format($statement$
        insert into deals_closed_monthly (day, team_id, rep_id, territory_id, channel_id, product_id, currency,
                                          won, lost, won_amount, won_cycle_days, deals, won_amount_reporting, deals_unrated%s)
        select date_trunc('month', d.day)::date, d.team_id, d.rep_id, d.territory_id, d.channel_id, d.product_id, d.currency,
               sum(d.won), sum(d.lost), sum(d.won_amount), sum(d.won_cycle_days), sum(d.deals),
               coalesce(sum(d.won_amount / x.rate), 0), coalesce(sum(d.deals) filter (where x.rate is null), 0)%s
        from deals_closed_daily d
        cross join lateral (select rate_in_force(d.currency, d.day) as rate) x
        where d.currency = any($1) and d.day >= $2
        group by 1, 2, 3, 4, 5, 6, 7
        $statement$, visited_columns, visited_sums) using currencies, first_month;
end $function$
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

CREATE OR REPLACE TRIGGER exchange_rate_daily_on_delete AFTER DELETE ON public.exchange_rate REFERENCING OLD TABLE AS old_rates FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION exchange_rate_daily_on_change();
CREATE OR REPLACE TRIGGER exchange_rate_daily_on_insert AFTER INSERT ON public.exchange_rate REFERENCING NEW TABLE AS new_rates FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION exchange_rate_daily_on_change();
CREATE OR REPLACE TRIGGER exchange_rate_daily_on_update AFTER UPDATE ON public.exchange_rate REFERENCING OLD TABLE AS old_rates NEW TABLE AS new_rates FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION exchange_rate_daily_on_change();
