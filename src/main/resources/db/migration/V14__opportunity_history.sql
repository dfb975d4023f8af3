-- Every version of every deal: the fields the pipeline is measured by, as they stood from valid_from until valid_to
-- (null: still so), with who made the change. Triggers on opportunity (R__opportunity_history.sql) write it in the
-- transaction of the change, whatever the path; a deletion closes the last version and adds one marked deleted. The
-- columns are named as the opportunity's, id being the deal's, so that a KPI statement reads the deals as of an
-- instant by reading this table instead (FactSource). No foreign key: a deleted deal keeps its history.
create table opportunity_version (
    version_id         bigint generated always as identity primary key,
    id                 uuid           not null,
    valid_from         timestamptz    not null,
    valid_to           timestamptz,
    changed_by         varchar(255),
    deleted            boolean        not null default false,
    account_id         uuid,
    owner_rep_id       uuid           not null,
    team_id            uuid,
    territory_id       uuid,
    channel_id         uuid,
    product_id         uuid,
    lead_id            uuid,
    type               varchar(16)    not null,
    stage              varchar(16)    not null,
    amount             numeric(19, 4) not null,
    currency           char(3)        not null,
    opened_on          date           not null,
    expected_close_on  date,
    closed_on          date,
    -- how the deal moved in this version: when its stage was entered, the stage it left here and the days it spent
    -- there, and whether its expected close day moved later (the deal dynamics KPIs read these, kept by the triggers)
    stage_entered_at   timestamptz    not null,
    previous_stage     varchar(16),
    previous_stage_days numeric,
    close_pushed       boolean        not null default false,
    check (valid_to is null or valid_to >= valid_from)
);
-- a deal's versions in order (its history, and closing its current version)
create index opportunity_version_deal_idx on opportunity_version (id, valid_from);
-- the versions in force at an instant: those that began by then, of which those not ended by then
create index opportunity_version_from_idx on opportunity_version (valid_from) include (valid_to);
-- a team's deals closing in a window, as of any instant (the waterfall, the pipeline as of an instant)
create index opportunity_version_team_close_idx on opportunity_version (team_id, expected_close_on);

-- The history the service kept until now: each deal's stage changes, each a version with the deal's other fields as
-- they are now (a closed deal's close day only once it closed), and its current state where it differs from its last
-- recorded stage. Versions end where the next begins; each stage change leaves the stage before it. A stage change
-- recorded for a later day than today (imported data, the former demo generator) counts from now: no version begins
-- in the future.
insert into opportunity_version (id, valid_from, valid_to, changed_by, account_id, owner_rep_id, team_id, territory_id,
                                 channel_id, product_id, lead_id, type, stage, amount, currency, opened_on,
                                 expected_close_on, closed_on, stage_entered_at, previous_stage, previous_stage_days)
select v.id, v.valid_from, lead(v.valid_from) over deal, v.changed_by,
       o.account_id, o.owner_rep_id, o.team_id, o.territory_id, o.channel_id, o.product_id, o.lead_id, o.type, v.stage,
       o.amount, o.currency, o.opened_on, o.expected_close_on,
       case when v.stage in ('CLOSED_WON', 'CLOSED_LOST') then o.closed_on end, v.valid_from,
       nullif(lag(v.stage) over deal, v.stage),
       case when lag(v.stage) over deal <> v.stage then extract(epoch from v.valid_from - lag(v.valid_from) over deal) / 86400 end
from (select h.opportunity_id as id, least(h.entered_at, now()) as valid_from, h.changed_by, h.stage, h.id as seq
      from opportunity_stage_change h
      union all
      select o.id, least(greatest(o.created_at, coalesce(last.entered_at, o.created_at)), now()), o.updated_by, o.stage, null
      from opportunity o
      left join lateral (select h.stage, h.entered_at from opportunity_stage_change h where h.opportunity_id = o.id
                         order by h.entered_at desc, h.id desc limit 1) last on true
      where last.stage is distinct from o.stage) v
join opportunity o on o.id = v.id
window deal as (partition by v.id order by v.valid_from, v.seq);
