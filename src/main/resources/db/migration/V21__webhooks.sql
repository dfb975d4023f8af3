-- Signed webhooks (issue 37). Endpoints registered by admins; each delivery is written by the writing transaction
-- itself (R__webhooks.sql), so that a commit is never lost and a rollback never delivered.
create table webhook_endpoint (
    id          uuid primary key,
    url         varchar(2000) not null,
    events      text[]        not null,
    filter      jsonb,
    description varchar(500),
    secret      text          not null,
    enabled     boolean       not null default true,
    created_by  varchar(255),
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null
);

-- The outbox and the delivery log: one row per event and endpoint, in commit order (id) per record.
create table webhook_delivery (
    id              bigint generated always as identity primary key,
    endpoint_id     uuid         not null references webhook_endpoint (id) on delete cascade,
    event_id        uuid         not null,
    type            varchar(100) not null,
    record_id       uuid,
    occurred_at     timestamptz  not null,
    payload         jsonb        not null,
    status          varchar(16)  not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null,
    last_status     integer,
    last_error      varchar(1000),
    delivered_at    timestamptz
);
-- what is due, oldest first; and, per endpoint and record, whether an earlier delivery is still owed
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at, id) where status = 'PENDING';
create index webhook_delivery_record_idx on webhook_delivery (endpoint_id, record_id, id) where status = 'PENDING';
create index webhook_delivery_endpoint_idx on webhook_delivery (endpoint_id, id);
