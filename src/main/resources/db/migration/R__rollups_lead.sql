-- The lead family: leads per UTC day (or month) of receipt, owner, territory and channel.

CREATE OR REPLACE FUNCTION public.lead_change(grain text, sign integer, rows text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select format($statement$
        insert into %1$I as r (day, rep_id, territory_id, channel_id, leads)
        select %4$s, d.owner_rep_id, d.territory_id, d.channel_id, %2$s * count(*)
        from %3$s
        group by 1, 2, 3, 4
        order by 1, 2, 3, 4
        on conflict on constraint %5$I do update set leads = r.leads + excluded.leads
        $statement$, 'lead_' || grain, sign, rows, rollup_day(grain, utc_day('d.received_at')), 'lead_' || grain || '_key')
$function$
;

CREATE OR REPLACE TRIGGER lead_rollups_deleted AFTER DELETE ON public.lead REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('lead', 'received_at, owner_rep_id, territory_id, channel_id', '');
CREATE OR REPLACE TRIGGER lead_rollups_inserted AFTER INSERT ON public.lead REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('lead', 'received_at, owner_rep_id, territory_id, channel_id', '');
CREATE OR REPLACE TRIGGER lead_rollups_updated AFTER UPDATE ON public.lead REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT WHEN ((NOT rollups_deferred())) EXECUTE FUNCTION rollup_rows_on_change('lead', 'received_at, owner_rep_id, territory_id, channel_id', '');
