package com.saleskpi.kpi;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.saleskpi.database.RollupFamily;

/**
 * The facts KPIs are computed from, each a SQL subquery. A source declares how its rows are placed in time (its period
 * kind and, for events, the day or instant of each row) and its facts and FROM clause; its SELECT is written from that
 * with a column per dimension (team_id, rep_id, territory_id, channel_id, product_id, category, segment, campaign_id:
 * Dimension#columnIn), null where the source has no such dimension (those dimensions are then not offered for filters and
 * breakdowns).
 *
 * Event sources place each row in a period by one date or instant (period_value); state sources are evaluated per
 * period bucket and refer to its bounds b.bucket_start and b.bucket_end. :from, :to and :tz are the overall period and
 * time zone, bound as parameters.
 */
enum FactSource {

    /** Order lines of orders that were not cancelled, by order day. */
    ORDER_LINES(PeriodKind.EVENT_DATE, "o.ordered_on", """
            o.id as order_id, o.account_id, %s as net_amount, l.quantity
            from sales_order o
            join order_line l on l.order_id = o.id
            join product p on p.id = l.product_id
            join account a on a.id = o.account_id
            left join sales_rep r on r.id = o.rep_id%s
            where o.status <> 'CANCELLED'
            """.formatted(Rates.ORDER_DAY.convert("l.net_amount"), Rates.ORDER_DAY.joins())),

    /**
     * ORDER_LINES summed per order day (or month) and rep x territory x channel x product (tables revenue_daily and
     * revenue_monthly, kept equal to the base tables by triggers): sums of net_amount and quantity read the same
     * here, in far fewer rows. Every line has a product (a foreign key), so the product's join is a left one: the
     * planner then drops it when no category is asked for, and never estimates it to lose rows (it estimated 6 % of
     * them through the union, and a team's dashboard took a nested loop over all its reps' rows).
     */
    REVENUE_ROLLUP(PeriodKind.EVENT_DATE, "d.day", parts -> """
            d.net_amount, d.quantity
            from %s d
            left join product p on p.id = d.product_id
            left join sales_rep r on r.id = d.rep_id
            """.formatted(RollupSql.inRequestedCurrency(parts, RollupFamily.REVENUE, "d.day, d.rep_id, d.territory_id, d.channel_id, d.product_id,"
            + " d.quantity", "net_amount", "lines_unrated"))),

    /** Revenue history reaching 12 months before the period, for growth and revenue churn. */
    ORDER_HISTORY(PeriodKind.STATE, null, """
            o.ordered_on, %s as net_amount, a.churned_on
            from sales_order o
            join order_line l on l.order_id = o.id
            join product p on p.id = l.product_id
            join account a on a.id = o.account_id
            left join sales_rep r on r.id = o.rep_id%s
            where o.status <> 'CANCELLED'
              and o.ordered_on between (:from::date - interval '12 months')::date and :to::date
            """.formatted(Rates.ORDER_DAY.convert("l.net_amount"), Rates.ORDER_DAY.joins())),

    /** Opportunities by the day they were opened, with the furthest funnel stage they reached. */
    DEALS_OPENED(PeriodKind.EVENT_DATE, "o.opened_on", parts -> """
            o.id as deal_id, %3$s as amount, o.stage, o.expected_close_on,
            greatest(%1$s, coalesce((select max(%2$s) from opportunity_stage_change h
                                     where h.opportunity_id = o.id%5$s), 0)) as max_stage_rank
            from %6$s o
            left join product p on p.id = o.product_id
            left join account a on a.id = o.account_id%4$s
            """.formatted(stageRank("o.stage"), stageRank("h.stage"), Rates.OPENING_DAY.convert("o.amount"),
            Rates.OPENING_DAY.joins(), parts.deals().stageChangedBy(), parts.deals().deals())),

    /**
     * Won and lost opportunities by the day they closed, with their account's customer dates; the campaign and lead source
     * are those of the lead the deal came from.
     */
    DEALS_CLOSED(PeriodKind.EVENT_DATE, "o.closed_on", parts -> """
            o.id as deal_id, %s as amount, o.type, o.stage = 'CLOSED_WON' as won, o.closed_on - o.opened_on as cycle_days,
            o.expected_close_on, o.account_id, a.acquired_on, a.churned_on, exists (select 1 from activity d where d.opportunity_id = o.id and d.type = 'DEMO') as had_demo
            from %s o
            left join product p on p.id = o.product_id
            left join account a on a.id = o.account_id
            left join lead ld on ld.id = o.lead_id%s
            where o.closed_on is not null
            """.formatted(Rates.CLOSE_DAY.convert("o.amount"), parts.deals().deals(), Rates.CLOSE_DAY.joins())),

    /**
     * DEALS_CLOSED counted and summed per close day (or month) and team x rep x territory x channel x product (tables
     * deals_closed_daily and deals_closed_monthly, kept equal to the opportunities by triggers): won, lost,
     * won_amount, won_cycle_days.
     */
    DEALS_CLOSED_ROLLUP(PeriodKind.EVENT_DATE, "d.day", parts -> """
            d.won, d.lost, d.won_amount, d.won_cycle_days
            from %s d
            left join product p on p.id = d.product_id
            """.formatted(RollupSql.inRequestedCurrency(parts, RollupFamily.DEALS_CLOSED, "d.day, d.team_id, d.rep_id, d.territory_id,"
            + " d.channel_id, d.product_id, d.won, d.lost, d.won_cycle_days", "won_amount", "deals_unrated"))),

    /** Activities on deals closed (won or lost), by the day the deal closed; their type is the ACTIVITY_TYPE dimension's column. */
    CLOSED_DEAL_TOUCHES(PeriodKind.EVENT_DATE, "o.closed_on", """
            o.id as deal_id, o.stage = 'CLOSED_WON' as won
            from opportunity o
            join activity x on x.opportunity_id = o.id
            left join product p on p.id = o.product_id
            left join account ac on ac.id = o.account_id
            where o.stage in ('CLOSED_WON', 'CLOSED_LOST')
            """),

    /**
     * Every opportunity opened by the end of the period, for pipeline snapshots and deals worked, with the stage it was in
     * at the end of each bucket (its last stage change by then) and when it last changed by then.
     */
    PIPELINE(PeriodKind.STATE, null, parts -> """
            o.id as deal_id, %s as amount, o.stage, o.opened_on, o.closed_on, o.expected_close_on,
            coalesce((select h.stage from opportunity_stage_change h where h.opportunity_id = o.id
                      and h.entered_at < (b.bucket_end + 1)::timestamp at time zone :tz%s
                      order by h.entered_at desc, h.id desc limit 1), o.stage) as stage_at_end,
            (select max(h.valid_from) from opportunity_version h
             where h.id = o.id and h.valid_from < (b.bucket_end + 1)::timestamp at time zone :tz) as last_changed_at
            from %s o
            left join product p on p.id = o.product_id
            left join account a on a.id = o.account_id%s
            where o.opened_on <= :to::date
            """.formatted(Rates.OPEN_DEAL_AT_BUCKET_END.convert("o.amount"), parts.deals().stageChangedBy(), parts.deals().deals(),
            Rates.OPEN_DEAL_AT_BUCKET_END.joins())),

    /**
     * The changes of deals that moved them (versions of opportunity_version that pushed the expected close day later or
     * left a stage), by the instant they were made.
     */
    DEAL_CHANGES(PeriodKind.EVENT_INSTANT, "o.valid_from", """
            o.id as deal_id, o.close_pushed, o.previous_stage, o.previous_stage_days, o.stage
            from opportunity_version o
            left join product p on p.id = o.product_id
            left join account a on a.id = o.account_id
            left join lead ld on ld.id = o.lead_id
            where not o.deleted and (o.close_pushed or o.previous_stage is not null)
            """),

    /**
     * Deals closed (won or lost), once per open stage they had been in (the stages their versions record, kept on the
     * deal: V23), by close day: what the history-weighted pipeline learns each stage's chance of being won from.
     */
    CLOSED_DEAL_STAGES(PeriodKind.STATE, null, """
            o.id as deal_id, o.stage = 'CLOSED_WON' as won, o.closed_on, v.stage
            from opportunity o
            cross join lateral unnest(o.open_stages_visited) v(stage)
            left join product p on p.id = o.product_id
            left join account a on a.id = o.account_id
            where o.stage in ('CLOSED_WON', 'CLOSED_LOST')
              and o.closed_on between (:from::date - interval '%d years')::date and :to::date
            """.formatted(Measures.LEARNT_OVER_PERIODS)),

    /**
     * The forecast calls submitted for exactly the bucket's period, each subject's latest (rep_id: a rep's, team_id: a
     * team's) as they stand now and as they stood at the cut-off (at_cutoff). A rep's call is placed in the rep's team; a
     * team's own call as what it adds to the calls below it that its roll-up would sum (each rep's, each sub-team's own
     * call or else its own roll-up): so the calls summed over a team and its sub-teams are the team's own call, or its
     * manager not having called, the roll-up; ForecastView#FORECAST rolls up by the same rule.
     */
    FORECAST_CALLS(PeriodKind.STATE, null, """
            c.at_cutoff, c.commit_amount, c.best_case_amount
            from (with recursive tree(ancestor, id) as (
                      select t.id, t.id from team t
                      union all
                      select tree.ancestor, t.id from tree join team t on t.parent_id = tree.id),
                  calls as (
                      select distinct on (v.at_cutoff, coalesce(f.rep_id, f.team_id)) v.at_cutoff, f.rep_id,
                             coalesce(f.team_id, r.team_id) as team_id, f.team_id is not null as team_call,
                             %s as commit_amount, %s as best_case_amount
                      from (values (false), (true)) v(at_cutoff)
                      join forecast_submission f on f.period_start = b.bucket_start and f.period_end = b.bucket_end
                       and (not v.at_cutoff or f.submitted_at < (case when :call_cutoff_week is null
                            then b.bucket_start + (b.bucket_end - b.bucket_start + 1) / 2
                            else b.bucket_start + 7 * :call_cutoff_week end)::timestamp at time zone :tz)
                      left join sales_rep r on r.id = f.rep_id%s
                      order by v.at_cutoff, coalesce(f.rep_id, f.team_id), f.submitted_at desc, f.id desc)
                  select k.at_cutoff, k.rep_id, k.team_id, k.commit_amount, k.best_case_amount from calls k where not k.team_call
                  union all
                  select k.at_cutoff, null, k.team_id, k.commit_amount - coalesce(sum(y.commit_amount), 0),
                         k.best_case_amount - coalesce(sum(y.best_case_amount), 0)
                  from calls k
                  join tree below on below.ancestor = k.team_id
                  left join calls y on y.at_cutoff = k.at_cutoff and y.team_id = below.id and not (y.team_call and y.team_id = k.team_id)
                   and not exists (select 1 from calls z
                                   join tree above_y on above_y.ancestor = z.team_id and above_y.id = y.team_id
                                   join tree below_k on below_k.ancestor = k.team_id and below_k.id = z.team_id
                                   where z.team_call and z.at_cutoff = k.at_cutoff and z.team_id <> k.team_id
                                     and not (y.team_call and y.team_id = z.team_id))
                  where k.team_call
                  group by k.at_cutoff, k.team_id, k.commit_amount, k.best_case_amount) c
            """.formatted(Rates.SUBMISSION_DAY.convert("f.commit_amount"), Rates.SUBMISSION_DAY.convert("f.best_case_amount"),
            Rates.SUBMISSION_DAY.joins())),

    /**
     * PIPELINE as openings and closings per day (or month) and team x rep x territory x channel x product (tables
     * pipeline_daily and pipeline_monthly, kept equal to the opportunities by triggers), up to the end of each bucket:
     * what is open at the end of a bucket is what opened by then minus what closed by then. Whether a row counts depends
     * only on whether its day lies before the bucket or within it, so the rows of a key and currency are first summed
     * into those two days (the bucket's eve and its last day): each sum then converts once at the bucket end's rate
     * (not each monthly row: a team's history is some 1,900 rows, 110 keys).
     */
    PIPELINE_ROLLUP(PeriodKind.STATE, null, parts -> """
            d.day, d.opened_count, %s as opened_amount, d.closed_count, %s as closed_amount
            from (select r.team_id, r.rep_id, r.territory_id, r.channel_id, r.product_id, r.currency,
                         case when r.day < b.bucket_start then b.bucket_start - 1 else b.bucket_end end as day,
                         sum(r.opened_count) as opened_count, sum(r.opened_amount) as opened_amount,
                         sum(r.closed_count) as closed_count, sum(r.closed_amount) as closed_amount
                  from %s r
                  where r.day <= b.bucket_end
                  group by r.team_id, r.rep_id, r.territory_id, r.channel_id, r.product_id, r.currency, 7) d
            left join product p on p.id = d.product_id%s
            """.formatted(Rates.ROLLUP_AT_BUCKET_END.convert("d.opened_amount"), Rates.ROLLUP_AT_BUCKET_END.convert("d.closed_amount"),
            RollupSql.dailyAndMonthly(parts, RollupFamily.PIPELINE), Rates.ROLLUP_AT_BUCKET_END.joins())),

    /** Leads by the instant they came in. */
    LEADS(PeriodKind.EVENT_INSTANT, "ld.received_at", """
            ld.id as lead_id, ld.stage, ld.received_at, ld.mql_at, ld.sql_at, ld.opportunity_at, ld.customer_at,
            ld.first_response_at
            from lead ld
            left join sales_rep r on r.id = ld.owner_rep_id
            left join account a on a.id = ld.account_id
            """),

    /**
     * LEADS counted per UTC day (or month) of receipt and owner x territory x channel (tables lead_daily and
     * lead_monthly, kept equal to the leads by triggers), placed in the buckets of any time zone, as n.
     */
    LEAD_ROLLUP(PeriodKind.PLACED, "d.bucket_start", parts -> """
            d.n
            from %s d
            left join sales_rep r on r.id = d.rep_id
            """.formatted(RollupSql.placedInBuckets(parts, RollupFamily.LEAD, "rep_id, territory_id, channel_id", "leads",
            "select owner_rep_id as rep_id, territory_id, channel_id, received_at as at from lead"))),

    /** Activities by the instant they happened; placed in the rep's team and territory. */
    ACTIVITIES(PeriodKind.EVENT_INSTANT, "x.occurred_at", """
            x.id as activity_id, x.type, x.outcome, x.account_id, x.lead_id, x.duration_minutes
            from activity x
            join sales_rep r on r.id = x.rep_id
            left join account a on a.id = x.account_id
            """),

    /**
     * ACTIVITIES counted per UTC day (or month) and rep x type x outcome (tables activity_daily and activity_monthly,
     * kept equal to the activities by triggers), placed in the buckets of any time zone, as n. Every activity has its
     * rep (a foreign key): the left join keeps the planner's estimate of the rows (see REVENUE_ROLLUP).
     */
    ACTIVITY_ROLLUP(PeriodKind.PLACED, "d.bucket_start", parts -> """
            d.type, d.outcome, d.n
            from %s d
            left join sales_rep r on r.id = d.rep_id
            """.formatted(RollupSql.placedInBuckets(parts, RollupFamily.ACTIVITY, "rep_id, type, outcome", "activities",
            "select rep_id, type, outcome, occurred_at as at from activity"))),

    /** Accounts with their customer dates; placed in the owner's team. */
    ACCOUNTS(PeriodKind.STATE, null, """
            a.id as account_id, a.acquired_on, a.churned_on
            from account a
            left join sales_rep r on r.id = a.owner_rep_id
            where a.acquired_on <= :to::date
            """),

    /** Customers buying within each bucket: how many orders, and whether a rep contacted them then. */
    CUSTOMER_PURCHASES(PeriodKind.STATE, null, """
            a.id as account_id, a.churned_on,
            (select count(*) from sales_order o where o.account_id = a.id and o.status <> 'CANCELLED'
               and o.ordered_on between b.bucket_start and b.bucket_end) as orders,
            exists (select 1 from activity x where x.account_id = a.id
               and x.occurred_at >= b.bucket_start::timestamp at time zone :tz
               and x.occurred_at < (b.bucket_end + 1)::timestamp at time zone :tz) as contacted
            from account a
            left join sales_rep r on r.id = a.owner_rep_id
            where a.acquired_on <= b.bucket_end
            """),

    /** Marketing and sales spend by the day it was incurred; campaign costs carry the campaign's channel. */
    COSTS(PeriodKind.EVENT_DATE, "c.incurred_on", """
            c.kind, %s as amount
            from cost_entry c
            left join campaign cp on cp.id = c.campaign_id%s
            """.formatted(Rates.COST_DAY.convert("c.amount"), Rates.COST_DAY.joins())),

    /** Survey answers by the instant given: customers (NPS, CSAT) via their account, employees (eNPS) as reps. */
    SURVEYS(PeriodKind.EVENT_INSTANT, "s.responded_at", """
            s.survey, s.score
            from survey_response s
            left join account a on a.id = s.account_id
            left join sales_rep owner on owner.id = a.owner_rep_id
            left join sales_rep respondent on respondent.id = s.rep_id
            """),

    /**
     * SURVEYS counted per UTC day (or month), survey and score, and what places an answer (tables survey_daily and
     * survey_monthly, kept equal to the answers and their accounts by triggers), placed in the buckets of any time
     * zone, as n.
     */
    SURVEY_ROLLUP(PeriodKind.PLACED, "d.bucket_start", parts -> """
            d.survey, d.score, d.n, d.owner_rep_id, d.respondent_rep_id
            from %s d
            left join sales_rep owner on owner.id = d.owner_rep_id
            left join sales_rep respondent on respondent.id = d.respondent_rep_id
            """.formatted(RollupSql.placedInBuckets(parts, RollupFamily.SURVEY, "survey, score, owner_rep_id, account_territory_id,"
            + " respondent_rep_id", "answers", "select s.survey, s.score, a.owner_rep_id, a.territory_id as account_territory_id,"
            + " s.rep_id as respondent_rep_id, s.responded_at as at from survey_response s left join account a on a.id = s.account_id"))),

    /**
     * Targets whose period overlaps the bucket, each pro-rated to the part of it the bucket covers (prorated), at the
     * scope that matches the filter (see :target_scope); for teams asked for together (:target_teams, a team filter not
     * broken down by team), a team's target replaces those of the teams below it (coveredByAnAncestorsTarget).
     */
    TARGETS(PeriodKind.STATE, null, """
            t.metric, %s as value, coalesce(t.kpi, ck.name) as kpi_name, t.value as raw_value, %s as plain_value, %s as money_value
            from target t
            left join custom_kpi ck on ck.id = t.custom_kpi_id%s
            where t.scope = :target_scope and t.period_start <= b.bucket_end and t.period_end >= b.bucket_start
              and (:target_teams is null or not %s)
            """.formatted(prorated("t", "case when t.metric in ('REVENUE', 'BOOKINGS') then " + Rates.TARGET_AT_BUCKET_END.convert("t.value")
            + " else t.value end", "b.bucket_start", "b.bucket_end"), prorated("t", "t.value", "b.bucket_start", "b.bucket_end"),
            prorated("t", Rates.TARGET_AT_BUCKET_END.convert("t.value"), "b.bucket_start", "b.bucket_end"), Rates.TARGET_AT_BUCKET_END.joins(),
            coveredByAnAncestorsTarget("t", ":target_teams"))),

    /** Reps with a revenue quota in the bucket, with the revenue they booked in it. */
    REP_QUOTAS(PeriodKind.STATE, null, """
            %s as quota,
            coalesce((select sum(%s) from sales_order o join order_line l on l.order_id = o.id%s
                      where o.rep_id = r.id and o.status <> 'CANCELLED'
                        and o.ordered_on between b.bucket_start and b.bucket_end), 0) as revenue
            from sales_rep r
            join lateral (select sum(t.value) as quota from target t
                          where t.scope = 'REP' and t.metric = 'REVENUE' and t.rep_id = r.id
                            and t.period_start >= b.bucket_start and t.period_end <= b.bucket_end) q on q.quota > 0%s
            """.formatted(Rates.QUOTA_AT_BUCKET_END.convert("q.quota"), Rates.ORDER_DAY.convert("l.net_amount"),
            Rates.ORDER_DAY.joins(), Rates.QUOTA_AT_BUCKET_END.joins())),

    /**
     * Reps' commission plans whose period lies within the bucket, with what each pays on the rep's deals won in its period
     * (earned) and on those plus the rep's open COMMIT deals expected to close in it (projected), by the plan's rates
     * and the rep's BOOKINGS quota of the period (commissionOn).
     */
    COMMISSIONS(PeriodKind.STATE, null, """
            c.earned, c.projected
            from (select cp.rep_id, %1$s as earned, %2$s as projected
                  from commission_plan cp
                  cross join lateral (select coalesce(sum(%3$s), 0) as amount from opportunity o%4$s
                                      where o.owner_rep_id = cp.rep_id and o.stage = 'CLOSED_WON'
                                        and o.closed_on between cp.period_start and cp.period_end) won
                  cross join lateral (select coalesce(sum(%5$s), 0) as amount from opportunity o%6$s
                                      where o.owner_rep_id = cp.rep_id and o.forecast_category = 'COMMIT'
                                        and o.opened_on <= b.bucket_end and (o.closed_on is null or o.closed_on > b.bucket_end)
                                        and o.expected_close_on between cp.period_start and cp.period_end) committed
                  cross join lateral (select nullif(sum(%7$s), 0) as quota from target t%8$s
                                      where t.scope = 'REP' and t.metric = 'BOOKINGS' and t.rep_id = cp.rep_id
                                        and t.period_start >= cp.period_start and t.period_end <= cp.period_end) q
                  where cp.period_start >= b.bucket_start and cp.period_end <= b.bucket_end) c
            join sales_rep r on r.id = c.rep_id
            """.formatted(commissionOn("won.amount"), commissionOn("(won.amount + committed.amount)"), Rates.CLOSE_DAY.convert("o.amount"),
            Rates.CLOSE_DAY.joins(), Rates.OPEN_DEAL_AT_BUCKET_END.convert("o.amount"), Rates.OPEN_DEAL_AT_BUCKET_END.joins(),
            Rates.QUOTA_AT_BUCKET_END.convert("t.value"), Rates.QUOTA_AT_BUCKET_END.joins())),

    /**
     * Market sizes whose period lies within the bucket (whole: a market study is not pro-rated), converted at its last day. Of territories asked
     * for together (:market_territories; every territory when none is named; none when broken down by territory), a
     * territory's size covers those of the territories below it, as a team's target does (coveredAbove).
     */
    MARKET_SIZES(PeriodKind.STATE, null, """
            %s as amount
            from market_size m%s
            where m.period_start >= b.bucket_start and m.period_end <= b.bucket_end
              and not %s
            """.formatted(Rates.MARKET_AT_BUCKET_END.convert("m.amount"), Rates.MARKET_AT_BUCKET_END.joins(),
            coveredAbove("territory", "territory_id", "market_size", "m", "coalesce(:market_territories, array[above.id])",
                    "u.category is not distinct from m.category and u.period_start <= m.period_start and u.period_end >= m.period_end"
                    + " and u.period_start >= b.bucket_start and u.period_end <= b.bucket_end"))),

    /** Reps with their employment dates, for headcount and turnover. */
    REPS(PeriodKind.STATE, null, """
            r.hire_date, r.leave_date
            from sales_rep r
            where r.hire_date <= :to::date
            """),

    /** Competitor prices by the day they were observed. */
    COMPETITOR_PRICES(PeriodKind.EVENT_DATE, "c.observed_on", """
            %s as price
            from competitor_price c
            join product p on p.id = c.product_id%s
            """.formatted(Rates.OBSERVATION_DAY.convert("c.price"), Rates.OBSERVATION_DAY.joins()));

    final PeriodKind periodKind;
    /** What places a row in time (a day, an instant, a bucket start), null for a state source. */
    private final String period;
    /** The source's facts and FROM clause, with the parts a statement reads (see RollupSql.Parts). */
    private final Function<RollupSql.Parts, String> factsAndFrom;
    /** The source's SELECT per combination of parts, written once. */
    private final Map<RollupSql.Parts, String> sqlByParts = new ConcurrentHashMap<>();

    FactSource(PeriodKind periodKind, String period, String factsAndFrom) {
        this(periodKind, period, parts -> factsAndFrom);
    }

    FactSource(PeriodKind periodKind, String period, Function<RollupSql.Parts, String> factsAndFrom) {
        this.periodKind = periodKind;
        this.period = period;
        this.factsAndFrom = factsAndFrom;
    }

    /** The dimensions this source carries: those that name a column of it. */
    Set<Dimension> dimensions() {
        return Dimension.carriedBy(this);
    }

    /**
     * Whether each row's team is its rep's team (Dimension#REPS_TEAM), so that a team filter can be read as "the team's
     * reps" on the rep column, which the rollups index with the day ((rep_id, day)): a team's quarter is then its reps'
     * rows, not every row of the quarter joined to the reps.
     */
    boolean teamIsTheRepsTeam() {
        return Dimension.REPS_TEAM.equals(Dimension.TEAM.columnIn(this));
    }

    /**
     * The columns (of the source's rows) of the reps whose teams place a row when its team is the first of theirs that is
     * set (a survey answer: its account owner's team, else its respondent's): a team filter also holds one of them to
     * the team's reps, a wider condition than the team's but on the rollup's own key, which the planner takes into its
     * scan, so that a team's answers are summed, not everyone's (at 1M deals: 9 ms, then 3).
     */
    List<String> teamPlacingReps() {
        return this == SURVEY_ROLLUP ? RollupFamily.SURVEY.repColumns : List.of();
    }

    /** Whether each row is one deal with its amount (column amount, converted), which a deal amount range holds to. */
    boolean carriesDealAmounts() {
        return this == DEALS_OPENED || this == DEALS_CLOSED || this == PIPELINE;
    }

    /** The source's rows as a subquery, with only the parts that can read any of them. */
    String sql(RollupSql.Parts parts) {
        return sqlByParts.computeIfAbsent(parts, this::select);
    }

    private String select(RollupSql.Parts parts) {
        StringJoiner columns = new StringJoiner(", ", "select ", ",\n");
        if (period != null) {
            columns.add(period + " as " + periodKind.column);
        }
        for (Dimension dimension : Dimension.values()) {
            String column = dimension.columnIn(this);
            columns.add((column == null ? "null::" + dimension.keyType.sqlType : column) + " as " + dimension.column);
        }
        return columns + factsAndFrom.apply(parts);
    }

    /**
     * The condition that a team target (alias target) is covered by the target of a team above it among the teams given
     * (a uuid[] in SQL): for the same metric or KPI, over a period that holds the target's. A team's quota is its own target, or where it
     * has none, the sum of those of the teams below it, by the same rule.
     */
    static String coveredByAnAncestorsTarget(String target, String teams) {
        return coveredAbove("team", "team_id", "target", target, teams, ("u.scope = 'TEAM' and u.metric is not distinct from %1$s.metric"
                + " and u.kpi is not distinct from %1$s.kpi and u.custom_kpi_id is not distinct from %1$s.custom_kpi_id"
                + " and u.period_start <= %1$s.period_start and u.period_end >= %1$s.period_end").formatted(target));
    }

    /**
     * The condition that a record (alias row) of a table placed in a tree (team, territory) by its column has a record u
     * of the same table above it, at a member of the tree among those given (a uuid[] in SQL, over above.id), that covers
     * it (same, a condition over u and row): a region's figure stands for its areas'.
     */
    private static String coveredAbove(String tree, String column, String table, String row, String among, String same) {
        return """
                exists (with recursive above(id) as (
                            select p.parent_id from %1$s p where p.id = %4$s.%2$s
                            union all
                            select p.parent_id from above join %1$s p on p.id = above.id)
                        select 1 from above join %3$s u on u.%2$s = above.id
                        where above.id = any(%5$s) and %6$s)""".formatted(tree, column, table, row, among, same);
    }

    /**
     * A target's value (SQL over the target's alias) pro-rated to the part of its period that a window covers: times the
     * share of its days in the window, or of its working days (Monday to Friday) with :target_proration WORKING_DAYS. A
     * target wholly within the window counts whole.
     */
    static String prorated(String target, String value, String windowStart, String windowEnd) {
        String from = "greatest(" + target + ".period_start, " + windowStart + ")";
        String to = "least(" + target + ".period_end, " + windowEnd + ")";
        return "(" + value + " * case when :target_proration = 'WORKING_DAYS' then " + workingDays(from, to) + "::numeric / nullif("
                + workingDays(target + ".period_start", target + ".period_end") + ", 0) else (" + to + " - " + from + " + 1)::numeric / ("
                + target + ".period_end - " + target + ".period_start + 1) end)";
    }

    private static String workingDays(String from, String to) {
        return "(select count(*) from generate_series(" + from + ", " + to + ", interval '1 day') d where extract(isodow from d) < 6)";
    }

    /**
     * What a commission plan (cp) pays on an amount won, given the quota (q.quota, null without one): the base rate up to
     * the first accelerator's share of quota, its rate from there to the second's, the second's rate beyond. Without a
     * quota, or an accelerator, the base rate (or the rate before it) runs on.
     */
    private static String commissionOn(String won) {
        return ("(cp.base_rate * least(%1$s, coalesce(cp.first_accelerator_at * q.quota, %1$s))"
                + " + coalesce(cp.first_accelerator_rate * greatest(least(%1$s, coalesce(cp.second_accelerator_at * q.quota, %1$s))"
                + " - cp.first_accelerator_at * q.quota, 0), 0)"
                + " + coalesce(cp.second_accelerator_rate * greatest(%1$s - cp.second_accelerator_at * q.quota, 0), 0))").formatted(won);
    }

    /** Funnel position of an opportunity stage; CLOSED_LOST reaches nothing beyond what came before it. */
    static String stageRank(String column) {
        return "case " + column + " when 'PROSPECTING' then 1 when 'QUALIFICATION' then 2 when 'PROPOSAL' then 3"
                + " when 'NEGOTIATION' then 4 when 'CLOSED_WON' then 5 else 0 end";
    }
}
