-- Deterministic sales data set, generated inside PostgreSQL (set-based INSERT ... SELECT, no row-by-row round trips).
-- Placeholders replaced before running: ${scale} = number of opportunities, ${seed} = random seed in [-1, 1].
-- Dates cover the 18 months that end today, so "this quarter" dashboards always have data.
-- Same seed, scale and day => same data.
set local max_parallel_workers_per_gather = 0;
set local synchronous_commit = off;
set local maintenance_work_mem = '256MB';
select setseed(${seed});

-- The big tables' secondary indexes are built once at the end rather than updated row by row
-- (unique and primary-key indexes stay: constraints and foreign keys need them).
create temp table gen_deferred_index on commit drop as
select i.indexname, i.indexdef from pg_indexes i
where i.schemaname = current_schema()
  and i.tablename in ('lead', 'opportunity', 'opportunity_stage_change', 'sales_order', 'order_line', 'activity')
  and not exists (select 1 from pg_constraint c where c.conname = i.indexname);
do $$
declare r record;
begin
    for r in select indexname from gen_deferred_index loop
        execute format('drop index %I', r.indexname);
    end loop;
end $$;

create temp table gen_params on commit drop as
select ${scale}::int as deals,
       (date_trunc('month', current_date) - interval '17 months')::date as first_day,
       current_date as last_day;

-- Money: deals and orders of the UK are in pounds, of the US in dollars, the rest in euros (the reporting currency).
create function pg_temp.currency_of(area text) returns text language sql immutable as $$
    select case when area like 'GB-%' then 'GBP' when area like 'US-%' then 'USD' else 'EUR' end
$$;

-- Daily reference rates (units per euro) for every day of the data set, drifting smoothly.
insert into exchange_rate (id, external_ref, currency, rate_date, rate, created_at, updated_at, created_by, updated_by)
select md5('fx-' || c.currency || '-' || d::date)::uuid, 'DEMO-FX-' || c.currency || '-' || d::date, c.currency, d::date,
       round((c.level + c.swing * sin(extract(epoch from d) / 86400 / c.period))::numeric, 4),
       now(), now(), 'demo-data', 'demo-data'
from (values ('USD', 1.09, 0.05, 45.0), ('GBP', 0.86, 0.02, 60.0)) as c(currency, level, swing, period)
cross join gen_params p
cross join generate_series(p.first_day - 31, p.last_day, interval '1 day') as d;

-- Reference data --------------------------------------------------------------------------
insert into territory (id, parent_id, level, code, name, created_at, updated_at, created_by, updated_by)
select md5('territory-' || code)::uuid, case when parent is null then null else md5('territory-' || parent)::uuid end,
       level, code, name, now(), now(), 'demo-data', 'demo-data'
from (values
    ('EMEA', null, 'REGION', 'Europe, Middle East and Africa'), ('AMER', null, 'REGION', 'Americas'),
    ('APAC', null, 'REGION', 'Asia Pacific'),
    ('DE', 'EMEA', 'COUNTRY', 'Germany'), ('FR', 'EMEA', 'COUNTRY', 'France'), ('GB', 'EMEA', 'COUNTRY', 'United Kingdom'),
    ('US', 'AMER', 'COUNTRY', 'United States'), ('BR', 'AMER', 'COUNTRY', 'Brazil'), ('CA', 'AMER', 'COUNTRY', 'Canada'),
    ('JP', 'APAC', 'COUNTRY', 'Japan'), ('AU', 'APAC', 'COUNTRY', 'Australia'), ('SG', 'APAC', 'COUNTRY', 'Singapore'),
    ('DE-N', 'DE', 'AREA', 'Germany North'), ('DE-S', 'DE', 'AREA', 'Germany South'),
    ('FR-N', 'FR', 'AREA', 'France North'), ('FR-S', 'FR', 'AREA', 'France South'),
    ('GB-L', 'GB', 'AREA', 'London'), ('GB-R', 'GB', 'AREA', 'Rest of UK'),
    ('US-E', 'US', 'AREA', 'US East'), ('US-W', 'US', 'AREA', 'US West'), ('US-C', 'US', 'AREA', 'US Central'),
    ('BR-SP', 'BR', 'AREA', 'Sao Paulo'), ('CA-ON', 'CA', 'AREA', 'Ontario'),
    ('JP-KT', 'JP', 'AREA', 'Kanto'), ('AU-NSW', 'AU', 'AREA', 'New South Wales'), ('SG-C', 'SG', 'AREA', 'Singapore Central')
) as t(code, parent, level, name)
order by level desc;  -- regions first: parents exist before children

insert into channel (id, code, name, type, created_at, updated_at, created_by, updated_by)
select md5('channel-' || code)::uuid, code, name, code, now(), now(), 'demo-data', 'demo-data'
from (values ('FIELD', 'Field sales'), ('STORE', 'Retail stores'), ('ONLINE', 'Web shop'),
             ('PARTNER', 'Partners and resellers'), ('INSIDE_SALES', 'Inside sales')) as c(code, name);

insert into product (id, sku, name, category, list_price, currency, created_at, updated_at, created_by, updated_by)
select md5('product-' || sku)::uuid, sku, name, category, price, 'EUR', now(), now(), 'demo-data', 'demo-data'
from (values ('HW-100', 'Edge Gateway S', 'Hardware', 1200), ('HW-200', 'Edge Gateway M', 'Hardware', 2400),
             ('HW-300', 'Edge Gateway XL', 'Hardware', 5900), ('SW-100', 'Analytics Starter', 'Software', 900),
             ('SW-200', 'Analytics Pro', 'Software', 3600), ('SW-300', 'Analytics Enterprise', 'Software', 12000),
             ('SV-100', 'Onboarding', 'Services', 1500), ('SV-200', 'Premium Support', 'Services', 4800),
             ('SV-300', 'Custom Integration', 'Services', 9500), ('AC-100', 'Sensor Pack', 'Accessories', 150),
             ('AC-200', 'Mounting Kit', 'Accessories', 60), ('AC-300', 'Battery Module', 'Accessories', 320)
) as p(sku, name, category, price);

-- Teams: a parent organisation per region with field and inside teams under it.
create temp table gen_team on commit drop as
select n, name, region, parent, area_codes
from (values (1, 'EMEA Sales', 'EMEA', null, null), (2, 'AMER Sales', 'AMER', null, null), (3, 'APAC Sales', 'APAC', null, null),
             (4, 'EMEA Enterprise', 'EMEA', 1, array['DE-N', 'DE-S', 'GB-L']),
             (5, 'EMEA Mid-Market', 'EMEA', 1, array['FR-N', 'FR-S', 'GB-R']),
             (6, 'AMER Enterprise', 'AMER', 2, array['US-E', 'US-W']),
             (7, 'AMER Growth', 'AMER', 2, array['US-C', 'BR-SP', 'CA-ON']),
             (8, 'APAC Field', 'APAC', 3, array['JP-KT', 'AU-NSW', 'SG-C'])) as t(n, name, region, parent, area_codes);

insert into team (id, parent_id, name, created_at, updated_at, created_by, updated_by)
select md5('team-' || n)::uuid, case when parent is null then null else md5('team-' || parent)::uuid end, name,
       now(), now(), 'demo-data', 'demo-data'
from gen_team order by n;

-- Reps: 9 per working team (the first is its manager), uneven performance kept in gen_rep.skill.
create temp table gen_rep on commit drop as
select row_number() over (order by t.n, i)::int as n, t.n as team, i,
       t.area_codes[1 + (i % array_length(t.area_codes, 1))] as area,
       0.5 + random() * 1.2 as skill,
       (select first_day from gen_params) - (180 + (random() * 1400)::int) as hired
from gen_team t cross join generate_series(1, 9) as i
where t.area_codes is not null;

insert into sales_rep (id, external_id, email, full_name, role, team_id, territory_id, hire_date, leave_date,
                       created_at, updated_at, created_by, updated_by)
select md5('rep-' || r.n)::uuid, 'demo-rep-' || r.n, 'rep' || r.n || '@demo.saleskpi.example',
       (array['Alex', 'Sam', 'Robin', 'Kim', 'Jo', 'Maria', 'Lee', 'Noor', 'Ines', 'Tomás', 'Yuki', 'Priya'])[1 + r.n % 12] || ' '
           || (array['Berg', 'Okafor', 'Dubois', 'Smith', 'Tanaka', 'Silva', 'Novak', 'Haddad', 'Kowalski', 'Rossi'])[1 + (r.n * 7) % 10],
       case when r.i = 1 then 'SALES_MANAGER'
            else (array['ACCOUNT_EXECUTIVE', 'ACCOUNT_EXECUTIVE', 'BDR', 'SDR', 'ACCOUNT_MANAGER', 'FIELD_REP'])[1 + r.i % 6] end,
       md5('team-' || r.team)::uuid, md5('territory-' || r.area)::uuid, r.hired,
       case when r.n % 11 = 5 then (select last_day from gen_params) - (20 + r.n * 3) end,
       now(), now(), 'demo-data', 'demo-data'
from gen_rep r;

update team t set manager_id = md5('rep-' || r.n)::uuid, updated_at = now()
from gen_rep r where r.i = 1 and t.id = md5('team-' || r.team)::uuid;

-- Customers and prospects: a few big accounts, many small ones.
create temp table gen_account on commit drop as
select a, r.n as rep, r.team, r.area,
       case when a % 17 = 0 then 'ENTERPRISE' when a % 5 = 0 then 'MID_MARKET' when a % 23 = 0 then 'CONSUMER' else 'SMB' end as segment,
       power(random(), 3) as size
from generate_series(1, greatest(20, (select deals from gen_params) / 8)) as a
join gen_rep r on r.n = 1 + (a * 13) % (select count(*) from gen_rep);

insert into account (id, external_ref, name, segment, industry, territory_id, owner_rep_id,
                     created_at, updated_at, created_by, updated_by)
select md5('account-' || a)::uuid, 'DEMO-ACC-' || a,
       (array['Nordwind', 'Bluepeak', 'Sunforge', 'Ironleaf', 'Clearwave', 'Redstone', 'Brightpath', 'Silverline'])[1 + a % 8]
           || ' ' || (array['Logistics', 'Retail', 'Health', 'Energy', 'Foods', 'Systems', 'Mobility'])[1 + (a / 8) % 7] || ' ' || a,
       segment, (array['Retail', 'Manufacturing', 'Healthcare', 'Energy', 'Logistics', 'Finance'])[1 + a % 6],
       md5('territory-' || area)::uuid, md5('rep-' || rep)::uuid, now(), now(), 'demo-data', 'demo-data'
from gen_account;

-- Campaigns, one a month per channel group.
insert into campaign (id, name, channel_id, starts_on, ends_on, created_at, updated_at, created_by, updated_by)
select md5('campaign-' || m)::uuid,
       (array['Spring webinar series', 'Trade fair', 'Partner push', 'Paid search', 'Newsletter', 'Field roadshow'])[1 + m % 6]
           || ' ' || to_char((select first_day from gen_params) + make_interval(months => m), 'YYYY-MM'),
       md5('channel-' || (array['ONLINE', 'FIELD', 'PARTNER', 'ONLINE', 'INSIDE_SALES', 'FIELD'])[1 + m % 6])::uuid,
       ((select first_day from gen_params) + make_interval(months => m))::date,
       ((select first_day from gen_params) + make_interval(months => m + 1) - interval '1 day')::date,
       now(), now(), 'demo-data', 'demo-data'
from generate_series(0, 17) as m;

-- Leads: three per deal, seasonal (more in spring and autumn), moving through the lifecycle.
create temp table gen_lead on commit drop as
select l, r.n as rep, r.team, r.area, c.m as campaign,
       least(p.last_day - 1, p.first_day + (power(random(), 0.85) * (p.last_day - p.first_day))::int)
           + make_interval(hours => 8 + (random() * 10)::int, mins => (random() * 59)::int) as received,
       random() as progress, random() as speed, random() as responsiveness
from generate_series(1, 3 * (select deals from gen_params)) as l
cross join gen_params p
join gen_rep r on r.n = 1 + (l * 7) % (select count(*) from gen_rep)
join lateral (select (l * 11) % 18 as m) c on true;

insert into lead (id, external_ref, full_name, company, email, source, campaign_id, channel_id, territory_id, owner_rep_id,
                  stage, received_at, mql_at, sql_at, opportunity_at, customer_at, disqualified_at, first_response_at,
                  created_at, updated_at, created_by, updated_by)
select md5('lead-' || l)::uuid, 'DEMO-LEAD-' || l, 'Contact ' || l, 'Prospect ' || (l % 700), 'lead' || l || '@prospect.example',
       (array['WEB', 'REFERRAL', 'EVENT', 'OUTBOUND', 'PARTNER', 'CAMPAIGN'])[1 + l % 6],
       case when l % 3 = 0 then md5('campaign-' || campaign)::uuid end,
       md5('channel-' || (array['ONLINE', 'FIELD', 'PARTNER', 'INSIDE_SALES', 'STORE'])[1 + l % 5])::uuid,
       md5('territory-' || area)::uuid, md5('rep-' || rep)::uuid,
       case when progress < 0.15 then 'DISQUALIFIED' when progress < 0.45 then 'LEAD' when progress < 0.65 then 'MQL'
            when progress < 0.78 then 'SQL' when progress < 0.9 then 'OPPORTUNITY' else 'CUSTOMER' end,
       received,
       case when progress >= 0.45 then received + make_interval(days => 1 + (speed * 6)::int) end,
       case when progress >= 0.65 then received + make_interval(days => 4 + (speed * 14)::int) end,
       case when progress >= 0.78 then received + make_interval(days => 10 + (speed * 25)::int) end,
       case when progress >= 0.9 then received + make_interval(days => 30 + (speed * 90)::int) end,
       case when progress < 0.15 then received + make_interval(days => 2 + (speed * 20)::int) end,
       case when responsiveness < 0.9 then received + make_interval(mins => (15 + power(responsiveness, 3) * 4000)::int) end,
       now(), now(), 'demo-data', 'demo-data'
from gen_lead;
-- stages reached after today are not reached yet
update lead set mql_at = null, stage = 'LEAD' where mql_at > now();
update lead set sql_at = null, stage = 'MQL' where sql_at > now();
update lead set opportunity_at = null, stage = 'SQL' where opportunity_at > now();
update lead set customer_at = null, stage = 'OPPORTUNITY' where customer_at > now();
update lead set disqualified_at = null, stage = 'LEAD' where disqualified_at > now();

-- Opportunities: new business from leads and prospects, upsell / cross-sell / renewal with existing accounts.
create temp table gen_deal on commit drop as
select d, a.a as account, a.segment, a.size, r.n as rep, r.team, r.area, r.skill,
       least(p.last_day, p.first_day + (power(random(), 0.9) * (p.last_day - p.first_day))::int) as opened,
       random() as fate, random() as cycle, random() as amount_draw,
       1 + (d * 5) % 12 as product
from generate_series(1, (select deals from gen_params)) as d
cross join gen_params p
join gen_account a on a.a = 1 + (d * 31) % (select count(*) from gen_account)
join gen_rep r on r.n = a.rep;

insert into opportunity (id, external_ref, name, account_id, owner_rep_id, team_id, territory_id, channel_id, product_id, lead_id,
                         type, stage, amount, currency, opened_on, expected_close_on, closed_on, loss_reason, competitor,
                         open_stages_visited, created_at, updated_at, created_by, updated_by)
select md5('deal-' || d)::uuid, 'DEMO-DEAL-' || d, 'Deal ' || d, md5('account-' || account)::uuid, md5('rep-' || rep)::uuid,
       md5('team-' || team)::uuid, md5('territory-' || area)::uuid,
       md5('channel-' || (array['FIELD', 'INSIDE_SALES', 'PARTNER', 'ONLINE', 'FIELD'])[1 + d % 5])::uuid,
       (select id from product order by sku offset (product - 1) limit 1),
       case when d % 4 = 0 then md5('lead-' || (d * 3))::uuid end,
       (array['NEW_BUSINESS', 'NEW_BUSINESS', 'UPSELL', 'CROSS_SELL', 'RENEWAL'])[1 + d % 5],
       stage, amount, pg_temp.currency_of(area), opened, opened + 60, closed,
       case when stage = 'CLOSED_LOST' then (array['Price', 'Timing', 'Competitor', 'No budget', 'No decision'])[1 + d % 5] end,
       case when d % 3 = 0 then (array['Globex', 'Initrode', 'Umbrella'])[1 + d % 3] end,
       -- the histories below open each deal in PROSPECTING unless it opened today (a trigger adds the stage it is in)
       case when closed is not null or opened < (select last_day from gen_params) then '{PROSPECTING}'::varchar[] else '{}' end,
       now(), now(), 'demo-data', 'demo-data'
from (
    select g.*,
           round((800 + power(amount_draw, 2.5) * 60000 * (case segment when 'ENTERPRISE' then 4 when 'MID_MARKET' then 2 else 1 end))::numeric, 2) as amount,
           case when opened + (10 + cycle * 140)::int > (select last_day from gen_params) then
                     (array['PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION'])[1 + (fate * 4)::int % 4]
                when fate < 0.28 * skill then 'CLOSED_WON' else 'CLOSED_LOST' end as stage,
           case when opened + (10 + cycle * 140)::int <= (select last_day from gen_params)
                then opened + (10 + cycle * 140)::int end as closed
    from gen_deal g
) deals;

insert into opportunity_stage_change (opportunity_id, stage, entered_at, changed_by)
select id, 'PROSPECTING', opened_on::timestamp at time zone 'UTC', 'demo-data' from opportunity where created_by = 'demo-data';
insert into opportunity_stage_change (opportunity_id, stage, entered_at, changed_by)
select id, stage, least(coalesce(closed_on, opened_on + 7), current_date)::timestamp at time zone 'UTC', 'demo-data'
from opportunity where created_by = 'demo-data' and stage <> 'PROSPECTING';

-- Deal histories (opportunity_version), in place of the one version each insert just wrote: a deal opens for less or
-- more than it ends at, expecting to close in 45 days (one in seven in 75); a week later a tenth of them pass from
-- their team's manager to their rep, and open deals move to their stage; then (on closing, or 30 days in) the deal takes
-- its final amount, its close day moves to day 60 (pushed, or pulled in) and it closes. Midnight UTC, up to today.
delete from opportunity_version v using opportunity o where o.id = v.id and o.created_by = 'demo-data';
insert into opportunity_version (id, valid_from, valid_to, changed_by, account_id, owner_rep_id, team_id, territory_id, channel_id,
                                 product_id, lead_id, type, stage, amount, currency, opened_on, expected_close_on, closed_on,
                                 forecast_category, stage_entered_at, previous_stage, previous_stage_days, close_pushed)
select id, at, lead(at) over deal, 'demo-data', account_id, owner, team_id, territory_id, channel_id, product_id, lead_id, type,
       stage, amount, currency, opened_on, close_day, closed, (select m.category from forecast_category_mapping m where m.stage = h.stage),
       entered, nullif(lag(stage) over deal, stage),
       case when lag(stage) over deal <> stage then extract(epoch from at - lag(entered) over deal) / 86400 end,
       coalesce(close_day > lag(close_day) over deal, false)
from (select x.*, case when lag(x.stage) over deal = x.stage
                       then case when lag(x.stage, 2) over deal = x.stage then lag(x.at, 2) over deal else lag(x.at) over deal end
                       else x.at end as entered
      from (select o.id, o.account_id, o.team_id, o.territory_id, o.channel_id, o.product_id, o.lead_id, o.type, o.currency,
                   o.opened_on, v.at, v.stage, v.amount, v.close_day, v.owner, v.closed
            from opportunity o
            join gen_deal g on md5('deal-' || g.d)::uuid = o.id
            cross join lateral (select o.opened_on::timestamp at time zone 'UTC' as opened_at,
                                       least(coalesce(o.closed_on, o.opened_on + 30), current_date)::timestamp at time zone 'UTC' as final_at,
                                       round((o.amount * (0.8 + 0.3 * g.amount_draw))::numeric, 2) as first_amount,
                                       o.opened_on + case when g.d % 7 = 0 then 75 else 45 end as first_close,
                                       case when g.d % 10 = 0 then md5('rep-' || (select m.n from gen_rep m where m.team = g.team and m.i = 1))::uuid
                                            else o.owner_rep_id end as first_owner) f
            cross join lateral (values
                (f.opened_at, 'PROSPECTING', f.first_amount, f.first_close, f.first_owner, null::date, f.opened_at < f.final_at),
                (f.opened_at + interval '7 days', case when o.closed_on is null then o.stage else 'PROSPECTING' end, f.first_amount,
                 f.first_close, o.owner_rep_id, null::date, f.opened_at + interval '7 days' < f.final_at),
                (f.final_at, o.stage, o.amount, o.expected_close_on, o.owner_rep_id, o.closed_on, true)
            ) v(at, stage, amount, close_day, owner, closed, happened)
            where v.happened) x
      window deal as (partition by x.id order by x.at)) h
window deal as (partition by id order by at);

-- Orders: one for each won deal, plus repeat purchases of customers.
insert into sales_order (id, external_ref, account_id, rep_id, channel_id, territory_id, opportunity_id, status, ordered_on, currency,
                         created_at, updated_at, created_by, updated_by)
select md5('order-deal-' || o.id)::uuid, 'DEMO-ORD-' || o.external_ref, o.account_id, o.owner_rep_id, o.channel_id, o.territory_id, o.id,
       case when o.closed_on < current_date - 14 then 'FULFILLED' else 'PLACED' end, o.closed_on, o.currency,
       now(), now(), 'demo-data', 'demo-data'
from opportunity o where o.stage = 'CLOSED_WON' and o.created_by = 'demo-data';

-- Repeat purchases come from accounts after their first won deal, so customers are acquired throughout the period.
insert into sales_order (id, external_ref, account_id, rep_id, channel_id, territory_id, status, ordered_on, currency,
                         created_at, updated_at, created_by, updated_by)
select md5('order-repeat-' || x)::uuid, 'DEMO-REP-' || x, md5('account-' || a.a)::uuid, md5('rep-' || a.rep)::uuid,
       md5('channel-' || (array['ONLINE', 'STORE', 'INSIDE_SALES'])[1 + x % 3])::uuid, md5('territory-' || a.area)::uuid,
       case when x % 29 = 0 then 'CANCELLED' else 'FULFILLED' end,
       w.first_won + (random() * ((select last_day from gen_params) - w.first_won))::int, pg_temp.currency_of(a.area),
       now(), now(), 'demo-data', 'demo-data'
from generate_series(1, (select deals from gen_params) / 3) as x
join gen_account a on a.a = 1 + (x * 7) % (select count(*) from gen_account)
join (select account_id, min(closed_on) as first_won from opportunity where stage = 'CLOSED_WON' group by account_id) w
  on w.account_id = md5('account-' || a.a)::uuid;

-- Lines: 1-5 per order; won-deal orders add up to the deal amount, repeat orders buy accessories and services.
insert into order_line (id, order_id, line_no, product_id, quantity, unit_price, discount_percent)
select md5('line-' || o.id || '-' || i)::uuid, o.id, i,
       (select id from product order by sku offset ((abs(hashtext(o.id::text)) + i * 5) % 12) limit 1),
       1 + (abs(hashtext(o.id::text || i)) % 4),
       round(coalesce(d.amount / n_lines, 60 + (abs(hashtext(o.id::text || 'p' || i)) % 900))::numeric / (1 + (abs(hashtext(o.id::text || i)) % 4)), 2),
       (array[0, 0, 0, 5, 10, 15])[1 + abs(hashtext(o.id::text || 'd' || i)) % 6]
from sales_order o
left join opportunity d on d.id = o.opportunity_id
cross join lateral (select 1 + abs(hashtext(o.id::text)) % 4 as n_lines) nl
cross join lateral generate_series(1, nl.n_lines) as i
where o.created_by = 'demo-data';

-- Customers: acquired on their first order; those silent for a long time have churned.
update account a set acquired_on = f.first_order
from (select account_id, min(ordered_on) as first_order, max(ordered_on) as last_order
      from sales_order where status <> 'CANCELLED' group by account_id) f
where f.account_id = a.id;
update account a set churned_on = f.last_order + 120
from (select account_id, max(ordered_on) as last_order from sales_order where status <> 'CANCELLED' group by account_id) f
where f.account_id = a.id and f.last_order + 120 < current_date and abs(hashtext(a.id::text)) % 3 = 0;

-- Activities: about ten touches per deal, on its account, before it closes.
insert into activity (id, external_ref, type, rep_id, account_id, opportunity_id, lead_id, occurred_at, outcome, duration_minutes, subject,
                      created_at, updated_at, created_by, updated_by)
select md5('activity-' || o.id || '-' || i)::uuid, null, t.type, o.owner_rep_id, o.account_id, o.id, o.lead_id,
       (o.opened_on + ((coalesce(o.closed_on, current_date) - o.opened_on) * i / 10))::timestamp at time zone 'UTC'
           + make_interval(hours => 8 + (i * 3) % 9),
       (case t.type
            when 'EMAIL' then array['SENT', 'OPENED', 'OPENED', 'REPLIED', 'SENT']
            when 'CALL' then array['NO_ANSWER', 'POSITIVE', 'NEGATIVE', 'POSITIVE', 'NO_ANSWER']
            when 'MEETING' then array['ACCEPTED', 'HELD', 'DECLINED', 'HELD', 'NO_SHOW']
            when 'DEMO' then array['HELD', 'HELD', 'ACCEPTED', 'NO_SHOW', 'HELD']
            when 'PROPOSAL' then array['SENT', 'ACCEPTED', 'DECLINED', 'SENT', 'SENT']
            else array['POSITIVE', 'SENT', 'REPLIED', 'NEGATIVE', 'HELD'] end)[1 + abs(hashtext(o.id::text || i)) % 5],
       case when t.type in ('CALL', 'MEETING', 'DEMO', 'VISIT') then 5 + abs(hashtext(o.id::text || 'm' || i)) % 85 end,
       t.type || ' ' || i, now(), now(), 'demo-data', 'demo-data'
from opportunity o
cross join generate_series(1, 10) as i
cross join lateral (select (array['EMAIL', 'CALL', 'EMAIL', 'MEETING', 'CALL', 'DEMO', 'EMAIL', 'VISIT', 'PROPOSAL', 'SOCIAL'])[i] as type) t
where o.created_by = 'demo-data'
  and (o.opened_on + ((coalesce(o.closed_on, current_date) - o.opened_on) * i / 10)) <= current_date;

-- Targets: monthly revenue quota per rep, calendar-quarter revenue and bookings per team, yearly revenue for the company.
insert into target (id, scope, rep_id, metric, period_start, period_end, value, created_at, updated_at, created_by, updated_by)
select md5('target-rep-' || r.n || '-' || m)::uuid, 'REP', md5('rep-' || r.n)::uuid, 'REVENUE',
       (p.first_day + make_interval(months => m))::date, (p.first_day + make_interval(months => m + 1) - interval '1 day')::date,
       round((p.deals * 11.0 / 18 / (select count(*) from gen_rep)) * 1000 * (0.8 + (r.n % 5) * 0.1)), now(), now(), 'demo-data', 'demo-data'
from gen_rep r cross join gen_params p cross join generate_series(0, 17) as m;

insert into target (id, scope, team_id, metric, period_start, period_end, value, created_at, updated_at, created_by, updated_by)
select md5('target-team-' || t.n || '-' || q::date || '-' || metric)::uuid, 'TEAM', md5('team-' || t.n)::uuid, metric,
       q::date, (q + interval '3 months' - interval '1 day')::date,
       round(p.deals * (case metric when 'REVENUE' then 11.0 else 9.0 end) / 6 / 5 * 1000), now(), now(), 'demo-data', 'demo-data'
from gen_team t cross join gen_params p
cross join generate_series(date_trunc('quarter', p.first_day), date_trunc('quarter', p.last_day), interval '3 months') as q
cross join unnest(array['REVENUE', 'BOOKINGS']) as metric
where t.area_codes is not null;

insert into target (id, scope, metric, period_start, period_end, value, created_at, updated_at, created_by, updated_by)
select md5('target-company-' || y)::uuid, 'COMPANY', 'REVENUE', make_date(y, 1, 1), make_date(y, 12, 31),
       round((select deals from gen_params) * 11.0 * 1000 * 12 / 18), now(), now(), 'demo-data', 'demo-data'
from generate_series(extract(year from (select first_day from gen_params))::int, extract(year from current_date)::int) as y;

-- Reps' quarterly BOOKINGS quotas (a ninth of their team's) and commission plans: 5 %, 8 % beyond the quota, 12 % beyond
-- 150 % of it.
insert into target (id, scope, rep_id, metric, period_start, period_end, value, created_at, updated_at, created_by, updated_by)
select md5('target-rep-bookings-' || r.n || '-' || q::date)::uuid, 'REP', md5('rep-' || r.n)::uuid, 'BOOKINGS', q::date,
       (q + interval '3 months' - interval '1 day')::date, round(p.deals * 9.0 / 6 / 5 * 1000 / 9), now(), now(), 'demo-data', 'demo-data'
from gen_rep r cross join gen_params p
cross join generate_series(date_trunc('quarter', p.first_day), date_trunc('quarter', p.last_day), interval '3 months') as q;

insert into commission_plan (id, rep_id, period_start, period_end, base_rate, first_accelerator_at, first_accelerator_rate,
                             second_accelerator_at, second_accelerator_rate, created_at, updated_at, created_by, updated_by)
select md5('plan-' || r.n || '-' || q::date)::uuid, md5('rep-' || r.n)::uuid, q::date, (q + interval '3 months' - interval '1 day')::date,
       0.05, 1, 0.08, 1.5, 0.12, now(), now(), 'demo-data', 'demo-data'
from gen_rep r cross join gen_params p
cross join generate_series(date_trunc('quarter', p.first_day), date_trunc('quarter', p.last_day), interval '3 months') as q;

-- Forecast calls of each quarter (calendar quarters: the demo's fiscal year is the calendar year), made by today: each rep
-- in the 2nd and the 8th week, around what they had won plus half of what they had open closing in the quarter, best
-- case a fifth above; each manager calls their team in the 8th week, a little below their reps' calls.
create temp table gen_call on commit drop as
select r.n as rep, r.team, r.i, q::date as period_start, (q + interval '3 months' - interval '1 day')::date as period_end,
       w, (q + make_interval(days => 7 * w) + interval '9 hours') at time zone 'UTC' as submitted_at,
       round(((select coalesce(sum(o.amount) filter (where o.stage = 'CLOSED_WON' and o.closed_on between q::date and (q + interval '3 months' - interval '1 day')::date), 0)
                      + 0.5 * coalesce(sum(o.amount) filter (where o.stage not in ('CLOSED_WON', 'CLOSED_LOST')
                                                             and o.expected_close_on between q::date and (q + interval '3 months' - interval '1 day')::date), 0)
               from opportunity o where o.owner_rep_id = md5('rep-' || r.n)::uuid) * (0.75 + random() * 0.5))::numeric, 2) as commit_amount
from gen_rep r cross join gen_params p
cross join generate_series(date_trunc('quarter', p.first_day), date_trunc('quarter', p.last_day), interval '3 months') as q
cross join (values (2), (8)) as weeks(w)
where (q + make_interval(days => 7 * w) + interval '9 hours') at time zone 'UTC' <= now();

insert into forecast_submission (id, period, period_start, period_end, rep_id, commit_amount, best_case_amount, currency, submitted_at,
                                 submitted_by_rep_id, created_at, updated_at, created_by, updated_by)
select md5('call-rep-' || c.rep || '-' || c.period_start || '-' || c.w)::uuid,
       'FY' || extract(year from c.period_start) || '-Q' || extract(quarter from c.period_start), c.period_start, c.period_end,
       md5('rep-' || c.rep)::uuid, c.commit_amount, round(c.commit_amount * 1.2, 2), 'EUR', c.submitted_at, md5('rep-' || c.rep)::uuid,
       now(), now(), 'demo-data', 'demo-data'
from gen_call c;

insert into forecast_submission (id, period, period_start, period_end, team_id, commit_amount, best_case_amount, currency, submitted_at,
                                 submitted_by_rep_id, created_at, updated_at, created_by, updated_by)
select md5('call-team-' || c.team || '-' || c.period_start)::uuid,
       'FY' || extract(year from c.period_start) || '-Q' || extract(quarter from c.period_start), c.period_start, c.period_end,
       md5('team-' || c.team)::uuid, round(sum(c.commit_amount) * 0.95, 2), round(sum(c.commit_amount) * 1.15, 2), 'EUR',
       max(c.submitted_at) + interval '1 hour', (select md5('rep-' || m.n)::uuid from gen_rep m where m.team = c.team and m.i = 1),
       now(), now(), 'demo-data', 'demo-data'
from gen_call c where c.w = 8
group by c.team, c.period_start, c.period_end
having max(c.submitted_at) + interval '1 hour' <= now();

-- Costs: monthly campaign spend (marketing) and monthly team costs (sales).
insert into cost_entry (id, external_ref, kind, category, campaign_id, incurred_on, amount, currency, description,
                        created_at, updated_at, created_by, updated_by)
select md5('cost-campaign-' || c.id)::uuid, null, 'MARKETING', (array['ADVERTISING', 'EVENTS', 'CONTENT'])[1 + abs(hashtext(c.id::text)) % 3],
       c.id, c.starts_on + 10, round((2000 + random() * 18000)::numeric, 2), 'EUR', 'Campaign spend', now(), now(), 'demo-data', 'demo-data'
from campaign c where c.created_by = 'demo-data';

insert into cost_entry (id, external_ref, kind, category, team_id, incurred_on, amount, currency, description,
                        created_at, updated_at, created_by, updated_by)
select md5('cost-team-' || t.n || '-' || m || '-' || category)::uuid, null, 'SALES', category, md5('team-' || t.n)::uuid,
       least(current_date, (p.first_day + make_interval(months => m + 1) - interval '1 day')::date),
       round((case category when 'SALARIES' then 60000 when 'COMMISSIONS' then 12000 else 3000 end * (0.9 + random() * 0.2))::numeric, 2),
       'EUR', 'Monthly ' || lower(category), now(), now(), 'demo-data', 'demo-data'
from gen_team t cross join gen_params p cross join generate_series(0, 17) as m
cross join unnest(array['SALARIES', 'COMMISSIONS', 'TRAVEL']) as category
where t.area_codes is not null;

-- Surveys: NPS and CSAT from customers after purchases, eNPS from reps every quarter.
insert into survey_response (id, survey, score, account_id, responded_at, created_at, updated_at, created_by, updated_by)
select md5('survey-' || o.id)::uuid, case when abs(hashtext(o.id::text)) % 3 = 0 then 'CSAT' else 'NPS' end,
       case when abs(hashtext(o.id::text)) % 3 = 0 then 1 + least(4, (power(random(), 0.5) * 5)::int)
            else least(10, (power(random(), 0.45) * 11)::int) end,
       o.account_id, (o.ordered_on + 14)::timestamp at time zone 'UTC' + interval '10 hours', now(), now(), 'demo-data', 'demo-data'
from sales_order o where o.created_by = 'demo-data' and o.ordered_on + 14 <= current_date and abs(hashtext(o.id::text || 's')) % 2 = 0;

insert into survey_response (id, survey, score, rep_id, responded_at, created_at, updated_at, created_by, updated_by)
select md5('enps-' || r.n || '-' || q)::uuid, 'ENPS', least(10, (power(random(), 0.6) * 11)::int), md5('rep-' || r.n)::uuid,
       (p.first_day + make_interval(months => 3 * q + 2, days => 10))::timestamp at time zone 'UTC', now(), now(), 'demo-data', 'demo-data'
from gen_rep r cross join gen_params p cross join generate_series(0, 5) as q
where (p.first_day + make_interval(months => 3 * q + 2, days => 10))::date <= current_date;

-- Competitor prices: two competitors per product, monthly, around our list price.
insert into competitor_price (id, product_id, competitor, price, currency, observed_on, source, created_at, updated_at, created_by, updated_by)
select md5('cprice-' || pr.sku || '-' || c || '-' || m)::uuid, pr.id, c,
       round(pr.list_price * (0.85 + random() * 0.3)::numeric, 2), 'EUR',
       least(current_date, (p.first_day + make_interval(months => m, days => 14))::date), 'Web shop', now(), now(), 'demo-data', 'demo-data'
from product pr cross join gen_params p cross join unnest(array['Globex', 'Initrode']) as c cross join generate_series(0, 17) as m
where pr.created_by = 'demo-data';

do $$
declare r record;
begin
    for r in select indexdef from gen_deferred_index loop
        execute r.indexdef;
    end loop;
end $$;
