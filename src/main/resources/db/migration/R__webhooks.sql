-- Webhook deliveries written by the transaction that changed the records (a transactional outbox): the service installs,
-- on the table of every collection, triggers that call webhook_enqueue with the collection's event name
-- (WebhookOutbox). Each enabled endpoint subscribed to the event, whose filter the record contains, gets one delivery.
-- A second argument names the event whole (kpi.alert: a row of kpi_alert_firing).

-- A stored row as the API names its fields: snake_case columns in camelCase.
CREATE OR REPLACE FUNCTION public.webhook_record(stored jsonb)
 RETURNS jsonb
 LANGUAGE sql
 IMMUTABLE
AS $function$
    select coalesce(jsonb_object_agg(lower(left(key, 1)) || substr(replace(initcap(key), '_', ''), 2), value), '{}')
    from jsonb_each(stored)
$function$
;

CREATE OR REPLACE FUNCTION public.webhook_enqueue()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public'
AS $function$
declare
    event text := coalesce(TG_ARGV[1], TG_ARGV[0] || case TG_OP when 'INSERT' then '.created' when 'UPDATE' then '.updated' else '.deleted' end);
begin
    if not exists (select 1 from webhook_endpoint where enabled and event = any(events)) then
        return null;
    end if;
    insert into webhook_delivery (endpoint_id, event_id, type, record_id, occurred_at, payload, next_attempt_at)
    select e.id, gen_random_uuid(), event, case when r.data->>'id' ~ '^[0-9a-f-]{36}$' then (r.data->>'id')::uuid end, clock_timestamp(),
           jsonb_build_object('type', event, 'timestamp', to_jsonb(clock_timestamp()), 'data', r.data), clock_timestamp()
    from (select webhook_record(to_jsonb(c)) as data, row_number() over () as n
          from (select * from changed_rows) c) r
    cross join webhook_endpoint e
    where e.enabled and event = any(e.events) and (e.filter is null or r.data @> e.filter)
    order by r.n, e.id;
    perform pg_notify('saleskpi_webhooks', '');
    return null;
end $function$
;
