-- A custom KPI's name, once deleted or renamed, is remembered as retired, so that asking for it says so.

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

CREATE OR REPLACE TRIGGER custom_kpi_retired_on_delete AFTER DELETE ON public.custom_kpi FOR EACH ROW EXECUTE FUNCTION custom_kpi_retire_name();
CREATE OR REPLACE TRIGGER custom_kpi_retired_on_rename AFTER UPDATE OF name ON public.custom_kpi FOR EACH ROW WHEN (((old.name)::text IS DISTINCT FROM (new.name)::text)) EXECUTE FUNCTION custom_kpi_retire_name();
