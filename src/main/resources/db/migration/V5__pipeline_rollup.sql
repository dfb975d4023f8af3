-- Opportunities opened and closed per day and team x rep x territory x channel x product, with their current
-- amounts. The pipeline open at the end of a day D is what was opened by D minus what was closed by D (a deal
-- closes on or after the day it opened), so pipeline snapshots sum these rows instead of reading every deal ever
-- opened. Triggers keep it equal to the opportunity table within each writing transaction (RollupsTest).
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

-- The statement that adds (sign 1) or removes (sign -1) some opportunities: one opening on the day each opened
-- and one closing on the day each closed, if it did. deals is a FROM ... WHERE fragment naming them d.
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

-- Opportunities inserted or deleted, and updated ones whose dates, amount or dimensions changed.
create function pipeline_daily_on_deals() returns trigger language plpgsql as $$
declare
    changed constant text := ' on other.id = d.id where'
        || ' (d.opened_on, d.closed_on, d.amount, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id, d.product_id)'
        || ' is distinct from (other.opened_on, other.closed_on, other.amount, other.team_id, other.owner_rep_id,'
        || ' other.territory_id, other.channel_id, other.product_id)';
begin
    if tg_op = 'INSERT' then
        execute pipeline_daily_change(1, 'new_deals d');
    elsif tg_op = 'DELETE' then
        execute pipeline_daily_change(-1, 'old_deals d');
    else
        execute pipeline_daily_change(-1, 'old_deals d join new_deals other' || changed);
        execute pipeline_daily_change(1, 'new_deals d join old_deals other' || changed);
    end if;
    delete from pipeline_daily where opened_count = 0 and closed_count = 0;
    return null;
end $$;
create trigger pipeline_daily_inserted after insert on opportunity
    referencing new table as new_deals for each statement execute function pipeline_daily_on_deals();
create trigger pipeline_daily_updated after update on opportunity
    referencing old table as old_deals new table as new_deals for each statement execute function pipeline_daily_on_deals();
create trigger pipeline_daily_deleted after delete on opportunity
    referencing old table as old_deals for each statement execute function pipeline_daily_on_deals();

insert into pipeline_daily (day, team_id, rep_id, territory_id, channel_id, product_id, opened_count, opened_amount, closed_count, closed_amount)
select e.day, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id, d.product_id,
       count(*) filter (where e.opening), coalesce(sum(d.amount) filter (where e.opening), 0),
       count(*) filter (where not e.opening), coalesce(sum(d.amount) filter (where not e.opening), 0)
from opportunity d
cross join lateral (values (d.opened_on, true), (d.closed_on, false)) as e(day, opening)
where e.day is not null
group by 1, 2, 3, 4, 5, 6;
