-- KPIs defined through the API: a formula over the catalogue's named measures, with an optional fixed filter (JSON of
-- the KPI filter). Names are unique among them; the built-in names are refused by the service.
create table custom_kpi (
    id          uuid primary key,
    name        varchar(63)   not null unique,
    title       varchar(200)  not null,
    description varchar(2000),
    unit        varchar(16)   not null check (unit in ('CURRENCY', 'COUNT', 'COUNT_AVERAGE', 'RATIO', 'SCORE', 'DAYS', 'HOURS')),
    direction   varchar(20)   not null check (direction in ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER', 'NEUTRAL')),
    formula     varchar(1000) not null,
    filter      text,
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null,
    created_by  varchar(255),
    updated_by  varchar(255),
    version     bigint        not null default 0
);

-- Names a custom KPI no longer has (deleted or renamed), so that asking for one is a 404 that says so, not an unknown name.
create table custom_kpi_retired (
    name       varchar(63) primary key,
    retired_at timestamptz not null
);

create function custom_kpi_retire_name() returns trigger language plpgsql as $$
begin
    insert into custom_kpi_retired (name, retired_at) values (old.name, now())
    on conflict (name) do update set retired_at = excluded.retired_at;
    return null;
end $$;

create trigger custom_kpi_retired_on_delete after delete on custom_kpi
    for each row execute function custom_kpi_retire_name();
create trigger custom_kpi_retired_on_rename after update of name on custom_kpi
    for each row when (old.name is distinct from new.name) execute function custom_kpi_retire_name();
