-- Closed opportunities per close day and team x rep x territory x channel x product: how many were won and lost,
-- the amount won and the days the won ones took. Win rate, bookings, deal size and cycle length read these few
-- rows per day instead of every opportunity. Triggers keep it equal to the opportunity table within each writing
-- transaction (DealsRollupTest checks this).
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

-- The statement that adds (sign 1) or removes (sign -1) the contribution of some opportunities: deals is a
-- FROM ... WHERE fragment naming them d (see revenue_daily_change for why it is built as text).
create function deals_closed_daily_change(sign integer, deals text) returns text language sql immutable as $$
    select format($statement$
        insert into deals_closed_daily as r (day, team_id, rep_id, territory_id, channel_id, product_id,
                                             won, lost, won_amount, won_cycle_days, deals)
        select d.closed_on, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id, d.product_id,
               %1$s * count(*) filter (where d.stage = 'CLOSED_WON'), %1$s * count(*) filter (where d.stage <> 'CLOSED_WON'),
               %1$s * coalesce(sum(d.amount) filter (where d.stage = 'CLOSED_WON'), 0),
               %1$s * coalesce(sum(d.closed_on - d.opened_on) filter (where d.stage = 'CLOSED_WON'), 0), %1$s * count(*)
        from %2$s
        group by 1, 2, 3, 4, 5, 6
        on conflict on constraint deals_closed_daily_key do update
            set won = r.won + excluded.won, lost = r.lost + excluded.lost, won_amount = r.won_amount + excluded.won_amount,
                won_cycle_days = r.won_cycle_days + excluded.won_cycle_days, deals = r.deals + excluded.deals
        $statement$, sign, deals)
$$;

-- Opportunities inserted or deleted, and updated ones whose closing, amount, dates or dimensions changed.
create function deals_closed_daily_on_deals() returns trigger language plpgsql as $$
declare
    changed constant text := ' on other.id = d.id where d.closed_on is not null'
        || ' and (d.closed_on, d.stage, d.amount, d.opened_on, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id, d.product_id)'
        || ' is distinct from (other.closed_on, other.stage, other.amount, other.opened_on, other.team_id, other.owner_rep_id,'
        || ' other.territory_id, other.channel_id, other.product_id)';
begin
    if tg_op = 'INSERT' then
        execute deals_closed_daily_change(1, 'new_deals d where d.closed_on is not null');
    elsif tg_op = 'DELETE' then
        execute deals_closed_daily_change(-1, 'old_deals d where d.closed_on is not null');
    else
        execute deals_closed_daily_change(-1, 'old_deals d join new_deals other' || changed);
        execute deals_closed_daily_change(1, 'new_deals d join old_deals other' || changed);
    end if;
    delete from deals_closed_daily where deals = 0;
    return null;
end $$;
create trigger deals_closed_daily_inserted after insert on opportunity
    referencing new table as new_deals for each statement execute function deals_closed_daily_on_deals();
create trigger deals_closed_daily_updated after update on opportunity
    referencing old table as old_deals new table as new_deals for each statement execute function deals_closed_daily_on_deals();
create trigger deals_closed_daily_deleted after delete on opportunity
    referencing old table as old_deals for each statement execute function deals_closed_daily_on_deals();

insert into deals_closed_daily (day, team_id, rep_id, territory_id, channel_id, product_id, won, lost, won_amount, won_cycle_days, deals)
select closed_on, team_id, owner_rep_id, territory_id, channel_id, product_id,
       count(*) filter (where stage = 'CLOSED_WON'), count(*) filter (where stage <> 'CLOSED_WON'),
       coalesce(sum(amount) filter (where stage = 'CLOSED_WON'), 0),
       coalesce(sum(closed_on - opened_on) filter (where stage = 'CLOSED_WON'), 0), count(*)
from opportunity
where closed_on is not null
group by 1, 2, 3, 4, 5, 6;
