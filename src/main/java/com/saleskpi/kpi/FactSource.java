package com.saleskpi.kpi;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The facts KPIs are computed from, each a SQL subquery with the same dimension columns
 * (team_id, rep_id, territory_id, channel_id, product_id, category, segment), null where a fact
 * has no such dimension (those dimensions are then not offered for filters and breakdowns).
 *
 * Event sources place each row in a period by one date or instant (period_value); state sources
 * are evaluated per period bucket and refer to its bounds b.bucket_start and b.bucket_end.
 * :from, :to and :tz are the overall period and time zone, bound as parameters.
 */
enum FactSource {

    /** Order lines of orders that were not cancelled, by order day. */
    ORDER_LINES(PeriodKind.EVENT_DATE, """
            select o.ordered_on as period_value, r.team_id, o.rep_id, o.territory_id, o.channel_id, l.product_id,
                   p.category, a.segment, o.id as order_id, o.account_id, %s as net_amount, l.quantity
            from sales_order o
            join order_line l on l.order_id = o.id
            join product p on p.id = l.product_id
            join account a on a.id = o.account_id
            left join sales_rep r on r.id = o.rep_id%s
            where o.status <> 'CANCELLED'
            """.formatted(Conversions.ORDER_DAY.convert("l.net_amount"), Conversions.ORDER_DAY.joins()),
            Dimension.values()),

    /**
     * ORDER_LINES summed per order day (or month) and rep x territory x channel x product (tables revenue_daily and
     * revenue_monthly, kept equal to the base tables by triggers): sums of net_amount and quantity read the same
     * here, in far fewer rows. Every line has a product (a foreign key), so the product's join is a left one: the
     * planner then drops it when no category is asked for, and never estimates it to lose rows (it estimated 6 % of
     * them through the union, and a team's dashboard took a nested loop over all its reps' rows).
     */
    REVENUE_ROLLUP(PeriodKind.EVENT_DATE, parts -> """
            select d.day as period_value, r.team_id, d.rep_id, d.territory_id, d.channel_id, d.product_id, p.category,
                   null::varchar as segment, d.net_amount, d.quantity
            from %s d
            left join product p on p.id = d.product_id
            left join sales_rep r on r.id = d.rep_id
            """.formatted(inRequestedCurrency(parts, "revenue", "d.day, d.rep_id, d.territory_id, d.channel_id, d.product_id, d.quantity",
            "net_amount", "lines_unrated")), EnumSet.of(Dimension.TEAM, Dimension.REP, Dimension.TERRITORY,
            Dimension.CHANNEL, Dimension.PRODUCT, Dimension.CATEGORY)),

    /** Revenue history reaching 12 months before the period, for growth and revenue churn. */
    ORDER_HISTORY(PeriodKind.STATE, """
            select r.team_id, o.rep_id, o.territory_id, o.channel_id, l.product_id, p.category, a.segment,
                   o.ordered_on, %s as net_amount, a.churned_on
            from sales_order o
            join order_line l on l.order_id = o.id
            join product p on p.id = l.product_id
            join account a on a.id = o.account_id
            left join sales_rep r on r.id = o.rep_id%s
            where o.status <> 'CANCELLED'
              and o.ordered_on between (:from::date - interval '12 months')::date and :to::date
            """.formatted(Conversions.ORDER_DAY.convert("l.net_amount"), Conversions.ORDER_DAY.joins()),
            Dimension.values()),

    /** Opportunities by the day they were opened, with the furthest funnel stage they reached. */
    DEALS_OPENED(PeriodKind.EVENT_DATE, """
            select o.opened_on as period_value, o.team_id, o.owner_rep_id as rep_id, o.territory_id, o.channel_id,
                   o.product_id, p.category, a.segment, o.id as deal_id, %3$s as amount, o.stage,
                   greatest(%1$s, coalesce((select max(%2$s) from opportunity_stage_change h
                                            where h.opportunity_id = o.id), 0)) as max_stage_rank
            from opportunity o
            left join product p on p.id = o.product_id
            left join account a on a.id = o.account_id%4$s
            """.formatted(stageRank("o.stage"), stageRank("h.stage"), Conversions.OPENING_DAY.convert("o.amount"),
            Conversions.OPENING_DAY.joins()),
            Dimension.values()),

    /** Won and lost opportunities by the day they closed. */
    DEALS_CLOSED(PeriodKind.EVENT_DATE, """
            select o.closed_on as period_value, o.team_id, o.owner_rep_id as rep_id, o.territory_id, o.channel_id,
                   o.product_id, p.category, a.segment, o.id as deal_id, %s as amount, o.type,
                   o.stage = 'CLOSED_WON' as won, o.closed_on - o.opened_on as cycle_days, ld.campaign_id,
                   exists (select 1 from activity d where d.opportunity_id = o.id and d.type = 'DEMO') as had_demo
            from opportunity o
            left join product p on p.id = o.product_id
            left join account a on a.id = o.account_id
            left join lead ld on ld.id = o.lead_id%s
            where o.closed_on is not null
            """.formatted(Conversions.CLOSE_DAY.convert("o.amount"), Conversions.CLOSE_DAY.joins()),
            Dimension.values()),

    /**
     * DEALS_CLOSED counted and summed per close day (or month) and team x rep x territory x channel x product (tables
     * deals_closed_daily and deals_closed_monthly, kept equal to the opportunities by triggers): won, lost,
     * won_amount, won_cycle_days.
     */
    DEALS_CLOSED_ROLLUP(PeriodKind.EVENT_DATE, parts -> """
            select d.day as period_value, d.team_id, d.rep_id, d.territory_id, d.channel_id, d.product_id, p.category,
                   null::varchar as segment, d.won, d.lost, d.won_amount, d.won_cycle_days
            from %s d
            left join product p on p.id = d.product_id
            """.formatted(inRequestedCurrency(parts, "deals_closed", "d.day, d.team_id, d.rep_id, d.territory_id, d.channel_id, d.product_id,"
            + " d.won, d.lost, d.won_cycle_days", "won_amount", "deals_unrated")), EnumSet.of(Dimension.TEAM, Dimension.REP, Dimension.TERRITORY,
            Dimension.CHANNEL, Dimension.PRODUCT, Dimension.CATEGORY)),

    /** Activities on deals won, by the day the deal was won. */
    WON_DEAL_TOUCHES(PeriodKind.EVENT_DATE, """
            select o.closed_on as period_value, o.team_id, o.owner_rep_id as rep_id, o.territory_id, o.channel_id,
                   o.product_id, p.category, ac.segment, o.id as deal_id, x.type as activity_type
            from opportunity o
            join activity x on x.opportunity_id = o.id
            left join product p on p.id = o.product_id
            left join account ac on ac.id = o.account_id
            where o.stage = 'CLOSED_WON'
            """, Dimension.values()),

    /** Every opportunity opened by the end of the period, for pipeline snapshots and deals worked. */
    PIPELINE(PeriodKind.STATE, """
            select o.team_id, o.owner_rep_id as rep_id, o.territory_id, o.channel_id, o.product_id, p.category,
                   a.segment, o.id as deal_id, %s as amount, o.stage, o.opened_on, o.closed_on
            from opportunity o
            left join product p on p.id = o.product_id
            left join account a on a.id = o.account_id%s
            where o.opened_on <= :to::date
            """.formatted(Conversions.OPEN_DEAL_AT_BUCKET_END.convert("o.amount"), Conversions.OPEN_DEAL_AT_BUCKET_END.joins()),
            Dimension.values()),

    /**
     * PIPELINE as openings and closings per day (or month) and team x rep x territory x channel x product (tables
     * pipeline_daily and pipeline_monthly, kept equal to the opportunities by triggers), up to the end of each bucket:
     * what is open at the end of a bucket is what opened by then minus what closed by then. Whether a row counts depends
     * only on whether its day lies before the bucket or within it, so the rows of a key and currency are first summed
     * into those two days (the bucket's eve and its last day): each sum then converts once at the bucket end's rate
     * (not each monthly row: a team's history is some 1,900 rows, 110 keys).
     */
    PIPELINE_ROLLUP(PeriodKind.STATE, parts -> """
            select d.team_id, d.rep_id, d.territory_id, d.channel_id, d.product_id, p.category, null::varchar as segment,
                   d.day, d.opened_count, %s as opened_amount, d.closed_count, %s as closed_amount
            from (select r.team_id, r.rep_id, r.territory_id, r.channel_id, r.product_id, r.currency,
                         case when r.day < b.bucket_start then b.bucket_start - 1 else b.bucket_end end as day,
                         sum(r.opened_count) as opened_count, sum(r.opened_amount) as opened_amount,
                         sum(r.closed_count) as closed_count, sum(r.closed_amount) as closed_amount
                  from %s r
                  where r.day <= b.bucket_end
                  group by r.team_id, r.rep_id, r.territory_id, r.channel_id, r.product_id, r.currency, 7) d
            left join product p on p.id = d.product_id%s
            """.formatted(Conversions.ROLLUP_AT_BUCKET_END.convert("d.opened_amount"), Conversions.ROLLUP_AT_BUCKET_END.convert("d.closed_amount"),
            dailyAndMonthly(parts, "pipeline"), Conversions.ROLLUP_AT_BUCKET_END.joins()), EnumSet.of(Dimension.TEAM, Dimension.REP, Dimension.TERRITORY,
            Dimension.CHANNEL, Dimension.PRODUCT, Dimension.CATEGORY)),

    /** Leads by the instant they came in. */
    LEADS(PeriodKind.EVENT_INSTANT, """
            select ld.received_at as period_value, r.team_id, ld.owner_rep_id as rep_id, ld.territory_id, ld.channel_id,
                   null::uuid as product_id, null::varchar as category, a.segment, ld.id as lead_id, ld.stage,
                   ld.campaign_id, ld.received_at, ld.mql_at, ld.sql_at, ld.opportunity_at, ld.customer_at,
                   ld.first_response_at
            from lead ld
            left join sales_rep r on r.id = ld.owner_rep_id
            left join account a on a.id = ld.account_id
            """, EnumSet.of(Dimension.TEAM, Dimension.REP, Dimension.TERRITORY, Dimension.CHANNEL, Dimension.SEGMENT)),

    /**
     * LEADS counted per UTC day (or month) of receipt and owner x territory x channel (tables lead_daily and
     * lead_monthly, kept equal to the leads by triggers), placed in the buckets of any time zone, as n.
     */
    LEAD_ROLLUP(PeriodKind.PLACED, parts -> """
            select d.bucket_start, r.team_id, d.rep_id, d.territory_id, d.channel_id, null::uuid as product_id,
                   null::varchar as category, null::varchar as segment, d.n
            from %s d
            left join sales_rep r on r.id = d.rep_id
            """.formatted(placedInBuckets(parts, "lead", "rep_id, territory_id, channel_id", "leads",
            "select owner_rep_id as rep_id, territory_id, channel_id, received_at as at from lead")), EnumSet.of(Dimension.TEAM, Dimension.REP, Dimension.TERRITORY, Dimension.CHANNEL)),

    /** Activities by the instant they happened; placed in the rep's team and territory. */
    ACTIVITIES(PeriodKind.EVENT_INSTANT, """
            select x.occurred_at as period_value, r.team_id, x.rep_id, r.territory_id, null::uuid as channel_id,
                   null::uuid as product_id, null::varchar as category, a.segment, x.id as activity_id, x.type,
                   x.outcome, x.account_id
            from activity x
            join sales_rep r on r.id = x.rep_id
            left join account a on a.id = x.account_id
            """, EnumSet.of(Dimension.TEAM, Dimension.REP, Dimension.TERRITORY, Dimension.SEGMENT)),

    /**
     * ACTIVITIES counted per UTC day (or month) and rep x type x outcome (tables activity_daily and activity_monthly,
     * kept equal to the activities by triggers), placed in the buckets of any time zone, as n. Every activity has its
     * rep (a foreign key): the left join keeps the planner's estimate of the rows (see REVENUE_ROLLUP).
     */
    ACTIVITY_ROLLUP(PeriodKind.PLACED, parts -> """
            select d.bucket_start, r.team_id, d.rep_id, r.territory_id, null::uuid as channel_id, null::uuid as product_id,
                   null::varchar as category, null::varchar as segment, d.type, d.outcome, d.n
            from %s d
            left join sales_rep r on r.id = d.rep_id
            """.formatted(placedInBuckets(parts, "activity", "rep_id, type, outcome", "activities",
            "select rep_id, type, outcome, occurred_at as at from activity")), EnumSet.of(Dimension.TEAM, Dimension.REP, Dimension.TERRITORY)),

    /** Accounts with their customer dates; placed in the owner's team. */
    ACCOUNTS(PeriodKind.STATE, """
            select r.team_id, a.owner_rep_id as rep_id, a.territory_id, null::uuid as channel_id, null::uuid as product_id,
                   null::varchar as category, a.segment, a.id as account_id, a.acquired_on, a.churned_on
            from account a
            left join sales_rep r on r.id = a.owner_rep_id
            where a.acquired_on <= :to::date
            """, EnumSet.of(Dimension.TEAM, Dimension.REP, Dimension.TERRITORY, Dimension.SEGMENT)),

    /** Customers buying within each bucket: how many orders, and whether a rep contacted them then. */
    CUSTOMER_PURCHASES(PeriodKind.STATE, """
            select r.team_id, a.owner_rep_id as rep_id, a.territory_id, null::uuid as channel_id, null::uuid as product_id,
                   null::varchar as category, a.segment, a.id as account_id,
                   (select count(*) from sales_order o where o.account_id = a.id and o.status <> 'CANCELLED'
                      and o.ordered_on between b.bucket_start and b.bucket_end) as orders,
                   exists (select 1 from activity x where x.account_id = a.id
                      and x.occurred_at >= b.bucket_start::timestamp at time zone :tz
                      and x.occurred_at < (b.bucket_end + 1)::timestamp at time zone :tz) as contacted
            from account a
            left join sales_rep r on r.id = a.owner_rep_id
            where a.acquired_on <= b.bucket_end
            """, EnumSet.of(Dimension.TEAM, Dimension.REP, Dimension.TERRITORY, Dimension.SEGMENT)),

    /** Marketing and sales spend by the day it was incurred; campaign costs carry the campaign's channel. */
    COSTS(PeriodKind.EVENT_DATE, """
            select c.incurred_on as period_value, c.team_id, null::uuid as rep_id, null::uuid as territory_id,
                   cp.channel_id, null::uuid as product_id, null::varchar as category, null::varchar as segment,
                   c.kind, %s as amount, c.campaign_id
            from cost_entry c
            left join campaign cp on cp.id = c.campaign_id%s
            """.formatted(Conversions.COST_DAY.convert("c.amount"), Conversions.COST_DAY.joins()),
            EnumSet.of(Dimension.TEAM, Dimension.CHANNEL)),

    /** Survey answers by the instant given: customers (NPS, CSAT) via their account, employees (eNPS) as reps. */
    SURVEYS(PeriodKind.EVENT_INSTANT, """
            select s.responded_at as period_value, coalesce(owner.team_id, respondent.team_id) as team_id,
                   coalesce(a.owner_rep_id, s.rep_id) as rep_id, coalesce(a.territory_id, respondent.territory_id) as territory_id,
                   null::uuid as channel_id, null::uuid as product_id, null::varchar as category, a.segment,
                   s.survey, s.score
            from survey_response s
            left join account a on a.id = s.account_id
            left join sales_rep owner on owner.id = a.owner_rep_id
            left join sales_rep respondent on respondent.id = s.rep_id
            """, EnumSet.of(Dimension.TEAM, Dimension.REP, Dimension.TERRITORY, Dimension.SEGMENT)),

    /**
     * SURVEYS counted per UTC day (or month), survey and score, and what places an answer (tables survey_daily and
     * survey_monthly, kept equal to the answers and their accounts by triggers), placed in the buckets of any time
     * zone, as n.
     */
    SURVEY_ROLLUP(PeriodKind.PLACED, parts -> """
            select d.bucket_start, coalesce(owner.team_id, respondent.team_id) as team_id,
                   coalesce(d.owner_rep_id, d.respondent_rep_id) as rep_id,
                   coalesce(d.account_territory_id, respondent.territory_id) as territory_id, null::uuid as channel_id,
                   null::uuid as product_id, null::varchar as category, null::varchar as segment, d.survey, d.score, d.n
            from %s d
            left join sales_rep owner on owner.id = d.owner_rep_id
            left join sales_rep respondent on respondent.id = d.respondent_rep_id
            """.formatted(placedInBuckets(parts, "survey", "survey, score, owner_rep_id, account_territory_id, respondent_rep_id", "answers",
            "select s.survey, s.score, a.owner_rep_id, a.territory_id as account_territory_id, s.rep_id as respondent_rep_id,"
            + " s.responded_at as at from survey_response s left join account a on a.id = s.account_id")), EnumSet.of(Dimension.TEAM, Dimension.REP, Dimension.TERRITORY)),

    /** Targets whose period lies within the bucket, at the scope that matches the filter (see :target_scope). */
    TARGETS(PeriodKind.STATE, """
            select t.team_id, t.rep_id, t.territory_id, null::uuid as channel_id, null::uuid as product_id,
                   null::varchar as category, null::varchar as segment, t.metric,
                   case when t.metric in ('REVENUE', 'BOOKINGS') then %s else t.value end as value
            from target t%s
            where t.scope = :target_scope and t.period_start >= b.bucket_start and t.period_end <= b.bucket_end
            """.formatted(Conversions.TARGET_AT_BUCKET_END.convert("t.value"), Conversions.TARGET_AT_BUCKET_END.joins()),
            EnumSet.of(Dimension.TEAM, Dimension.REP, Dimension.TERRITORY)),

    /** Reps with a revenue quota in the bucket, with the revenue they booked in it. */
    REP_QUOTAS(PeriodKind.STATE, """
            select r.team_id, r.id as rep_id, r.territory_id, null::uuid as channel_id, null::uuid as product_id,
                   null::varchar as category, null::varchar as segment, %s as quota,
                   coalesce((select sum(%s) from sales_order o join order_line l on l.order_id = o.id%s
                             where o.rep_id = r.id and o.status <> 'CANCELLED'
                               and o.ordered_on between b.bucket_start and b.bucket_end), 0) as revenue
            from sales_rep r
            join lateral (select sum(t.value) as quota from target t
                          where t.scope = 'REP' and t.metric = 'REVENUE' and t.rep_id = r.id
                            and t.period_start >= b.bucket_start and t.period_end <= b.bucket_end) q on q.quota > 0%s
            """.formatted(Conversions.QUOTA_AT_BUCKET_END.convert("q.quota"), Conversions.ORDER_DAY.convert("l.net_amount"),
            Conversions.ORDER_DAY.joins(), Conversions.QUOTA_AT_BUCKET_END.joins()),
            EnumSet.of(Dimension.TEAM, Dimension.REP, Dimension.TERRITORY)),

    /** Reps with their employment dates, for headcount and turnover. */
    REPS(PeriodKind.STATE, """
            select r.team_id, r.id as rep_id, r.territory_id, null::uuid as channel_id, null::uuid as product_id,
                   null::varchar as category, null::varchar as segment, r.hire_date, r.leave_date
            from sales_rep r
            where r.hire_date <= :to::date
            """, EnumSet.of(Dimension.TEAM, Dimension.REP, Dimension.TERRITORY)),

    /** Competitor prices by the day they were observed. */
    COMPETITOR_PRICES(PeriodKind.EVENT_DATE, """
            select c.observed_on as period_value, null::uuid as team_id, null::uuid as rep_id, c.territory_id,
                   null::uuid as channel_id, c.product_id, p.category, null::varchar as segment,
                   %s as price
            from competitor_price c
            join product p on p.id = c.product_id%s
            """.formatted(Conversions.OBSERVATION_DAY.convert("c.price"), Conversions.OBSERVATION_DAY.joins()), EnumSet.of(Dimension.TERRITORY, Dimension.PRODUCT,
            Dimension.CATEGORY));

    /**
     * EVENT_DATE: placed by a day; EVENT_INSTANT: by an instant, on its day in the requested time zone; PLACED: rows
     * that already carry their bucket_start (rollups of instants, summed over the pieces of each bucket, see
     * BucketPieces); STATE: evaluated per bucket.
     */
    enum PeriodKind { EVENT_DATE, EVENT_INSTANT, PLACED, STATE }

    final PeriodKind periodKind;
    /** The source's SQL with the parts a statement reads (see Parts), written once per combination. */
    private final Function<Parts, String> sql;
    private final Map<Parts, String> sqlByParts = new ConcurrentHashMap<>();
    final Set<Dimension> dimensions;
    /**
     * Whether each row's team is its rep's team, so that a team filter can be read as "the team's reps" on the rep
     * column, which the rollups index with the day ((rep_id, day)): a team's quarter is then its reps' rows, not every
     * row of the quarter joined to the reps.
     */
    final boolean teamIsTheRepsTeam;

    /** Whether each row is one deal with its amount (column amount, converted), which a deal amount range holds to. */
    boolean carriesDealAmounts() {
        return this == DEALS_OPENED || this == DEALS_CLOSED || this == PIPELINE;
    }

    FactSource(PeriodKind periodKind, String sql, Dimension... dimensions) {
        this(periodKind, parts -> sql, EnumSet.copyOf(Set.of(dimensions)));
    }

    FactSource(PeriodKind periodKind, String sql, Set<Dimension> dimensions) {
        this(periodKind, parts -> sql, dimensions);
    }

    FactSource(PeriodKind periodKind, Function<Parts, String> sql, Set<Dimension> dimensions) {
        this.periodKind = periodKind;
        this.sql = sql;
        this.dimensions = dimensions;
        this.teamIsTheRepsTeam = RepsTeam.PATTERN.matcher(sql.apply(Parts.ALL)).find();
    }

    /** The source's rows as a subquery, with only the parts that can read any of them. */
    String sql(Parts parts) {
        return sqlByParts.computeIfAbsent(parts, sql);
    }

    /**
     * The parts of a source's SQL that a statement's values decide whether anything is read from, known before the
     * statement is written (KpiSql): the rows of a money rollup in other currencies than the one requested, when it is
     * not the reporting currency; the daily rows of months that a bucket boundary splits; and the rollup rows and base
     * rows of each level of bucket pieces (BucketPieces). A part that would read nothing is left out of the text, so that
     * PostgreSQL neither plans nor runs it: a team's revenue of two quarters in the reporting currency took 0.9-1.3 ms to
     * plan and 2.1-2.7 ms to run with every part, 0.35 and 0.7 ms with the monthly rows alone (100k deals).
     */
    record Parts(boolean otherCurrencies, boolean splitMonths, Set<BucketPieces.Level> pieces) {
        static final Parts ALL = new Parts(true, true, EnumSet.allOf(BucketPieces.Level.class));
    }

    /**
     * A source whose team column is its rep's current team: it selects r.team_id of the sales_rep r that its rep column
     * is (r.id) or joins (r.id = the rep column). Read off the SQL, the one place that says where a row's team comes from.
     * (A class of its own: an enum's constructor cannot read the enum's static fields.)
     */
    private static final class RepsTeam {
        static final Pattern PATTERN = Pattern.compile("^\\s*select (?:[^,]+, )?r\\.team_id, (?<rep>[a-z]+\\.[a-z_]+)(?: as rep_id)?,"
                + ".*?(?:join sales_rep r on r\\.id = \\k<rep>\\b|from sales_rep r\\b)", Pattern.DOTALL);
    }

    /**
     * The rows of a rollup of instants (kept per UTC day and month) placed in the buckets of the request's time zone:
     * per bucket and rollup key, the signed sum over the bucket's pieces (KpiSql binds them as one table per level, see
     * BucketPieces) of the monthly rows of its MONTH pieces, the daily rows of its DAY pieces, and the base rows
     * (baseRows: the key columns and the instant, at) of its INSTANTS pieces, the hours between a local midnight and
     * the nearest UTC one (only the levels the pieces have). Every sum is a count of records in the bucket; keys with
     * none are left out, so that a count of distinct keys reads alike.
     */
    private static String placedInBuckets(Parts parts, String family, String keys, String count, String baseRows) {
        String fromRollup = keys.replaceAll("(\\w+)", "m.$1");
        StringJoiner pieces = new StringJoiner("\n                       union all\n");
        for (BucketPieces.Level level : parts.pieces()) {
            // an INSTANTS piece reads its few hours of base rows through their instant's index, one piece after the other
            // (offset 0 keeps the subquery from being flattened into a join, which the planner ran as every row of the
            // period against every piece: a team's weekly activities of a year in Kolkata, 141,737 rows x 106 pieces, 6.2 s)
            pieces.add(level == BucketPieces.Level.INSTANTS ? """
                    select p.bucket_start, p.sign, %s, 1 as n
                           from %s p cross join lateral (select * from (%s) m
                                                         where m.at >= p.span_start and m.at < p.span_end offset 0) m"""
                    .formatted(keys, level.table(), baseRows)
                    // a MONTH piece reads the monthly rollup row of its day, a DAY piece the daily one
                    : """
                    select p.bucket_start, p.sign, %s, m.%s as n
                           from %s p join %s_%s m on m.day = p.day
                           where m.day between :pieces_from and :pieces_to"""
                    .formatted(fromRollup, count, level.table(), family, level == BucketPieces.Level.MONTH ? "monthly" : "daily"));
        }
        return """
                (select x.bucket_start, %1$s, sum(x.sign * x.n) as n
                 from (%2$s) x
                 group by x.bucket_start, %1$s
                 having sum(x.sign * x.n) <> 0)""".formatted(keys, pieces);
    }

    /**
     * The rows of a rollup at both grains: a month no bucket boundary splits is one row per key in
     * {family}_monthly (day = the first of the month), the days of the months in :split_months come from
     * {family}_daily (KpiSql binds :split_months; with none, the monthly rows alone). Both sum the same base rows, so
     * either reads the same.
     */
    private static String dailyAndMonthly(Parts parts, String family) {
        return parts.splitMonths() ? "(select * from " + family + "_daily d where " + inSplitMonths("d")
                + " union all select * from " + family + "_monthly where day <> all(:split_months))"
                : family + "_monthly";
    }

    /**
     * The daily rollup rows (alias) of the months in :split_months, read through the (day) index between the first and
     * the last of them: when no month is split, the bounds are null and no row is read (the statement ends by the
     * bucket, so the months before it would otherwise be read and filtered out, all of a pipeline's history).
     */
    private static String inSplitMonths(String alias) {
        return ("%1$s.day >= (select min(m) from unnest(:split_months) m)"
                + " and %1$s.day < (select (max(m) + interval '1 month')::date from unnest(:split_months) m)"
                + " and date_trunc('month', %1$s.day)::date = any(:split_months)").formatted(alias);
    }

    /**
     * The rows of a money rollup (kept per currency, V8 and V9) with their amount in the requested currency (:currency).
     * In the reporting currency (:rates_base): the days of the months in :split_months converted by day, and monthly
     * rows as they are when in that currency, else their amount converted record by record when they were written
     * (unrated records fail the statement, naming the currency and the first day of the month with records). In another
     * currency, a monthly row cannot be converted: monthly rows only in :currency, the rows of every other currency by
     * day over the whole period (through the (currency, day) index). Which rows are read follows from the parts
     * (Parts: split months, another currency), decided before the statement is written.
     */
    private static String inRequestedCurrency(Parts parts, String family, String columns, String amount, String unrated) {
        Rates byDay = Conversions.ROLLUP_DAY;
        // in the reporting currency, rows of every currency are read; in another, only those in it (and by day the others)
        String requestedOnly = "d.currency = :currency";
        StringJoiner monthlyConditions = new StringJoiner(" and ", "\n where ", "").setEmptyValue("");
        if (parts.splitMonths()) {
            monthlyConditions.add("d.day <> all(:split_months)");
        }
        if (parts.otherCurrencies()) {
            monthlyConditions.add(requestedOnly);
        }
        StringJoiner rows = new StringJoiner("\n union all\n", "(", ")");
        if (parts.splitMonths()) {
            rows.add("""
                    select %2$s, %3$s as %4$s
                     from %1$s_daily d%5$s
                     where %6$s%7$s"""
                    .formatted(family, columns, byDay.convert("d." + amount), amount, byDay.joins(), inSplitMonths("d"),
                            parts.otherCurrencies() ? " and " + requestedOnly : ""));
        }
        if (parts.otherCurrencies()) {
            rows.add("""
                    select %2$s, %3$s as %4$s
                     from %1$s_daily d%5$s
                     where (d.currency < :currency or d.currency > :currency) and d.day between :from::date and :to::date"""
                    .formatted(family, columns, byDay.convert("d." + amount), amount, byDay.joins()));
        }
        rows.add("""
                select %2$s, case when d.currency = :currency then d.%3$s when d.%4$s = 0 then d.%3$s_reporting
                                  else missing_exchange_rate(d.currency, (select min(x.day) from %1$s_daily x where x.currency = d.currency
                                       and x.day >= d.day and x.day < (d.day + interval '1 month')::date)) end as %3$s
                 from %1$s_monthly d%5$s"""
                .formatted(family, columns, amount, unrated, monthlyConditions));
        return rows.toString();
    }

    /**
     * How amounts stored in a currency convert to the requested currency (:currency) at the rates of a day: through the
     * day's rate of each, per unit of :rates_base (the reporting currency), joined from exchange_rate_daily (V8) under
     * the alias's name. A day outside that table's window is looked up in exchange_rate; where no rate is in force,
     * missing_exchange_rate (V8) fails the statement, naming the currency and the day.
     */
    record Rates(String alias, String currency, String day) {

        /** The joins that bring the day's rate of the stored and of the requested currency. */
        String joins() {
            return rateOn(currency, alias + "_from") + rateOn(":currency", alias + "_to");
        }

        private String rateOn(String ofCurrency, String name) {
            return "\n            left join exchange_rate_daily " + name + " on " + name + ".currency = " + ofCurrency + " and " + name
                    + ".day = " + day;
        }

        /** The amount as it is when the currencies are the same, else through the cross rate of the two. */
        String convert(String amount) {
            return "case when " + currency + " = :currency then " + amount + " else " + amount + " * " + rate(alias + "_to", ":currency")
                    + " / " + rate(alias + "_from", currency) + " end";
        }

        private String rate(String joined, String ofCurrency) {
            return "(case when " + ofCurrency + " = :rates_base then 1 else coalesce(" + joined + ".rate, (select fx.rate from exchange_rate fx"
                    + " where fx.currency = " + ofCurrency + " and fx.rate_date <= " + day + " order by fx.rate_date desc limit 1),"
                    + " missing_exchange_rate(" + ofCurrency + ", " + day + ")) end)";
        }
    }

    /**
     * The conversions the sources make: which currency column, on which day (a class of its own, so that the constants
     * exist before the enum's).
     */
    private static final class Conversions {
        static final Rates ORDER_DAY = new Rates("fx_o", "o.currency", "o.ordered_on");
        static final Rates ROLLUP_DAY = new Rates("fx_d", "d.currency", "d.day");
        static final Rates OPENING_DAY = new Rates("fx_o", "o.currency", "o.opened_on");
        static final Rates CLOSE_DAY = new Rates("fx_o", "o.currency", "o.closed_on");
        static final Rates OPEN_DEAL_AT_BUCKET_END = new Rates("fx_o", "o.currency", "b.bucket_end");
        static final Rates ROLLUP_AT_BUCKET_END = new Rates("fx_d", "d.currency", "b.bucket_end");
        static final Rates COST_DAY = new Rates("fx_c", "c.currency", "c.incurred_on");
        static final Rates TARGET_AT_BUCKET_END = new Rates("fx_t", ":rates_base", "b.bucket_end");
        static final Rates QUOTA_AT_BUCKET_END = new Rates("fx_q", ":rates_base", "b.bucket_end");
        static final Rates OBSERVATION_DAY = new Rates("fx_c", "c.currency", "c.observed_on");
    }

    /** Funnel position of an opportunity stage; CLOSED_LOST reaches nothing beyond what came before it. */
    static String stageRank(String column) {
        return "case " + column + " when 'PROSPECTING' then 1 when 'QUALIFICATION' then 2 when 'PROPOSAL' then 3"
                + " when 'NEGOTIATION' then 4 when 'CLOSED_WON' then 5 else 0 end";
    }
}
