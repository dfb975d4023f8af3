-- Sales entities. Every table carries the same audit columns and an optimistic-lock version.
-- Money is numeric(19,4) with an ISO-4217 currency; instants are timestamptz (UTC), calendar days are date.
-- Enumerations are varchar + CHECK so that new values need a migration, never a silent cast.

create table territory (
    id          uuid primary key,
    parent_id   uuid references territory (id),
    level       varchar(16)  not null check (level in ('REGION', 'COUNTRY', 'AREA')),
    code        varchar(40)  not null unique,
    name        varchar(200) not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    created_by  varchar(255),
    updated_by  varchar(255),
    version     bigint       not null default 0,
    check (parent_id is null or parent_id <> id)
);
create index territory_parent_idx on territory (parent_id);

create table team (
    id          uuid primary key,
    parent_id   uuid references team (id),
    name        varchar(200) not null unique,
    manager_id  uuid,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    created_by  varchar(255),
    updated_by  varchar(255),
    version     bigint       not null default 0,
    check (parent_id is null or parent_id <> id)
);
create index team_parent_idx on team (parent_id);

create table sales_rep (
    id            uuid primary key,
    external_id   varchar(255) unique,
    email         varchar(320) not null unique,
    full_name     varchar(200) not null,
    role          varchar(32)  not null check (role in ('ACCOUNT_EXECUTIVE', 'BDR', 'SDR', 'ACCOUNT_MANAGER', 'FIELD_REP', 'SALES_MANAGER')),
    team_id       uuid references team (id),
    territory_id  uuid references territory (id),
    hire_date     date         not null,
    leave_date    date,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    created_by    varchar(255),
    updated_by    varchar(255),
    version       bigint       not null default 0,
    check (leave_date is null or leave_date >= hire_date)
);
create index sales_rep_team_idx on sales_rep (team_id);
create index sales_rep_territory_idx on sales_rep (territory_id);

alter table team add constraint team_manager_id_fkey foreign key (manager_id) references sales_rep (id);
create index team_manager_idx on team (manager_id);

create table channel (
    id          uuid primary key,
    code        varchar(40)  not null unique,
    name        varchar(200) not null,
    type        varchar(16)  not null check (type in ('FIELD', 'STORE', 'ONLINE', 'PARTNER', 'INSIDE_SALES')),
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    created_by  varchar(255),
    updated_by  varchar(255),
    version     bigint       not null default 0
);

create table product (
    id          uuid primary key,
    sku         varchar(64)    not null unique,
    name        varchar(200)   not null,
    category    varchar(100)   not null,
    list_price  numeric(19, 4) not null check (list_price >= 0),
    currency    char(3)        not null check (currency ~ '^[A-Z]{3}$'),
    active      boolean        not null default true,
    created_at  timestamptz    not null,
    updated_at  timestamptz    not null,
    created_by  varchar(255),
    updated_by  varchar(255),
    version     bigint         not null default 0
);
create index product_category_idx on product (category);

create table account (
    id            uuid primary key,
    external_ref  varchar(100) unique,
    name          varchar(200) not null,
    segment       varchar(16)  not null check (segment in ('ENTERPRISE', 'MID_MARKET', 'SMB', 'CONSUMER')),
    industry      varchar(100),
    territory_id  uuid references territory (id),
    owner_rep_id  uuid references sales_rep (id),
    acquired_on   date,
    churned_on    date,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    created_by    varchar(255),
    updated_by    varchar(255),
    version       bigint       not null default 0,
    check (churned_on is null or (acquired_on is not null and churned_on >= acquired_on))
);
create index account_territory_idx on account (territory_id);
create index account_owner_idx on account (owner_rep_id);
create index account_acquired_idx on account (acquired_on);
create index account_churned_idx on account (churned_on);

create table campaign (
    id          uuid primary key,
    name        varchar(200) not null unique,
    channel_id  uuid references channel (id),
    starts_on   date         not null,
    ends_on     date,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    created_by  varchar(255),
    updated_by  varchar(255),
    version     bigint       not null default 0,
    check (ends_on is null or ends_on >= starts_on)
);
create index campaign_channel_idx on campaign (channel_id);

create table lead (
    id                 uuid primary key,
    external_ref       varchar(100) unique,
    full_name          varchar(200) not null,
    company            varchar(200),
    email              varchar(320),
    source             varchar(16)  not null check (source in ('WEB', 'REFERRAL', 'EVENT', 'OUTBOUND', 'PARTNER', 'CAMPAIGN', 'OTHER')),
    campaign_id        uuid references campaign (id),
    channel_id         uuid references channel (id),
    territory_id       uuid references territory (id),
    owner_rep_id       uuid references sales_rep (id),
    account_id         uuid references account (id),
    stage              varchar(16)  not null check (stage in ('LEAD', 'MQL', 'SQL', 'OPPORTUNITY', 'CUSTOMER', 'DISQUALIFIED')),
    received_at        timestamptz  not null,
    mql_at             timestamptz,
    sql_at             timestamptz,
    opportunity_at     timestamptz,
    customer_at        timestamptz,
    disqualified_at    timestamptz,
    first_response_at  timestamptz,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    created_by         varchar(255),
    updated_by         varchar(255),
    version            bigint       not null default 0,
    check (first_response_at is null or first_response_at >= received_at)
);
create index lead_received_idx on lead (received_at);
create index lead_owner_idx on lead (owner_rep_id, received_at);
create index lead_campaign_idx on lead (campaign_id);
create index lead_channel_idx on lead (channel_id);
create index lead_territory_idx on lead (territory_id);
create index lead_account_idx on lead (account_id);

create table opportunity (
    id                 uuid primary key,
    external_ref       varchar(100) unique,
    name               varchar(200)   not null,
    account_id         uuid references account (id),
    owner_rep_id       uuid           not null references sales_rep (id),
    team_id            uuid references team (id),
    territory_id       uuid references territory (id),
    channel_id         uuid references channel (id),
    product_id         uuid references product (id),
    lead_id            uuid references lead (id),
    type               varchar(16)    not null check (type in ('NEW_BUSINESS', 'UPSELL', 'CROSS_SELL', 'RENEWAL')),
    stage              varchar(16)    not null check (stage in ('PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION', 'CLOSED_WON', 'CLOSED_LOST')),
    amount             numeric(19, 4) not null check (amount >= 0),
    currency           char(3)        not null check (currency ~ '^[A-Z]{3}$'),
    opened_on          date           not null,
    expected_close_on  date,
    closed_on          date,
    loss_reason        varchar(500),
    competitor         varchar(200),
    created_at         timestamptz    not null,
    updated_at         timestamptz    not null,
    created_by         varchar(255),
    updated_by         varchar(255),
    version            bigint         not null default 0,
    -- closed deals, and only they, carry a close date on or after the open date
    check ((stage in ('CLOSED_WON', 'CLOSED_LOST')) = (closed_on is not null)),
    check (closed_on is null or closed_on >= opened_on),
    check (loss_reason is null or stage = 'CLOSED_LOST')
);
create index opportunity_owner_idx on opportunity (owner_rep_id, opened_on);
create index opportunity_team_idx on opportunity (team_id, opened_on);
create index opportunity_account_idx on opportunity (account_id);
create index opportunity_territory_idx on opportunity (territory_id);
create index opportunity_channel_idx on opportunity (channel_id);
create index opportunity_product_idx on opportunity (product_id);
create index opportunity_lead_idx on opportunity (lead_id);
create index opportunity_opened_idx on opportunity (opened_on);
create index opportunity_closed_idx on opportunity (closed_on) where closed_on is not null;
create index opportunity_open_stage_idx on opportunity (stage) where closed_on is null;

-- Written by the service whenever a deal enters a stage; part of the opportunity aggregate.
create table opportunity_stage_change (
    id              bigint generated always as identity primary key,
    opportunity_id  uuid        not null references opportunity (id) on delete cascade,
    stage           varchar(16) not null check (stage in ('PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION', 'CLOSED_WON', 'CLOSED_LOST')),
    entered_at      timestamptz not null,
    changed_by      varchar(255)
);
create index opportunity_stage_change_opportunity_idx on opportunity_stage_change (opportunity_id, entered_at);

create table sales_order (
    id              uuid primary key,
    external_ref    varchar(100) unique,
    account_id      uuid        not null references account (id),
    rep_id          uuid references sales_rep (id),
    channel_id      uuid references channel (id),
    territory_id    uuid references territory (id),
    opportunity_id  uuid references opportunity (id),
    status          varchar(16) not null check (status in ('PLACED', 'FULFILLED', 'CANCELLED')),
    ordered_on      date        not null,
    currency        char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    created_by      varchar(255),
    updated_by      varchar(255),
    version         bigint      not null default 0
);
create index sales_order_account_idx on sales_order (account_id, ordered_on);
create index sales_order_rep_idx on sales_order (rep_id, ordered_on);
create index sales_order_channel_idx on sales_order (channel_id);
create index sales_order_territory_idx on sales_order (territory_id);
create index sales_order_opportunity_idx on sales_order (opportunity_id);
create index sales_order_ordered_idx on sales_order (ordered_on);

create table order_line (
    id                uuid primary key,
    order_id          uuid           not null references sales_order (id) on delete cascade,
    line_no           integer        not null check (line_no > 0),
    product_id        uuid           not null references product (id),
    quantity          integer        not null check (quantity > 0),
    unit_price        numeric(19, 4) not null check (unit_price >= 0),
    discount_percent  numeric(5, 2)  not null default 0 check (discount_percent between 0 and 100),
    net_amount        numeric(19, 4) generated always as (round(quantity * unit_price * (100 - discount_percent) / 100, 4)) stored,
    -- deferred: replacing an order's lines inserts the new ones before the old ones are removed
    unique (order_id, line_no) deferrable initially deferred
);
create index order_line_product_idx on order_line (product_id);

create table activity (
    id                uuid primary key,
    external_ref      varchar(100) unique,
    type              varchar(16)  not null check (type in ('CALL', 'EMAIL', 'MEETING', 'DEMO', 'PROPOSAL', 'VISIT', 'SOCIAL')),
    rep_id            uuid         not null references sales_rep (id),
    lead_id           uuid references lead (id),
    account_id        uuid references account (id),
    opportunity_id    uuid references opportunity (id),
    occurred_at       timestamptz  not null,
    outcome           varchar(16) check (outcome in ('SENT', 'OPENED', 'REPLIED', 'POSITIVE', 'NEGATIVE', 'NO_ANSWER', 'ACCEPTED', 'DECLINED', 'HELD', 'NO_SHOW')),
    duration_minutes  integer check (duration_minutes between 0 and 1440),
    subject           varchar(500),
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    created_by        varchar(255),
    updated_by        varchar(255),
    version           bigint       not null default 0
);
create index activity_rep_idx on activity (rep_id, occurred_at);
create index activity_occurred_idx on activity (occurred_at);
create index activity_lead_idx on activity (lead_id);
create index activity_account_idx on activity (account_id);
create index activity_opportunity_idx on activity (opportunity_id);

create table target (
    id            uuid primary key,
    scope         varchar(16)    not null check (scope in ('REP', 'TEAM', 'TERRITORY', 'COMPANY')),
    rep_id        uuid references sales_rep (id),
    team_id       uuid references team (id),
    territory_id  uuid references territory (id),
    metric        varchar(16)    not null check (metric in ('REVENUE', 'BOOKINGS', 'DEALS_WON', 'NEW_ACCOUNTS', 'ACTIVITIES', 'NEW_LEADS')),
    period_start  date           not null,
    period_end    date           not null,
    value         numeric(19, 4) not null check (value >= 0),
    created_at    timestamptz    not null,
    updated_at    timestamptz    not null,
    created_by    varchar(255),
    updated_by    varchar(255),
    version       bigint         not null default 0,
    check (period_end >= period_start),
    -- exactly the reference that the scope names
    check ((rep_id is not null) = (scope = 'REP')
       and (team_id is not null) = (scope = 'TEAM')
       and (territory_id is not null) = (scope = 'TERRITORY'))
);
create unique index target_natural_key on target (scope, metric, period_start, period_end,
    coalesce(rep_id, team_id, territory_id, '00000000-0000-0000-0000-000000000000'::uuid));
create index target_rep_idx on target (rep_id);
create index target_team_idx on target (team_id);
create index target_territory_idx on target (territory_id);

create table cost_entry (
    id           uuid primary key,
    external_ref varchar(100) unique,
    kind         varchar(16)    not null check (kind in ('MARKETING', 'SALES')),
    category     varchar(16)    not null check (category in ('ADVERTISING', 'EVENTS', 'CONTENT', 'TOOLS', 'SALARIES', 'COMMISSIONS', 'TRAVEL', 'OTHER')),
    campaign_id  uuid references campaign (id),
    team_id      uuid references team (id),
    incurred_on  date           not null,
    amount       numeric(19, 4) not null check (amount >= 0),
    currency     char(3)        not null check (currency ~ '^[A-Z]{3}$'),
    description  varchar(500),
    created_at   timestamptz    not null,
    updated_at   timestamptz    not null,
    created_by   varchar(255),
    updated_by   varchar(255),
    version      bigint         not null default 0
);
create index cost_entry_incurred_idx on cost_entry (incurred_on);
create index cost_entry_campaign_idx on cost_entry (campaign_id);
create index cost_entry_team_idx on cost_entry (team_id);

create table survey_response (
    id            uuid primary key,
    external_ref  varchar(100) unique,
    survey        varchar(8)   not null check (survey in ('NPS', 'ENPS', 'CSAT')),
    score         integer      not null,
    account_id    uuid references account (id),
    rep_id        uuid references sales_rep (id),
    responded_at  timestamptz  not null,
    comment       varchar(2000),
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    created_by    varchar(255),
    updated_by    varchar(255),
    version       bigint       not null default 0,
    -- NPS and eNPS are 0-10, CSAT 1-5; customers answer NPS/CSAT, employees (reps) eNPS
    check ((survey in ('NPS', 'ENPS') and score between 0 and 10) or (survey = 'CSAT' and score between 1 and 5)),
    check ((survey = 'ENPS' and rep_id is not null) or (survey <> 'ENPS' and account_id is not null))
);
create index survey_response_responded_idx on survey_response (survey, responded_at);
create index survey_response_account_idx on survey_response (account_id);
create index survey_response_rep_idx on survey_response (rep_id);

create table competitor_price (
    id            uuid primary key,
    product_id    uuid           not null references product (id),
    competitor    varchar(200)   not null,
    price         numeric(19, 4) not null check (price >= 0),
    currency      char(3)        not null check (currency ~ '^[A-Z]{3}$'),
    territory_id  uuid references territory (id),
    observed_on   date           not null,
    source        varchar(500),
    created_at    timestamptz    not null,
    updated_at    timestamptz    not null,
    created_by    varchar(255),
    updated_by    varchar(255),
    version       bigint         not null default 0
);
create index competitor_price_product_idx on competitor_price (product_id, observed_on);
create index competitor_price_territory_idx on competitor_price (territory_id);
