-- The survey family: answers per UTC day (or month), survey, score and what places them (the account's owner and
-- territory, which the account's changes move).

CREATE OR REPLACE FUNCTION public.survey_change(grain text, sign integer, rows text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select format($statement$
        insert into %1$I as r (day, survey, score, owner_rep_id, account_territory_id, respondent_rep_id, answers)
        select %4$s, d.survey, d.score, a.owner_rep_id, a.territory_id, d.rep_id, %2$s * count(*)
        from %3$s
        group by 1, 2, 3, 4, 5, 6
        order by 1, 2, 3, 4, 5, 6
        on conflict on constraint %5$I do update set answers = r.answers + excluded.answers
        $statement$, 'survey_' || grain, sign, rows, rollup_day(grain, utc_day('d.responded_at')), 'survey_' || grain || '_key')
$function$
;

CREATE OR REPLACE FUNCTION public.survey_rollups_on_account_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
declare
    statement text;
    moved constant text := 'survey_response d join %s a on a.id = d.account_id join %s other on other.id = a.id'
        || ' where (a.owner_rep_id, a.territory_id) is distinct from (other.owner_rep_id, other.territory_id)';
begin
    foreach statement in array rollup_statements('survey', -1, format(moved, 'old_accounts', 'new_accounts'))
                               || rollup_statements('survey', 1, format(moved, 'new_accounts', 'old_accounts')) loop
        execute statement;
    end loop;
    return null;
end $function$
;

CREATE OR REPLACE TRIGGER survey_rollups_account_updated AFTER UPDATE ON public.account REFERENCING OLD TABLE AS old_accounts NEW TABLE AS new_accounts FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION survey_rollups_on_account_change();
CREATE OR REPLACE TRIGGER survey_response_rollups_deleted AFTER DELETE ON public.survey_response REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('survey', 'responded_at, survey, score, account_id, rep_id', ' left join account a on a.id = d.account_id');
CREATE OR REPLACE TRIGGER survey_response_rollups_inserted AFTER INSERT ON public.survey_response REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('survey', 'responded_at, survey, score, account_id, rep_id', ' left join account a on a.id = d.account_id');
CREATE OR REPLACE TRIGGER survey_response_rollups_updated AFTER UPDATE ON public.survey_response REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('survey', 'responded_at, survey, score, account_id, rep_id', ' left join account a on a.id = d.account_id');
