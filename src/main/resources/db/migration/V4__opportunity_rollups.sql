-- Two rollups of the opportunity table, kept equal to it by one set of triggers within each writing transaction
-- (RollupsTest checks this):
-- deals_closed_daily: closed opportunities per close day and team x rep x territory x channel x product, with how
--   many were won and lost, the amount won and the days the won ones took. Win rate, bookings, deal size and
--   cycle length read these few rows per day instead of every opportunity.
-- pipeline_daily: opportunities opened and closed per day and the same dimensions, with their current amounts.
--   The pipeline open at the end of a day D is what was opened by D minus what was closed by D (a deal closes on
--   or after the day it opened), so pipeline snapshots sum these rows instead of reading every deal ever opened.
create table deals_closed_daily (
    day             date    not null,
    team_id         uuid,
    rep_id          uuid,
    territory_id    uuid,
    channel_id      uuid,
    product_id      uuid,
    won             bigint  not null,
    lost            bigint  not null,
    won_amount      numeric not null,
    won_cycle_days  bigint  not null,
    deals           bigint  not null,
    constraint deals_closed_daily_key unique nulls not distinct (day, team_id, rep_id, territory_id, channel_id, product_id)
);
create index deals_closed_daily_team_idx on deals_closed_daily (team_id, day);
create index deals_closed_daily_rep_idx on deals_closed_daily (rep_id, day);
create index deals_closed_daily_day_idx on deals_closed_daily (day);
create index deals_closed_daily_empty_idx on deals_closed_daily (day) where deals = 0;

create table pipeline_daily (
    day            date    not null,
    team_id        uuid,
    rep_id         uuid,
    territory_id   uuid,
    channel_id     uuid,
    product_id     uuid,
    opened_count   bigint  not null,
    opened_amount  numeric not null,
    closed_count   bigint  not null,
    closed_amount  numeric not null,
    constraint pipeline_daily_key unique nulls not distinct (day, team_id, rep_id, territory_id, channel_id, product_id)
);
create index pipeline_daily_team_idx on pipeline_daily (team_id, day);
create index pipeline_daily_rep_idx on pipeline_daily (rep_id, day);
create index pipeline_daily_day_idx on pipeline_daily (day);
create index pipeline_daily_empty_idx on pipeline_daily (day) where opened_count = 0 and closed_count = 0;

-- The statements that add (sign 1) or remove (sign -1) the contribution of some opportunities: deals is a
-- FROM ... WHERE fragment naming them d (see revenue_daily_change for why they are built as text).
create function deals_closed_daily_change(sign integer, deals text) returns text language sql immutable as $$
    select format($statement$
        insert into deals_closed_daily as r (day, team_id, rep_id, territory_id, channel_id, product_id,
                                             won, lost, won_amount, won_cycle_days, deals)
        select d.closed_on, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id, d.product_id,
               %1$s * count(*) filter (where d.stage = 'CLOSED_WON'), %1$s * count(*) filter (where d.stage <> 'CLOSED_WON'),
               %1$s * coalesce(sum(d.amount) filter (where d.stage = 'CLOSED_WON'), 0),
               %1$s * coalesce(sum(d.closed_on - d.opened_on) filter (where d.stage = 'CLOSED_WON'), 0), %1$s * count(*)
        from (select d.* from %2$s) d
        where d.closed_on is not null
        group by 1, 2, 3, 4, 5, 6
        on conflict on constraint deals_closed_daily_key do update
            set won = r.won + excluded.won, lost = r.lost + excluded.lost, won_amount = r.won_amount + excluded.won_amount,
                won_cycle_days = r.won_cycle_days + excluded.won_cycle_days, deals = r.deals + excluded.deals
        $statement$, sign, deals)
$$;

-- One opening on the day each opportunity opened, and one closing on the day it closed, if it did.
create function pipeline_daily_change(sign integer, deals text) returns text language sql immutable as $$
    select format($statement$
        insert into pipeline_daily as r (day, team_id, rep_id, territory_id, channel_id, product_id,
                                         opened_count, opened_amount, closed_count, closed_amount)
        select e.day, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id, d.product_id,
               %1$s * count(*) filter (where e.opening), %1$s * coalesce(sum(d.amount) filter (where e.opening), 0),
               %1$s * count(*) filter (where not e.opening), %1$s * coalesce(sum(d.amount) filter (where not e.opening), 0)
        from (select d.* from %2$s) d
        cross join lateral (values (d.opened_on, true), (d.closed_on, false)) as e(day, opening)
        where e.day is not null
        group by 1, 2, 3, 4, 5, 6
        on conflict on constraint pipeline_daily_key do update
            set opened_count = r.opened_count + excluded.opened_count, opened_amount = r.opened_amount + excluded.opened_amount,
                closed_count = r.closed_count + excluded.closed_count, closed_amount = r.closed_amount + excluded.closed_amount
        $statement$, sign, deals)
$$;

-- Opportunities inserted or deleted, and updated ones whose dates, stage, amount or dimensions changed, move
-- their contribution in both rollups: one pass over the transition tables per statement.
create function opportunity_rollups_on_change() returns trigger language plpgsql as $$
declare
    changed constant text := ' on other.id = d.id where'
        || ' (d.opened_on, d.closed_on, d.stage, d.amount, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id, d.product_id)'
        || ' is distinct from (other.opened_on, other.closed_on, other.stage, other.amount, other.team_id, other.owner_rep_id,'
        || ' other.territory_id, other.channel_id, other.product_id)';
    removed constant text := case tg_op when 'DELETE' then 'old_deals d' when 'UPDATE' then 'old_deals d join new_deals other' || changed end;
    added constant text := case tg_op when 'INSERT' then 'new_deals d' when 'UPDATE' then 'new_deals d join old_deals other' || changed end;
begin
    if removed is not null then
        execute deals_closed_daily_change(-1, removed);
        execute pipeline_daily_change(-1, removed);
    end if;
    if added is not null then
        execute deals_closed_daily_change(1, added);
        execute pipeline_daily_change(1, added);
    end if;
    delete from deals_closed_daily where deals = 0;
    delete from pipeline_daily where opened_count = 0 and closed_count = 0;
    return null;
end $$;
create trigger opportunity_rollups_inserted after insert on opportunity
    referencing new table as new_deals for each statement execute function opportunity_rollups_on_change();
create trigger opportunity_rollups_updated after update on opportunity
    referencing old table as old_deals new table as new_deals for each statement execute function opportunity_rollups_on_change();
create trigger opportunity_rollups_deleted after delete on opportunity
    referencing old table as old_deals for each statement execute function opportunity_rollups_on_change();

-- The opportunities already stored, through the same statements.
do $$
begin
    execute deals_closed_daily_change(1, 'opportunity d');
    execute pipeline_daily_change(1, 'opportunity d');
end $$;
