-- One change signal (issue 37): every statement that writes a table raises the table's data version once per
-- transaction, and notifies saleskpi_data at commit, so that every instance learns which tables a commit changed
-- (DataVersions). The KPI cache keeps an answer while the versions of the tables it read stand; subscriptions and alerts
-- re-evaluate what a commit changed.

CREATE OR REPLACE FUNCTION public.bump_data_version()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public'
AS $function$
begin
    -- once per transaction and table: later statements of the same transaction change nothing a reader could tell apart
    if current_setting('saleskpi.versioned.' || TG_TABLE_NAME, true) = 'y' then
        return null;
    end if;
    perform set_config('saleskpi.versioned.' || TG_TABLE_NAME, 'y', true);
    insert into data_version as v (table_name, backend, version) values (TG_TABLE_NAME, pg_backend_pid(), 1)
    on conflict (table_name, backend) do update set version = v.version + 1;
    perform pg_notify('saleskpi_data', TG_TABLE_NAME);
    return null;
end $function$
;

-- Installs the version trigger on every table that lacks it (the service calls it after each migration, so that a table
-- a later migration adds is versioned too); data_version itself and the webhook deliveries (the service's own work
-- queue, not data) are not.
CREATE OR REPLACE FUNCTION public.track_data_versions()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
declare
    t text;
begin
    for t in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
               and c.relname not in ('data_version', 'flyway_schema_history', 'webhook_delivery')
               and not exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'data_version_bump')
    loop
        execute format('create trigger data_version_bump after insert or update or delete or truncate on %I'
                       || ' for each statement execute function bump_data_version()', t);
    end loop;
end $function$
;

-- Folds the rows of backends that are gone into one row per table (backend 0): the sums, hence the versions, unchanged.
CREATE OR REPLACE FUNCTION public.compact_data_versions()
 RETURNS void
 LANGUAGE sql
AS $function$
    with gone as (
        delete from data_version where backend <> 0 and backend not in (select pid from pg_stat_activity where pid is not null)
        returning table_name, version)
    insert into data_version as v (table_name, backend, version)
    select table_name, 0, sum(version) from gone group by table_name
    on conflict (table_name, backend) do update set version = v.version + excluded.version
$function$
;

select track_data_versions();
