-- A target may be for any KPI of the catalogue: a metric as before, a built-in KPI by name (kpi, checked by the service
-- against the catalogue), or a KPI defined through the API (custom_kpi_id; one with targets is not deleted). Exactly one.
alter table target alter column metric drop not null;
alter table target add column kpi varchar(63);
alter table target add column custom_kpi_id uuid;
alter table target add constraint target_custom_kpi_id_fkey foreign key (custom_kpi_id) references custom_kpi (id);
-- named <table>_<column>_check: a violation names its field (DatabaseErrors)
alter table target add constraint target_kpi_check
    check ((metric is not null)::int + (kpi is not null)::int + (custom_kpi_id is not null)::int = 1);
create index target_custom_kpi_idx on target (custom_kpi_id) where custom_kpi_id is not null;
