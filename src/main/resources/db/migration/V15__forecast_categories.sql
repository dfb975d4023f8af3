-- Forecast categories: every deal is in one (PIPELINE, BEST_CASE, COMMIT, CLOSED, OMITTED). It follows the deal's stage
-- through this mapping (one row per stage, which admins change through the API), unless the deal's rep or manager set it
-- (source OWNER); closing a deal puts it back in its stage's category. R__forecast_categories.sql keeps both.
create table forecast_category_mapping (
    stage       varchar(16) primary key check (stage in ('PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION', 'CLOSED_WON', 'CLOSED_LOST')),
    category    varchar(16) not null check (category in ('PIPELINE', 'BEST_CASE', 'COMMIT', 'CLOSED', 'OMITTED')),
    updated_at  timestamptz not null default now(),
    updated_by  varchar(255)
);
insert into forecast_category_mapping (stage, category) values
    ('PROSPECTING', 'PIPELINE'), ('QUALIFICATION', 'PIPELINE'), ('PROPOSAL', 'BEST_CASE'), ('NEGOTIATION', 'COMMIT'),
    ('CLOSED_WON', 'CLOSED'), ('CLOSED_LOST', 'OMITTED');

alter table opportunity add column forecast_category varchar(16),
    add column forecast_category_source varchar(8) not null default 'STAGE' check (forecast_category_source in ('STAGE', 'OWNER'));
update opportunity o set forecast_category = m.category from forecast_category_mapping m where m.stage = o.stage;
alter table opportunity alter column forecast_category set not null,
    add check (forecast_category in ('PIPELINE', 'BEST_CASE', 'COMMIT', 'CLOSED', 'OMITTED'));

alter table opportunity_version add column forecast_category varchar(16);
update opportunity_version v set forecast_category = m.category from forecast_category_mapping m where m.stage = v.stage;
