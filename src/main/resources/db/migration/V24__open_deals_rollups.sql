-- The open deals per day (and month) they are expected to close, team x rep, currency, stage and forecast category:
-- what a forecast sums for a period (its open commit, best case and pipeline), read in as many rows whatever the number
-- of deals, instead of every open deal of the period. Keyed by what places a forecast line alone: with territory,
-- channel and product too, a day held nearly a row per deal and imports of deals ran slower (see docs/benchmarks.md).
-- Kept by the opportunity's rollup triggers (R__rollups_deals_closed_and_pipeline.sql); amounts in the deal's currency,
-- converted when read (at the period's end: every row of a currency at the same rate).
create table open_deals_daily (
    day               date        not null,
    team_id           uuid,
    rep_id            uuid,
    currency          char(3)     not null,
    stage             varchar(16) not null,
    forecast_category varchar(16),
    deals             bigint      not null,
    amount            numeric     not null,
    constraint open_deals_daily_key unique nulls not distinct
        (day, team_id, rep_id, currency, stage, forecast_category)
);
create index open_deals_daily_team_idx on open_deals_daily (team_id, day);
create index open_deals_daily_rep_idx on open_deals_daily (rep_id, day);

create table open_deals_monthly (like open_deals_daily including defaults);
alter table open_deals_monthly add constraint open_deals_monthly_key unique nulls not distinct
    (day, team_id, rep_id, currency, stage, forecast_category);
create index open_deals_monthly_team_idx on open_deals_monthly (team_id, day);
create index open_deals_monthly_rep_idx on open_deals_monthly (rep_id, day);

insert into open_deals_daily (day, team_id, rep_id, currency, stage, forecast_category, deals, amount)
select coalesce(d.closed_on, d.expected_close_on), d.team_id, d.owner_rep_id, d.currency, d.stage, d.forecast_category, count(*),
       sum(d.amount)
from opportunity d
where d.stage not in ('CLOSED_WON', 'CLOSED_LOST') and coalesce(d.closed_on, d.expected_close_on) is not null
group by 1, 2, 3, 4, 5, 6;

insert into open_deals_monthly (day, team_id, rep_id, currency, stage, forecast_category, deals, amount)
select date_trunc('month', d.day)::date, d.team_id, d.rep_id, d.currency, d.stage, d.forecast_category, sum(d.deals), sum(d.amount)
from open_deals_daily d
group by 1, 2, 3, 4, 5, 6;
