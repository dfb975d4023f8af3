-- Responses to POSTs sent with an Idempotency-Key, replayed when the same request is retried.
create table idempotency_record (
    caller        varchar(255) not null,
    key           varchar(255) not null,
    request_hash  char(64)     not null,
    status        integer,
    location      varchar(2000),
    body          text,
    created_at    timestamptz  not null default now(),
    primary key (caller, key)
);
create index idempotency_record_created_idx on idempotency_record (created_at);

-- Tombstones of deleted rows, so that an offline client can learn about deletions when it syncs.
create table deleted_record (
    id          bigint generated always as identity primary key,
    entity      varchar(64) not null,
    record_id   uuid        not null,
    rep_id      uuid,
    team_id     uuid,
    deleted_at  timestamptz not null default clock_timestamp()
);
create index deleted_record_entity_idx on deleted_record (entity, deleted_at);

create function record_deletion() returns trigger language plpgsql as $$
declare
    old_row jsonb := to_jsonb(old);
begin
    insert into deleted_record (entity, record_id, rep_id, team_id)
    values (tg_table_name, old.id,
            coalesce(old_row ->> 'owner_rep_id', old_row ->> 'rep_id')::uuid,
            (old_row ->> 'team_id')::uuid);
    return old;
end $$;

do $$
declare
    t text;
begin
    foreach t in array array['territory', 'team', 'sales_rep', 'channel', 'product', 'account', 'campaign', 'lead', 'opportunity',
                             'sales_order', 'activity', 'target', 'cost_entry', 'survey_response', 'competitor_price'] loop
        execute format('create trigger %I after delete on %I for each row execute function record_deletion()',
                       t || '_record_deletion', t);
        execute format('create index %I on %I (updated_at, id)', t || '_updated_idx', t);
    end loop;
end $$;
