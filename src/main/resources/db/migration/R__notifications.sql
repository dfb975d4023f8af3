-- A rep's or manager's scope comes from sales_rep and team: every instance keeping scopes hears of their changes (CallerScopes).

CREATE OR REPLACE FUNCTION public.notify_scope_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ begin perform pg_notify('saleskpi_scopes', ''); return null; end $function$
;

CREATE OR REPLACE TRIGGER sales_rep_scope_change AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.sales_rep FOR EACH STATEMENT EXECUTE FUNCTION notify_scope_change();
CREATE OR REPLACE TRIGGER team_scope_change AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.team FOR EACH STATEMENT EXECUTE FUNCTION notify_scope_change();
