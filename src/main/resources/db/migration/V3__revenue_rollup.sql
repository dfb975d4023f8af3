-- Net revenue per order day and rep x territory x channel x product: the order lines of orders that are not
-- cancelled, summed. Revenue KPIs read a few rows per day from here instead of every line of every order.
-- Triggers keep it equal to the base tables within each writing transaction (RevenueRollupTest checks this):
-- there is no refresh, so it is never stale.
create table revenue_daily (
    day           date    not null,
    rep_id        uuid,
    territory_id  uuid,
    channel_id    uuid,
    product_id    uuid    not null,
    net_amount    numeric not null,
    quantity      numeric not null,
    lines         bigint  not null,
    constraint revenue_daily_key unique nulls not distinct (day, rep_id, territory_id, channel_id, product_id)
);
create index revenue_daily_rep_idx on revenue_daily (rep_id, day);
create index revenue_daily_day_idx on revenue_daily (day);
create index revenue_daily_empty_idx on revenue_daily (day) where lines = 0;

-- The statement that adds (sign 1) or removes (sign -1) the contribution of some lines: lines is a FROM ... WHERE
-- fragment naming the lines l and the order attributes o they count under. The triggers run it with EXECUTE, as
-- only the trigger function itself sees its transition tables. Rows left without lines are then deleted
-- (revenue_daily_empty_idx finds them).
create function revenue_daily_change(sign integer, lines text) returns text language sql immutable as $$
    select format($statement$
        insert into revenue_daily as r (day, rep_id, territory_id, channel_id, product_id, net_amount, quantity, lines)
        select o.ordered_on, o.rep_id, o.territory_id, o.channel_id, l.product_id,
               %1$s * sum(l.net_amount), %1$s * sum(l.quantity), %1$s * count(*)
        from %2$s
        group by 1, 2, 3, 4, 5
        on conflict on constraint revenue_daily_key do update
            set net_amount = r.net_amount + excluded.net_amount, quantity = r.quantity + excluded.quantity,
                lines = r.lines + excluded.lines
        $statement$, sign, lines)
$$;

-- Lines inserted, changed or deleted count under their order's current state.
create function revenue_daily_on_lines() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        execute revenue_daily_change(-1, 'old_lines l join sales_order o on o.id = l.order_id where o.status <> ''CANCELLED''');
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        execute revenue_daily_change(1, 'new_lines l join sales_order o on o.id = l.order_id where o.status <> ''CANCELLED''');
    end if;
    delete from revenue_daily where lines = 0;
    return null;
end $$;
create trigger revenue_daily_lines_inserted after insert on order_line
    referencing new table as new_lines for each statement execute function revenue_daily_on_lines();
create trigger revenue_daily_lines_updated after update on order_line
    referencing old table as old_lines new table as new_lines for each statement execute function revenue_daily_on_lines();
create trigger revenue_daily_lines_deleted after delete on order_line
    referencing old table as old_lines for each statement execute function revenue_daily_on_lines();

-- Orders whose day, rep, territory, channel or status changed move their lines from the old state to the new.
create function revenue_daily_on_orders_updated() returns trigger language plpgsql as $$
declare
    moved constant text := ' on other.id = o.id join order_line l on l.order_id = o.id where o.status <> ''CANCELLED'''
        || ' and (o.ordered_on, o.rep_id, o.territory_id, o.channel_id, o.status)'
        || ' is distinct from (other.ordered_on, other.rep_id, other.territory_id, other.channel_id, other.status)';
begin
    execute revenue_daily_change(-1, 'old_orders o join new_orders other' || moved);
    execute revenue_daily_change(1, 'new_orders o join old_orders other' || moved);
    delete from revenue_daily where lines = 0;
    return null;
end $$;
create trigger revenue_daily_orders_updated after update on sales_order
    referencing old table as old_orders new table as new_orders for each statement execute function revenue_daily_on_orders_updated();

-- An order deleted with lines still attached removes their contribution here, while it still exists; the
-- cascaded deletes of those lines then find no order and change nothing.
create function revenue_daily_on_order_deleted() returns trigger language plpgsql as $$
begin
    execute revenue_daily_change(-1, format('sales_order o join order_line l on l.order_id = o.id'
        || ' where o.id = %L and o.status <> ''CANCELLED''', old.id));
    delete from revenue_daily where lines = 0;
    return old;
end $$;
create trigger revenue_daily_order_deleted before delete on sales_order
    for each row execute function revenue_daily_on_order_deleted();

-- The lines already stored, through the same statement.
do $$
begin
    execute revenue_daily_change(1, 'order_line l join sales_order o on o.id = l.order_id where o.status <> ''CANCELLED''');
end $$;
