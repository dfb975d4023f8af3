-- A bulk import writes a batch of rows as many one-row statements, and the rollup triggers then run once per row:
-- at about half a millisecond each, more than the writes themselves. So a bulk write brackets its batch instead:
--   rollups_defer(table, ids)   removes the contribution of the stored rows it is about to change, then switches
--                               the triggers off for the rest of the transaction;
--   (the batch is written)
--   rollups_resume(table, ids)  switches them back on and adds the contribution of all the rows it wrote.
-- The switch is a transaction-local setting: a rollback or the end of the transaction clears it, and nothing else
-- in the service sets it. RollupsTest checks that the rollups equal the base tables after imports.
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

-- Adds (sign 1) or removes (sign -1) the contribution of the given rows of a table to every rollup built on it;
-- tables without rollups have none. Rollup rows left at zero are then deleted.
create function rollups_apply(source regclass, ids uuid[], sign integer) returns void language plpgsql as $$
declare
    chosen constant text := format('opportunity d where d.id = any(%L::uuid[])', ids);
begin
    if source = 'opportunity'::regclass then
        execute deals_closed_daily_change(sign, chosen);
        execute pipeline_daily_change(sign, chosen);
        delete from deals_closed_daily where deals = 0;
        delete from pipeline_daily where opened_count = 0 and closed_count = 0;
    elsif source = 'sales_order'::regclass then
        execute revenue_daily_change(sign, format('sales_order o join order_line l on l.order_id = o.id'
            || ' where o.id = any(%L::uuid[]) and o.status <> ''CANCELLED''', ids));
        delete from revenue_daily where lines = 0;
    end if;
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
