-- A small, hand-checkable sales history under team ${T} (with sub-team ${T2}) for KPI tests.
-- The period under test is Q1 2026 (2026-01-01 .. 2026-03-31); Q4 2025 is the previous period.
-- Every expected value in KpiCatalogueTest is worked out by hand from these rows.
insert into territory (id, level, code, name, created_at, updated_at) values
  ('${X}', 'REGION', 'X-${RUN}', 'Region X', now(), now());
insert into territory (id, parent_id, level, code, name, created_at, updated_at) values
  ('${X1}', '${X}', 'AREA', 'X1-${RUN}', 'Area X1', now(), now());
insert into team (id, name, created_at, updated_at) values ('${T}', 'KPI team ${RUN}', now(), now());
insert into team (id, parent_id, name, created_at, updated_at) values ('${T2}', '${T}', 'KPI sub-team ${RUN}', now(), now());
insert into sales_rep (id, email, full_name, role, team_id, territory_id, hire_date, leave_date, created_at, updated_at) values
  ('${R1}', 'r1-${RUN}@kpi.test', 'Rep One', 'ACCOUNT_EXECUTIVE', '${T}', '${X1}', '2024-01-01', null, now(), now()),
  ('${R2}', 'r2-${RUN}@kpi.test', 'Rep Two', 'ACCOUNT_EXECUTIVE', '${T2}', '${X1}', '2025-06-01', '2026-02-15', now(), now()),
  ('${R3}', 'r3-${RUN}@kpi.test', 'Rep Three', 'FIELD_REP', '${T}', '${X}', '2026-02-01', null, now(), now());
insert into channel (id, code, name, type, created_at, updated_at) values
  ('${C1}', 'C1-${RUN}', 'Field ${RUN}', 'FIELD', now(), now()),
  ('${C2}', 'C2-${RUN}', 'Online ${RUN}', 'ONLINE', now(), now());
insert into product (id, sku, name, category, list_price, currency, created_at, updated_at) values
  ('${P1}', 'P1-${RUN}', 'Product One', 'Alpha-${RUN}', 100, 'EUR', now(), now()),
  ('${P2}', 'P2-${RUN}', 'Product Two', 'Beta-${RUN}', 50, 'EUR', now(), now());
insert into account (id, name, segment, industry, territory_id, owner_rep_id, acquired_on, churned_on, created_at, updated_at) values
  ('${A1}', 'A1 ${RUN}', 'ENTERPRISE', 'Software', '${X1}', '${R1}', '2025-01-15', null, now(), now()),
  ('${A2}', 'A2 ${RUN}', 'SMB', 'Retail', '${X1}', '${R1}', '2025-11-10', '2026-02-20', now(), now()),
  ('${A3}', 'A3 ${RUN}', 'SMB', 'Software', '${X1}', '${R2}', '2026-01-15', null, now(), now()),
  ('${A4}', 'A4 ${RUN}', 'MID_MARKET', 'Retail', '${X}', '${R3}', '2026-03-05', null, now(), now()),
  ('${A5}', 'A5 ${RUN}', 'SMB', null, '${X1}', '${R1}', null, null, now(), now()),
  ('${A6}', 'A6 ${RUN}', 'SMB', null, '${X1}', '${R1}', '2025-05-01', null, now(), now());

-- Orders: (order, rep, account, channel, territory, status, day) and their lines (product, quantity, unit price, discount %)
create temp table kpi_orders (k text, rep uuid, account uuid, channel uuid, territory uuid, status text, day date) on commit drop;
insert into kpi_orders values
  ('O1', '${R1}', '${A1}', '${C1}', '${X1}', 'PLACED', '2026-01-10'),
  ('O2', '${R1}', '${A1}', '${C1}', '${X1}', 'FULFILLED', '2026-02-05'),
  ('O3', '${R2}', '${A3}', '${C2}', '${X1}', 'PLACED', '2026-01-20'),
  ('O4', '${R3}', '${A4}', '${C2}', '${X}', 'PLACED', '2026-03-10'),
  ('O5', '${R1}', '${A2}', '${C1}', '${X1}', 'CANCELLED', '2026-01-25'),
  ('O6', '${R1}', '${A1}', '${C1}', '${X1}', 'FULFILLED', '2025-12-15'),
  ('O7', '${R1}', '${A2}', '${C1}', '${X1}', 'FULFILLED', '2025-11-10'),
  ('O9', '${R1}', '${A1}', '${C1}', '${X1}', 'FULFILLED', '2025-02-01'),
  ('O10', '${R1}', '${A6}', '${C2}', '${X1}', 'FULFILLED', '2026-03-20'),
  ('O11', '${R1}', '${A6}', '${C2}', '${X1}', 'FULFILLED', '2026-03-31'),
  ('O12', '${R1}', '${A1}', '${C1}', '${X1}', 'PLACED', '2026-04-01');
create temp table kpi_order_ids on commit drop as select k, gen_random_uuid() as id from kpi_orders;
insert into sales_order (id, account_id, rep_id, channel_id, territory_id, status, ordered_on, currency, created_at, updated_at)
select i.id, o.account, o.rep, o.channel, o.territory, o.status, o.day, 'EUR', now(), now()
from kpi_orders o join kpi_order_ids i using (k);
insert into order_line (id, order_id, line_no, product_id, quantity, unit_price, discount_percent)
select gen_random_uuid(), i.id, l.line_no, l.product, l.quantity, l.price, l.discount
from (values
  ('O1', 1, '${P1}'::uuid, 2, 100, 0), ('O1', 2, '${P2}'::uuid, 1, 50, 10),
  ('O2', 1, '${P1}'::uuid, 1, 120, 0),
  ('O3', 1, '${P2}'::uuid, 4, 50, 20),
  ('O4', 1, '${P1}'::uuid, 3, 100, 0),
  ('O5', 1, '${P1}'::uuid, 10, 100, 0),
  ('O6', 1, '${P1}'::uuid, 1, 100, 0),
  ('O7', 1, '${P2}'::uuid, 1, 80, 0),
  ('O9', 1, '${P1}'::uuid, 1, 200, 0),
  ('O10', 1, '${P2}'::uuid, 1, 50, 0),
  ('O11', 1, '${P2}'::uuid, 1, 50, 0),
  ('O12', 1, '${P2}'::uuid, 1, 50, 0)
) as l(k, line_no, product, quantity, price, discount)
join kpi_order_ids i using (k);

insert into campaign (id, name, channel_id, starts_on, created_at, updated_at) values
  ('${CP1}', 'Campaign ${RUN}', '${C1}', '2026-01-01', now(), now());

-- Leads
insert into lead (id, full_name, source, campaign_id, channel_id, territory_id, owner_rep_id, stage, received_at,
                  mql_at, sql_at, opportunity_at, customer_at, disqualified_at, first_response_at, created_at, updated_at) values
  ('${LD1}', 'Lead 1', 'CAMPAIGN', '${CP1}', '${C1}', '${X1}', '${R1}', 'CUSTOMER', '2026-01-02T09:00Z',
   '2026-01-05T09:00Z', '2026-01-10T09:00Z', '2026-01-20T09:00Z', '2026-02-01T09:00Z', null, '2026-01-02T11:00Z', now(), now()),
  ('${LD2}', 'Lead 2', 'CAMPAIGN', '${CP1}', '${C1}', '${X1}', '${R1}', 'SQL', '2026-01-15T09:00Z',
   '2026-01-20T09:00Z', '2026-02-01T09:00Z', null, null, null, '2026-01-16T09:00Z', now(), now()),
  (gen_random_uuid(), 'Lead 3', 'WEB', null, '${C2}', '${X1}', '${R2}', 'MQL', '2026-02-01T09:00Z',
   '2026-02-05T09:00Z', null, null, null, null, '2026-02-01T10:00Z', now(), now()),
  (gen_random_uuid(), 'Lead 4', 'WEB', null, '${C2}', '${X1}', '${R2}', 'DISQUALIFIED', '2026-02-10T09:00Z',
   null, null, null, null, '2026-02-12T09:00Z', null, now(), now()),
  (gen_random_uuid(), 'Lead 5', 'CAMPAIGN', '${CP1}', '${C1}', '${X}', '${R3}', 'OPPORTUNITY', '2026-03-01T09:00Z',
   '2026-03-02T09:00Z', '2026-03-05T09:00Z', '2026-03-10T09:00Z', null, null, '2026-03-01T15:00Z', now(), now()),
  (gen_random_uuid(), 'Lead 6', 'WEB', null, '${C1}', '${X1}', '${R1}', 'LEAD', '2025-12-20T09:00Z',
   null, null, null, null, null, null, now(), now());

-- Opportunities
insert into opportunity (id, name, account_id, owner_rep_id, team_id, territory_id, channel_id, product_id, lead_id, type, stage,
                         amount, currency, opened_on, closed_on, loss_reason, created_at, updated_at) values
  ('${D1}', 'D1', '${A1}', '${R1}', '${T}', '${X1}', '${C1}', '${P1}', null, 'NEW_BUSINESS', 'CLOSED_WON', 1000, 'EUR', '2025-12-01', '2026-01-15', null, now(), now()),
  ('${D2}', 'D2', '${A1}', '${R1}', '${T}', '${X1}', '${C1}', '${P1}', null, 'UPSELL', 'CLOSED_WON', 500, 'EUR', '2026-01-05', '2026-02-04', null, now(), now()),
  ('${D3}', 'D3', '${A3}', '${R2}', '${T2}', '${X1}', '${C2}', '${P2}', '${LD2}', 'CROSS_SELL', 'CLOSED_WON', 300, 'EUR', '2026-01-10', '2026-03-01', null, now(), now()),
  ('${D4}', 'D4', '${A2}', '${R1}', '${T}', '${X1}', '${C1}', '${P2}', null, 'NEW_BUSINESS', 'CLOSED_LOST', 800, 'EUR', '2026-01-20', '2026-02-10', 'Price', now(), now()),
  ('${D5}', 'D5', '${A4}', '${R3}', '${T}', '${X}', '${C2}', '${P1}', null, 'NEW_BUSINESS', 'PROPOSAL', 2000, 'EUR', '2026-02-15', null, null, now(), now()),
  ('${D6}', 'D6', '${A5}', '${R1}', '${T}', '${X1}', '${C1}', '${P2}', null, 'NEW_BUSINESS', 'NEGOTIATION', 400, 'EUR', '2025-11-01', null, null, now(), now()),
  ('${D7}', 'D7', '${A1}', '${R1}', '${T}', '${X1}', '${C1}', '${P1}', null, 'RENEWAL', 'CLOSED_LOST', 100, 'EUR', '2025-10-01', '2025-12-20', 'Timing', now(), now());
insert into opportunity_stage_change (opportunity_id, stage, entered_at) values
  ('${D2}', 'PROSPECTING', '2026-01-05T09:00Z'), ('${D2}', 'PROPOSAL', '2026-01-15T09:00Z'), ('${D2}', 'CLOSED_WON', '2026-02-04T09:00Z'),
  ('${D3}', 'PROSPECTING', '2026-01-10T09:00Z'), ('${D3}', 'QUALIFICATION', '2026-01-20T09:00Z'), ('${D3}', 'CLOSED_WON', '2026-03-01T09:00Z'),
  ('${D4}', 'PROSPECTING', '2026-01-20T09:00Z'), ('${D4}', 'QUALIFICATION', '2026-01-25T09:00Z'), ('${D4}', 'PROPOSAL', '2026-02-01T09:00Z'),
  ('${D4}', 'CLOSED_LOST', '2026-02-10T09:00Z'),
  ('${D5}', 'PROSPECTING', '2026-02-15T09:00Z'), ('${D5}', 'PROPOSAL', '2026-03-01T09:00Z'),
  ('${D6}', 'PROSPECTING', '2025-11-01T09:00Z'), ('${D6}', 'NEGOTIATION', '2026-04-10T09:00Z');

-- The deals' history (opportunity_version), as the triggers would have written it had the changes been made then: the
-- stage moves above, and D5's expected close day pushed from 04-15 to 05-15 on 03-05. Each version ends where the next
-- begins, the last when the fixture is loaded (where the triggers' own first version begins).
insert into opportunity_version (id, valid_from, valid_to, owner_rep_id, team_id, territory_id, channel_id, product_id, account_id,
                                 type, stage, amount, currency, opened_on, expected_close_on, closed_on, stage_entered_at,
                                 previous_stage, previous_stage_days, close_pushed)
select o.id, v.valid_from::timestamptz, coalesce(lead(v.valid_from::timestamptz) over (partition by o.id order by v.valid_from), now()),
       o.owner_rep_id, o.team_id, o.territory_id, o.channel_id, o.product_id, o.account_id, o.type, v.stage, o.amount, o.currency,
       o.opened_on, v.close_day::date, case when v.stage like 'CLOSED%' then o.closed_on end, v.entered::timestamptz,
       v.previous_stage, v.previous_stage_days::numeric, v.pushed
from (values
  ('${D2}', '2026-01-05T09:00Z', 'PROSPECTING', null, null, false, '2026-01-05T09:00Z', null),
  ('${D2}', '2026-01-15T09:00Z', 'PROPOSAL', 'PROSPECTING', 10, false, '2026-01-15T09:00Z', null),
  ('${D2}', '2026-02-04T09:00Z', 'CLOSED_WON', 'PROPOSAL', 20, false, '2026-02-04T09:00Z', null),
  ('${D3}', '2026-01-10T09:00Z', 'PROSPECTING', null, null, false, '2026-01-10T09:00Z', null),
  ('${D3}', '2026-01-20T09:00Z', 'QUALIFICATION', 'PROSPECTING', 10, false, '2026-01-20T09:00Z', null),
  ('${D3}', '2026-03-01T09:00Z', 'CLOSED_WON', 'QUALIFICATION', 40, false, '2026-03-01T09:00Z', null),
  ('${D4}', '2026-01-20T09:00Z', 'PROSPECTING', null, null, false, '2026-01-20T09:00Z', null),
  ('${D4}', '2026-01-25T09:00Z', 'QUALIFICATION', 'PROSPECTING', 5, false, '2026-01-25T09:00Z', null),
  ('${D4}', '2026-02-01T09:00Z', 'PROPOSAL', 'QUALIFICATION', 7, false, '2026-02-01T09:00Z', null),
  ('${D4}', '2026-02-10T09:00Z', 'CLOSED_LOST', 'PROPOSAL', 9, false, '2026-02-10T09:00Z', null),
  ('${D5}', '2026-02-15T09:00Z', 'PROSPECTING', null, null, false, '2026-02-15T09:00Z', '2026-04-15'),
  ('${D5}', '2026-03-01T09:00Z', 'PROPOSAL', 'PROSPECTING', 14, false, '2026-03-01T09:00Z', '2026-04-15'),
  ('${D5}', '2026-03-05T09:00Z', 'PROPOSAL', null, null, true, '2026-03-01T09:00Z', '2026-05-15'),
  ('${D6}', '2025-11-01T09:00Z', 'PROSPECTING', null, null, false, '2025-11-01T09:00Z', null),
  ('${D6}', '2026-04-10T09:00Z', 'NEGOTIATION', 'PROSPECTING', 160, false, '2026-04-10T09:00Z', null)
) as v(deal, valid_from, stage, previous_stage, previous_stage_days, pushed, entered, close_day)
join opportunity o on o.id = v.deal::uuid;
-- and each deal keeps the open stages its history went through, as the trigger would have added them
update opportunity o set open_stages_visited = v.stages
from (select id, array_agg(distinct stage) as stages from opportunity_version where stage not like 'CLOSED%' group by id) v
where v.id = o.id and o.id in ('${D2}', '${D3}', '${D4}', '${D5}', '${D6}');

-- Activities (X10 and X11 sit just inside/outside Q1 depending on the time zone), some with their duration in minutes
insert into activity (id, type, rep_id, account_id, opportunity_id, occurred_at, outcome, duration_minutes, created_at, updated_at) values
  (gen_random_uuid(), 'CALL', '${R1}', '${A1}', '${D2}', '2026-01-06T10:00Z', 'POSITIVE', 10, now(), now()),
  (gen_random_uuid(), 'EMAIL', '${R1}', '${A1}', '${D2}', '2026-01-07T10:00Z', 'OPENED', 5, now(), now()),
  (gen_random_uuid(), 'DEMO', '${R1}', '${A1}', '${D2}', '2026-01-20T10:00Z', 'HELD', 60, now(), now()),
  (gen_random_uuid(), 'MEETING', '${R1}', '${A2}', '${D4}', '2026-01-21T10:00Z', 'ACCEPTED', 30, now(), now()),
  (gen_random_uuid(), 'DEMO', '${R1}', '${A2}', '${D4}', '2026-01-25T10:00Z', 'HELD', 45, now(), now()),
  (gen_random_uuid(), 'EMAIL', '${R2}', '${A3}', '${D3}', '2026-02-01T10:00Z', 'SENT', 5, now(), now()),
  (gen_random_uuid(), 'CALL', '${R2}', '${A3}', '${D3}', '2026-02-02T10:00Z', 'NEGATIVE', 15, now(), now()),
  (gen_random_uuid(), 'EMAIL', '${R2}', '${A3}', '${D3}', '2026-02-03T10:00Z', 'REPLIED', null, now(), now()),
  (gen_random_uuid(), 'PROPOSAL', '${R3}', '${A4}', '${D5}', '2026-03-02T10:00Z', 'SENT', 90, now(), now()),
  (gen_random_uuid(), 'CALL', '${R1}', null, null, '2026-03-31T23:30Z', 'NO_ANSWER', null, now(), now()),
  (gen_random_uuid(), 'VISIT', '${R1}', '${A1}', null, '2025-12-31T23:30Z', 'HELD', 120, now(), now()),
  (gen_random_uuid(), 'SOCIAL', '${R1}', '${A1}', '${D1}', '2026-02-10T09:00Z', 'POSITIVE', null, now(), now());

-- Targets: team quarter targets, and monthly/quarterly revenue quotas of the reps
insert into target (id, scope, team_id, rep_id, metric, period_start, period_end, value, created_at, updated_at) values
  (gen_random_uuid(), 'TEAM', '${T}', null, 'REVENUE', '2026-01-01', '2026-03-31', 1750, now(), now()),
  (gen_random_uuid(), 'TEAM', '${T2}', null, 'REVENUE', '2026-01-01', '2026-03-31', 100, now(), now()),
  (gen_random_uuid(), 'TEAM', '${T}', null, 'BOOKINGS', '2026-01-01', '2026-03-31', 2400, now(), now()),
  (gen_random_uuid(), 'TEAM', '${T}', null, 'DEALS_WON', '2026-01-01', '2026-03-31', 6, now(), now()),
  (gen_random_uuid(), 'TEAM', '${T}', null, 'NEW_ACCOUNTS', '2026-01-01', '2026-03-31', 4, now(), now()),
  (gen_random_uuid(), 'TEAM', '${T}', null, 'ACTIVITIES', '2026-01-01', '2026-03-31', 22, now(), now()),
  (gen_random_uuid(), 'TEAM', '${T}', null, 'NEW_LEADS', '2026-01-01', '2026-03-31', 10, now(), now()),
  (gen_random_uuid(), 'REP', null, '${R1}', 'REVENUE', '2026-01-01', '2026-01-31', 200, now(), now()),
  (gen_random_uuid(), 'REP', null, '${R1}', 'REVENUE', '2026-02-01', '2026-02-28', 200, now(), now()),
  (gen_random_uuid(), 'REP', null, '${R1}', 'REVENUE', '2026-03-01', '2026-03-31', 100, now(), now()),
  (gen_random_uuid(), 'REP', null, '${R2}', 'REVENUE', '2026-01-01', '2026-03-31', 150, now(), now()),
  (gen_random_uuid(), 'REP', null, '${R3}', 'REVENUE', '2026-03-01', '2026-03-31', 300, now(), now());

-- Forecast calls for Q1 (period FY2026-Q1; midpoint cut-off 02-15 00:00 UTC): R1 called 1500/2000 and later 1200/1600,
-- R2 (sub-team T2) 400/500, T (no manager: not an adjustment) its own 2000/2600; T2 none. A Q2 call is for another period.
insert into forecast_submission (id, period, period_start, period_end, rep_id, team_id, commit_amount, best_case_amount, currency,
                                 submitted_at, submitted_by_rep_id, created_at, updated_at) values
  (gen_random_uuid(), 'FY2026-Q1', '2026-01-01', '2026-03-31', '${R1}', null, 1500, 2000, 'EUR', '2026-01-20T09:00Z', '${R1}', now(), now()),
  (gen_random_uuid(), 'FY2026-Q1', '2026-01-01', '2026-03-31', '${R1}', null, 1200, 1600, 'EUR', '2026-03-10T09:00Z', '${R1}', now(), now()),
  (gen_random_uuid(), 'FY2026-Q1', '2026-01-01', '2026-03-31', '${R2}', null, 400, 500, 'EUR', '2026-01-25T09:00Z', '${R2}', now(), now()),
  (gen_random_uuid(), 'FY2026-Q1', '2026-01-01', '2026-03-31', null, '${T}', 2000, 2600, 'EUR', '2026-02-01T09:00Z', null, now(), now()),
  (gen_random_uuid(), 'FY2026-Q2', '2026-04-01', '2026-06-30', '${R1}', null, 9000, 9000, 'EUR', '2026-03-20T09:00Z', '${R1}', now(), now());

-- Commission plans: R1 for Q1 5 %, 8 % beyond its BOOKINGS quota (800), 12 % beyond 150 % of it; R2 for Q1 10 %, no
-- accelerator; R3's for Q2 lies outside Q1
insert into target (id, scope, team_id, rep_id, metric, period_start, period_end, value, created_at, updated_at) values
  (gen_random_uuid(), 'REP', null, '${R1}', 'BOOKINGS', '2026-01-01', '2026-03-31', 800, now(), now());
insert into commission_plan (id, rep_id, period_start, period_end, base_rate, first_accelerator_at, first_accelerator_rate,
                             second_accelerator_at, second_accelerator_rate, created_at, updated_at) values
  (gen_random_uuid(), '${R1}', '2026-01-01', '2026-03-31', 0.05, 1, 0.08, 1.5, 0.12, now(), now()),
  (gen_random_uuid(), '${R2}', '2026-01-01', '2026-03-31', 0.10, null, null, null, null, now(), now()),
  (gen_random_uuid(), '${R3}', '2026-04-01', '2026-06-30', 0.50, null, null, null, null, now(), now());

-- Market sizes of Q1: region X 10000 (whole market; its area X1's 4000 lies within it), X's category Alpha (P1) 4960; a
-- size of Q2 lies outside Q1
insert into market_size (id, territory_id, category, period_start, period_end, amount, currency, source, created_at, updated_at) values
  (gen_random_uuid(), '${X}', null, '2026-01-01', '2026-03-31', 10000, 'EUR', 'market study', now(), now()),
  (gen_random_uuid(), '${X1}', null, '2026-01-01', '2026-03-31', 4000, 'EUR', 'market study', now(), now()),
  (gen_random_uuid(), '${X}', 'Alpha-${RUN}', '2026-01-01', '2026-03-31', 4960, 'EUR', 'market study', now(), now()),
  (gen_random_uuid(), '${X}', null, '2026-04-01', '2026-06-30', 99999, 'EUR', 'market study', now(), now());

-- Costs
insert into cost_entry (id, kind, category, campaign_id, team_id, incurred_on, amount, currency, created_at, updated_at) values
  (gen_random_uuid(), 'MARKETING', 'ADVERTISING', '${CP1}', '${T}', '2026-01-15', 600, 'EUR', now(), now()),
  (gen_random_uuid(), 'SALES', 'SALARIES', null, '${T}', '2026-02-28', 1000, 'EUR', now(), now()),
  (gen_random_uuid(), 'SALES', 'TRAVEL', null, '${T2}', '2026-03-15', 200, 'EUR', now(), now()),
  (gen_random_uuid(), 'MARKETING', 'EVENTS', null, '${T}', '2026-01-20', 400, 'EUR', now(), now()),
  (gen_random_uuid(), 'MARKETING', 'ADVERTISING', '${CP1}', '${T}', '2025-12-10', 999, 'EUR', now(), now());

-- Surveys
insert into survey_response (id, survey, score, account_id, rep_id, responded_at, created_at, updated_at) values
  (gen_random_uuid(), 'NPS', 10, '${A1}', null, '2026-01-10T10:00Z', now(), now()),
  (gen_random_uuid(), 'NPS', 9, '${A3}', null, '2026-02-10T10:00Z', now(), now()),
  (gen_random_uuid(), 'NPS', 7, '${A4}', null, '2026-03-10T10:00Z', now(), now()),
  (gen_random_uuid(), 'NPS', 3, '${A2}', null, '2026-02-15T10:00Z', now(), now()),
  (gen_random_uuid(), 'CSAT', 4, '${A1}', null, '2026-01-11T10:00Z', now(), now()),
  (gen_random_uuid(), 'CSAT', 2, '${A3}', null, '2026-02-11T10:00Z', now(), now()),
  (gen_random_uuid(), 'ENPS', 9, null, '${R1}', '2026-03-20T10:00Z', now(), now()),
  (gen_random_uuid(), 'ENPS', 5, null, '${R2}', '2026-03-21T10:00Z', now(), now()),
  (gen_random_uuid(), 'ENPS', 8, null, '${R3}', '2026-03-22T10:00Z', now(), now());

-- Competitor prices
insert into competitor_price (id, product_id, competitor, price, currency, territory_id, observed_on, created_at, updated_at) values
  (gen_random_uuid(), '${P1}', 'Globex', 90, 'EUR', '${X1}', '2026-01-15', now(), now()),
  (gen_random_uuid(), '${P1}', 'Initrode', 110, 'EUR', '${X1}', '2026-02-15', now(), now()),
  (gen_random_uuid(), '${P2}', 'Globex', 60, 'EUR', '${X1}', '2026-03-01', now(), now()),
  (gen_random_uuid(), '${P1}', 'Globex', 999, 'EUR', '${X1}', '2025-12-01', now(), now());
