-- Forecast submissions (V16) are versions: none is ever changed. A version is an adjustment when someone other than
-- its subject made it: the subject of a rep's call is the rep, of a team's call the team's manager.

CREATE OR REPLACE FUNCTION public.forecast_submission_adjustment()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
begin
    if tg_op = 'UPDATE' then
        raise exception 'forecast submissions are never changed: submit a new version' using errcode = 'SKF01';
    end if;
    new.adjustment := new.submitted_by_rep_id is distinct from
        coalesce(new.rep_id, (select t.manager_id from team t where t.id = new.team_id));
    return new;
end
$function$
;

CREATE OR REPLACE TRIGGER forecast_submission_versions BEFORE INSERT OR UPDATE ON public.forecast_submission FOR EACH ROW EXECUTE FUNCTION forecast_submission_adjustment();
