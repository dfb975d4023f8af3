-- KPI alerts (issue 37): rules over any KPI, the state each was last found in, and every time one fired.
create table kpi_alert_rule (
    id               uuid primary key,
    name             varchar(200) not null,
    kpi              varchar(100) not null,
    filter           jsonb,
    period           jsonb        not null,
    condition        varchar(16)  not null check (condition in ('ABOVE', 'BELOW', 'CROSSES', 'CHANGE_BEYOND')),
    threshold        numeric(30, 6) not null,
    compare_to       varchar(32),
    cooldown_seconds integer      not null default 3600 check (cooldown_seconds >= 0),
    enabled          boolean      not null default true,
    last_state       varchar(8),
    last_value       numeric(30, 6),
    evaluated_at     timestamptz,
    last_fired_at    timestamptz,
    created_by       varchar(255),
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null
);

create table kpi_alert_firing (
    id             bigint generated always as identity primary key,
    rule_id        uuid          not null references kpi_alert_rule (id) on delete cascade,
    rule_name      varchar(200)  not null,
    kpi            varchar(100)  not null,
    condition      varchar(16)   not null,
    threshold      numeric(30, 6) not null,
    value          numeric(30, 6),
    previous_value numeric(30, 6),
    state          varchar(8)    not null,
    fired_at       timestamptz   not null default clock_timestamp()
);
create index kpi_alert_firing_rule_idx on kpi_alert_firing (rule_id, id);
