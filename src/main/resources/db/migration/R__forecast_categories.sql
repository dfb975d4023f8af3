-- A deal's forecast category (V15): its stage's, through forecast_category_mapping, unless its owner set it on an open
-- deal; closing a deal puts it back in its stage's category. A change of the mapping moves the deals that follow it.

CREATE OR REPLACE FUNCTION public.opportunity_forecast_category()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
begin
    if new.stage in ('CLOSED_WON', 'CLOSED_LOST') or new.forecast_category_source is distinct from 'OWNER'
       or new.forecast_category is null then
        new.forecast_category_source := 'STAGE';
        new.forecast_category := (select m.category from forecast_category_mapping m where m.stage = new.stage);
    end if;
    return new;
end
$function$
;

CREATE OR REPLACE FUNCTION public.forecast_category_mapping_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
begin
    update opportunity o set forecast_category = m.category, version = o.version + 1, updated_at = now(), updated_by = m.updated_by
    from new_mappings m
    where o.stage = m.stage and o.forecast_category_source = 'STAGE' and o.forecast_category is distinct from m.category;
    return null;
end
$function$
;

CREATE OR REPLACE TRIGGER forecast_category_mapping_moves_deals AFTER UPDATE ON public.forecast_category_mapping REFERENCING NEW TABLE AS new_mappings FOR EACH STATEMENT EXECUTE FUNCTION forecast_category_mapping_changed();
CREATE OR REPLACE TRIGGER opportunity_forecast_category_set BEFORE INSERT OR UPDATE ON public.opportunity FOR EACH ROW EXECUTE FUNCTION opportunity_forecast_category();
