-- The activity family: activities per UTC day (or month), rep, type and outcome.

CREATE OR REPLACE FUNCTION public.activity_change(grain text, sign integer, rows text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select format($statement$
        insert into %1$I as r (day, rep_id, type, outcome, activities)
        select %4$s, d.rep_id, d.type, d.outcome, %2$s * count(*)
        from %3$s
        group by 1, 2, 3, 4
        order by 1, 2, 3, 4
        on conflict on constraint %5$I do update set activities = r.activities + excluded.activities
        $statement$, 'activity_' || grain, sign, rows, rollup_day(grain, utc_day('d.occurred_at')), 'activity_' || grain || '_key')
$function$
;

CREATE OR REPLACE TRIGGER activity_rollups_deleted AFTER DELETE ON public.activity REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('activity', 'occurred_at, rep_id, type, outcome', '');
CREATE OR REPLACE TRIGGER activity_rollups_inserted AFTER INSERT ON public.activity REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('activity', 'occurred_at, rep_id, type, outcome', '');
CREATE OR REPLACE TRIGGER activity_rollups_updated AFTER UPDATE ON public.activity REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('activity', 'occurred_at, rep_id, type, outcome', '');
