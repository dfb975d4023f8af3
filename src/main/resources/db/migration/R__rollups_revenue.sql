-- The revenue family (revenue_daily, revenue_monthly): order lines of orders not cancelled, by order day.

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
        order by 1, 2, 3, 4, 5, 6
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

CREATE OR REPLACE TRIGGER revenue_daily_lines_deleted AFTER DELETE ON public.order_line REFERENCING OLD TABLE AS old_lines FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION revenue_daily_on_lines();
CREATE OR REPLACE TRIGGER revenue_daily_lines_inserted AFTER INSERT ON public.order_line REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION revenue_daily_on_lines();
CREATE OR REPLACE TRIGGER revenue_daily_lines_updated AFTER UPDATE ON public.order_line REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION revenue_daily_on_lines();
CREATE OR REPLACE TRIGGER revenue_daily_order_deleted BEFORE DELETE ON public.sales_order FOR EACH ROW WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION revenue_daily_on_order_deleted();
CREATE OR REPLACE TRIGGER revenue_daily_orders_updated AFTER UPDATE ON public.sales_order REFERENCING OLD TABLE AS old_orders NEW TABLE AS new_orders FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION revenue_daily_on_orders_updated();
