-- Commission plans (CommissionPlan): per rep and period, a base rate on closed won and up to two accelerators, each a
-- higher rate on what is won beyond a share of the rep's BOOKINGS quota. The KPIs commission_earned and
-- projected_commission compute the commission (FactSource#COMMISSIONS).
create table commission_plan (
    id                       uuid primary key,
    external_ref             varchar(100) unique,
    rep_id                   uuid           not null references sales_rep (id),
    period_start             date           not null,
    period_end               date           not null,
    base_rate                numeric(9, 6)  not null check (base_rate between 0 and 1),
    first_accelerator_at     numeric(9, 4),
    first_accelerator_rate   numeric(9, 6),
    second_accelerator_at    numeric(9, 4),
    second_accelerator_rate  numeric(9, 6),
    created_at               timestamptz    not null,
    updated_at               timestamptz    not null,
    created_by               varchar(255),
    updated_by               varchar(255),
    version                  bigint         not null default 0,
    -- named <table>_<column>_check: a violation names its field (DatabaseErrors)
    constraint commission_plan_period_end_check check (period_end >= period_start),
    constraint commission_plan_first_accelerator_at_check check ((first_accelerator_at is null) = (first_accelerator_rate is null)
        and (first_accelerator_at is null or first_accelerator_at > 0 and first_accelerator_rate between 0 and 1)),
    constraint commission_plan_second_accelerator_at_check check ((second_accelerator_at is null) = (second_accelerator_rate is null)
        and (second_accelerator_at is null or first_accelerator_at < second_accelerator_at and second_accelerator_rate between 0 and 1)),
    -- one plan per rep and period (named for the field a conflict names)
    constraint commission_plan_period_start_key unique (rep_id, period_start, period_end)
);
create index commission_plan_updated_idx on commission_plan (updated_at, id);
-- a rep's pages of their plans (OwnershipIndexTest)
create index commission_plan_rep_updated_idx on commission_plan (rep_id, updated_at, id);
-- the plans of a period, for the commission KPIs
create index commission_plan_period_idx on commission_plan (period_start, period_end);
