package com.saleskpi.kpi;

import static com.saleskpi.kpi.Direction.HIGHER_IS_BETTER;
import static com.saleskpi.kpi.Direction.LOWER_IS_BETTER;
import static com.saleskpi.kpi.Direction.NEUTRAL;
import static com.saleskpi.kpi.FactSource.ACCOUNTS;
import static com.saleskpi.kpi.FactSource.ACTIVITIES;
import static com.saleskpi.kpi.FactSource.ACTIVITY_ROLLUP;
import static com.saleskpi.kpi.FactSource.COMPETITOR_PRICES;
import static com.saleskpi.kpi.FactSource.COSTS;
import static com.saleskpi.kpi.FactSource.CUSTOMER_PURCHASES;
import static com.saleskpi.kpi.FactSource.DEALS_CLOSED;
import static com.saleskpi.kpi.FactSource.DEALS_CLOSED_ROLLUP;
import static com.saleskpi.kpi.FactSource.DEALS_OPENED;
import static com.saleskpi.kpi.FactSource.LEADS;
import static com.saleskpi.kpi.FactSource.LEAD_ROLLUP;
import static com.saleskpi.kpi.FactSource.ORDER_HISTORY;
import static com.saleskpi.kpi.FactSource.ORDER_LINES;
import static com.saleskpi.kpi.FactSource.PIPELINE;
import static com.saleskpi.kpi.FactSource.PIPELINE_ROLLUP;
import static com.saleskpi.kpi.FactSource.REPS;
import static com.saleskpi.kpi.FactSource.REP_QUOTAS;
import static com.saleskpi.kpi.FactSource.REVENUE_ROLLUP;
import static com.saleskpi.kpi.FactSource.SURVEYS;
import static com.saleskpi.kpi.FactSource.SURVEY_ROLLUP;
import static com.saleskpi.kpi.FactSource.TARGETS;
import static com.saleskpi.kpi.FactSource.WON_DEAL_TOUCHES;
import static com.saleskpi.kpi.Unit.COUNT;
import static com.saleskpi.kpi.Unit.COUNT_AVERAGE;
import static com.saleskpi.kpi.Unit.CURRENCY;
import static com.saleskpi.kpi.Unit.DAYS;
import static com.saleskpi.kpi.Unit.HOURS;
import static com.saleskpi.kpi.Unit.RATIO;
import static com.saleskpi.kpi.Unit.SCORE;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every KPI the service computes, each defined once. docs/kpis.md is generated from these definitions
 * (KpiDocumentationTest keeps the two equal).
 */
final class KpiCatalogue {

    private static final MathContext PRECISION = MathContext.DECIMAL64;
    private static final String NULL_WHEN_ZERO = "null when the denominator is 0";
    private static final String ZERO_WHEN_EMPTY = "0 when there are no records";
    private static final String NULL_WHEN_EMPTY = "null when there are no records";

    // Measures: SQL aggregates over one fact source. Counts use count(column) so that an empty bucket counts 0.
    private static final Measure REVENUE = new Measure(ORDER_LINES, "coalesce(sum(s.net_amount), 0)", REVENUE_ROLLUP);
    private static final Measure ORDERS = new Measure(ORDER_LINES, "count(distinct s.order_id)");
    private static final Measure UNITS = new Measure(ORDER_LINES, "coalesce(sum(s.quantity), 0)", REVENUE_ROLLUP);
    private static final Measure BUYING_ACCOUNTS = new Measure(ORDER_LINES, "count(distinct s.account_id)");
    private static final Measure SELLING_REPS = new Measure(ORDER_LINES, "count(distinct s.rep_id)");

    private static final Measure REVENUE_IN_BUCKET = new Measure(ORDER_HISTORY,
            "coalesce(sum(s.net_amount) filter (where s.ordered_on between b.bucket_start and b.bucket_end), 0)");
    private static final Measure REVENUE_PREVIOUS_PERIOD = new Measure(ORDER_HISTORY,
            "coalesce(sum(s.net_amount) filter (where s.ordered_on between b.bucket_start - (b.bucket_end - b.bucket_start + 1)"
                    + " and b.bucket_start - 1), 0)");
    private static final Measure REVENUE_PREVIOUS_PERIOD_FROM_CHURNED = new Measure(ORDER_HISTORY,
            "coalesce(sum(s.net_amount) filter (where s.ordered_on between b.bucket_start - (b.bucket_end - b.bucket_start + 1)"
                    + " and b.bucket_start - 1 and s.churned_on between b.bucket_start and b.bucket_end), 0)");

    private static final Measure NEW_DEALS = new Measure(DEALS_OPENED, "count(s.deal_id)");
    private static final Measure NEW_DEAL_VALUE = new Measure(DEALS_OPENED, "coalesce(sum(s.amount), 0)");

    private static final Measure WON = new Measure(DEALS_CLOSED, "count(s.deal_id) filter (where s.won)", DEALS_CLOSED_ROLLUP,
            "coalesce(sum(s.won), 0)");
    private static final Measure LOST = new Measure(DEALS_CLOSED, "count(s.deal_id) filter (where not s.won)", DEALS_CLOSED_ROLLUP,
            "coalesce(sum(s.lost), 0)");
    private static final Measure BOOKINGS = new Measure(DEALS_CLOSED, "coalesce(sum(s.amount) filter (where s.won), 0)",
            DEALS_CLOSED_ROLLUP, "coalesce(sum(s.won_amount), 0)");
    private static final Measure DEMO_DEALS = new Measure(DEALS_CLOSED, "count(s.deal_id) filter (where s.had_demo)");
    private static final Measure DEMO_DEALS_WON = new Measure(DEALS_CLOSED, "count(s.deal_id) filter (where s.had_demo and s.won)");
    private static final Measure CAMPAIGN_BOOKINGS = new Measure(DEALS_CLOSED,
            "coalesce(sum(s.amount) filter (where s.won and s.campaign_id is not null), 0)");

    private static final String OPEN_AT_BUCKET_END = "s.opened_on <= b.bucket_end and (s.closed_on is null or s.closed_on > b.bucket_end)";
    private static final Measure OPEN_DEALS = new Measure(PIPELINE, "count(s.deal_id) filter (where " + OPEN_AT_BUCKET_END + ")",
            PIPELINE_ROLLUP, openedMinusClosed("count", "b.bucket_end"));
    private static final Measure OPEN_VALUE = new Measure(PIPELINE,
            "coalesce(sum(s.amount) filter (where " + OPEN_AT_BUCKET_END + "), 0)", PIPELINE_ROLLUP, openedMinusClosed("amount", "b.bucket_end"));
    private static final Measure WEIGHTED_OPEN_VALUE = new Measure(PIPELINE,
            "coalesce(sum(s.amount * " + stageProbability("coalesce((select h.stage from opportunity_stage_change h"
                    + " where h.opportunity_id = s.deal_id and h.entered_at < (b.bucket_end + 1)::timestamp at time zone :tz"
                    + " order by h.entered_at desc, h.id desc limit 1), s.stage)") + ") filter (where " + OPEN_AT_BUCKET_END + "), 0)");
    private static final Measure DEALS_WORKED = new Measure(PIPELINE,
            "count(s.deal_id) filter (where s.opened_on <= b.bucket_end and (s.closed_on is null or s.closed_on >= b.bucket_start))",
            PIPELINE_ROLLUP, openedMinusClosed("count", "b.bucket_start - 1"));
    private static final Measure DEALS_WON_IN_BUCKET = new Measure(PIPELINE,
            "count(s.deal_id) filter (where s.stage = 'CLOSED_WON' and s.closed_on between b.bucket_start and b.bucket_end)");

    private static final Measure LEADS_RECEIVED = counted(LEADS, "lead_id", null, LEAD_ROLLUP);
    private static final Measure REACHED_MQL = new Measure(LEADS,
            "count(s.lead_id) filter (where coalesce(s.mql_at, s.sql_at, s.opportunity_at, s.customer_at) is not null)");
    private static final Measure REACHED_SQL = new Measure(LEADS,
            "count(s.lead_id) filter (where coalesce(s.sql_at, s.opportunity_at, s.customer_at) is not null)");
    private static final Measure REACHED_OPPORTUNITY = new Measure(LEADS,
            "count(s.lead_id) filter (where coalesce(s.opportunity_at, s.customer_at) is not null)");
    private static final Measure REACHED_CUSTOMER = new Measure(LEADS, "count(s.lead_id) filter (where s.customer_at is not null)");
    private static final Measure FOLLOWED_UP = new Measure(LEADS, "count(s.lead_id) filter (where s.first_response_at is not null)");
    private static final String RESPONSE_HOURS = "extract(epoch from (s.first_response_at - s.received_at)) / 3600";
    private static final Measure CAMPAIGN_LEADS = new Measure(LEADS, "count(s.lead_id) filter (where s.campaign_id is not null)");

    private static final Measure ACTIVITY_COUNT = counted(ACTIVITIES, "activity_id", null, ACTIVITY_ROLLUP);
    private static final Measure ACTIVE_REPS = new Measure(ACTIVITIES, "count(distinct s.rep_id)", ACTIVITY_ROLLUP);
    private static final Measure WORKING_DAYS = new Measure(ACTIVITIES, "max((select count(*) from generate_series(b.bucket_start,"
            + " b.bucket_end, interval '1 day') d where extract(isodow from d) < 6))", ACTIVITY_ROLLUP);
    private static final Measure RESPONSES = counted(ACTIVITIES, "activity_id", "s.outcome in ('REPLIED', 'POSITIVE', 'NEGATIVE')",
            ACTIVITY_ROLLUP);
    private static final Measure ACCOUNT_ACTIVITIES = new Measure(ACTIVITIES,
            "count(s.activity_id) filter (where s.account_id is not null)");

    private static final Measure NEW_CUSTOMERS = new Measure(ACCOUNTS,
            "count(s.account_id) filter (where s.acquired_on between b.bucket_start and b.bucket_end)");
    private static final Measure CUSTOMERS_AT_START = new Measure(ACCOUNTS, "count(s.account_id) filter (where s.acquired_on"
            + " < b.bucket_start and (s.churned_on is null or s.churned_on >= b.bucket_start))");
    private static final Measure CUSTOMERS_AT_END = new Measure(ACCOUNTS, "count(s.account_id) filter (where s.acquired_on"
            + " <= b.bucket_end and (s.churned_on is null or s.churned_on > b.bucket_end))");
    private static final Measure CHURNED_CUSTOMERS = new Measure(ACCOUNTS, "count(s.account_id) filter (where s.acquired_on"
            + " < b.bucket_start and s.churned_on between b.bucket_start and b.bucket_end)");

    private static final Measure TOTAL_COST = new Measure(COSTS, "coalesce(sum(s.amount), 0)");
    private static final Measure CAMPAIGN_COST = new Measure(COSTS,
            "coalesce(sum(s.amount) filter (where s.campaign_id is not null), 0)");

    private static final Measure REPS_WITH_QUOTA = new Measure(REP_QUOTAS, "count(s.rep_id)");
    private static final Measure REPS_AT_QUOTA = new Measure(REP_QUOTAS, "count(s.rep_id) filter (where s.revenue >= s.quota)");

    private static final Measure HEADCOUNT_AT_START = new Measure(REPS, "count(s.rep_id) filter (where s.hire_date <= b.bucket_start"
            + " and (s.leave_date is null or s.leave_date >= b.bucket_start))");
    private static final Measure HEADCOUNT_AT_END = new Measure(REPS, "count(s.rep_id) filter (where s.hire_date <= b.bucket_end"
            + " and (s.leave_date is null or s.leave_date >= b.bucket_end))");
    private static final Measure LEAVERS = new Measure(REPS,
            "count(s.rep_id) filter (where s.leave_date between b.bucket_start and b.bucket_end)");

    private static final Measure COMPETITOR_AVERAGE = new Measure(COMPETITOR_PRICES, "avg(s.price)");

    static final Map<String, KpiDefinition> ALL = build();

    private KpiCatalogue() {
    }

    static Optional<KpiDefinition> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    private static Map<String, KpiDefinition> build() {
        List<KpiDefinition> kpis = new ArrayList<>();

        // Revenue and targets
        kpis.add(kpi("revenue", "Revenue", CURRENCY, HIGHER_IS_BETTER, "Net revenue: order lines net of discount, orders not cancelled")
                .formula("sum of quantity x unit price x (1 - discount %) over order lines").period("order day")
                .zero(ZERO_WHEN_EMPTY).of(first(), REVENUE));
        kpis.add(kpi("orders", "Sales count", COUNT, HIGHER_IS_BETTER, "Orders placed and not cancelled")
                .formula("count of orders").period("order day").zero(ZERO_WHEN_EMPTY).of(first(), ORDERS));
        kpis.add(kpi("units_sold", "Units sold", COUNT, HIGHER_IS_BETTER, "Quantity sold over all order lines (sales volume)")
                .formula("sum of order line quantities").period("order day").zero(ZERO_WHEN_EMPTY).of(first(), UNITS));
        kpis.add(kpi("average_order_value", "Average order value", CURRENCY, HIGHER_IS_BETTER, "Revenue per order")
                .ratio("revenue", "orders").period("order day").zero(NULL_WHEN_ZERO).of(ratio(0, 1), REVENUE, ORDERS));
        kpis.add(kpi("revenue_per_rep", "Revenue per selling rep", CURRENCY, HIGHER_IS_BETTER,
                "Revenue divided by the reps who sold in the period (break down by rep for each rep's revenue)")
                .ratio("revenue", "distinct reps on the orders").period("order day").zero(NULL_WHEN_ZERO)
                .of(ratio(0, 1), REVENUE, SELLING_REPS));
        kpis.add(kpi("revenue_per_account", "Average revenue per account", CURRENCY, HIGHER_IS_BETTER,
                "Revenue divided by the accounts that bought in the period")
                .ratio("revenue", "distinct buying accounts").period("order day").zero(NULL_WHEN_ZERO)
                .of(ratio(0, 1), REVENUE, BUYING_ACCOUNTS));
        kpis.add(kpi("bookings", "Bookings", CURRENCY, HIGHER_IS_BETTER, "Amount of the deals won")
                .formula("sum of amounts of CLOSED_WON opportunities").period("close day").zero(ZERO_WHEN_EMPTY).of(first(), BOOKINGS));
        for (String metric : List.of("REVENUE", "BOOKINGS", "DEALS_WON", "NEW_ACCOUNTS", "ACTIVITIES", "NEW_LEADS")) {
            Measure target = new Measure(TARGETS, "coalesce(sum(s.value) filter (where s.metric = '" + metric + "'), 0)");
            String lower = metric.toLowerCase(Locale.ROOT);
            if (metric.equals("REVENUE")) {
                kpis.add(kpi("revenue_target", "Revenue target", CURRENCY, NEUTRAL, "Sum of the REVENUE targets of the scope"
                        + " whose period lies within the period").formula("sum of target values").period(TARGET_PERIOD)
                        .zero(ZERO_WHEN_EMPTY).of(first(), target));
            }
            Measure actual = switch (metric) {
                case "REVENUE" -> REVENUE;
                case "BOOKINGS" -> BOOKINGS;
                case "DEALS_WON" -> WON;
                case "NEW_ACCOUNTS" -> NEW_CUSTOMERS;
                case "ACTIVITIES" -> ACTIVITY_COUNT;
                default -> LEADS_RECEIVED;
            };
            kpis.add(kpi("target_attainment_" + lower, "Target attainment: " + lower.replace('_', ' '), RATIO, HIGHER_IS_BETTER,
                    "Actual " + lower.replace('_', ' ') + " divided by the " + metric + " targets of the scope")
                    .ratio("actual " + lower.replace('_', ' '), "sum of " + metric + " targets whose period lies within the period")
                    .period("the actual's own date; " + TARGET_PERIOD).zero("null when there is no target (or it is 0)")
                    .of(ratio(0, 1), actual, target));
        }
        kpis.add(kpi("quota_attainment_share", "Quota attainment share", RATIO, HIGHER_IS_BETTER,
                "Share of reps with a revenue quota in the period whose revenue reached it")
                .ratio("reps with revenue >= their REVENUE quota", "reps with a REVENUE quota (REP targets within the period)")
                .period("order day; quota periods within the period").zero(NULL_WHEN_ZERO).of(ratio(1, 0), REPS_WITH_QUOTA, REPS_AT_QUOTA));
        for (Object[] growth : new Object[][] { { "mom", "month", 1 }, { "qoq", "quarter", 3 }, { "yoy", "year", 12 } }) {
            Measure shifted = new Measure(ORDER_HISTORY, "coalesce(sum(s.net_amount) filter (where s.ordered_on between"
                    + " (b.bucket_start - interval '" + growth[2] + " months')::date and"
                    + " ((b.bucket_end + 1) - interval '" + growth[2] + " months')::date - 1), 0)");
            kpis.add(kpi("revenue_growth_" + growth[0], "Revenue growth, " + growth[1] + " over " + growth[1], RATIO, HIGHER_IS_BETTER,
                    "Relative change of revenue against the same period shifted back one " + growth[1])
                    .formula("(revenue - revenue one " + growth[1] + " earlier) / revenue one " + growth[1] + " earlier")
                    .ratio("revenue - earlier revenue", "revenue of the period shifted back one " + growth[1])
                    .period("order day").zero(NULL_WHEN_ZERO).of(growth(), REVENUE_IN_BUCKET, shifted));
        }
        kpis.add(kpi("average_selling_price", "Average selling price", CURRENCY, HIGHER_IS_BETTER,
                "Net revenue per unit sold (break down by product for each product's price)")
                .ratio("revenue", "units sold").period("order day").zero(NULL_WHEN_ZERO).of(ratio(0, 1), REVENUE, UNITS));
        kpis.add(kpi("competitor_average_price", "Average competitor price", CURRENCY, NEUTRAL,
                "Average of the competitor prices observed").formula("average of observed prices").period("observation day")
                .zero(NULL_WHEN_EMPTY).of(first(), COMPETITOR_AVERAGE));
        kpis.add(kpi("competitor_price_gap", "Price gap to competitors", RATIO, NEUTRAL,
                "How far our average selling price lies above (+) or below (-) the average observed competitor price")
                .formula("(average selling price - average competitor price) / average competitor price")
                .ratio("average selling price - average competitor price", "average competitor price")
                .period("order day; observation day").zero("null when there are no sales or no observations")
                .of(m -> {
                    BigDecimal asp = divide(m.get(0), m.get(1));
                    return asp == null ? null : divide(asp.subtract(nz(m.get(2))), m.get(2));
                }, REVENUE, UNITS, COMPETITOR_AVERAGE));

        // Pipeline and deals
        kpis.add(kpi("new_opportunities", "New opportunities", COUNT, HIGHER_IS_BETTER, "Opportunities opened")
                .formula("count of opportunities").period("open day").zero(ZERO_WHEN_EMPTY).of(first(), NEW_DEALS));
        kpis.add(kpi("new_opportunity_value", "New opportunity value", CURRENCY, HIGHER_IS_BETTER, "Amount of the opportunities opened")
                .formula("sum of amounts").period("open day").zero(ZERO_WHEN_EMPTY).of(first(), NEW_DEAL_VALUE));
        kpis.add(kpi("open_pipeline_value", "Open pipeline value", CURRENCY, HIGHER_IS_BETTER,
                "Amount of the opportunities open at the end of the period")
                .formula("sum of amounts of deals opened on or before the last day and not closed by it")
                .period(SNAPSHOT_AT_END).zero(ZERO_WHEN_EMPTY).of(first(), OPEN_VALUE));
        kpis.add(kpi("open_pipeline_count", "Open pipeline count", COUNT, HIGHER_IS_BETTER,
                "Opportunities open at the end of the period").formula("count of deals open at the end").period(SNAPSHOT_AT_END)
                .zero(ZERO_WHEN_EMPTY).of(first(), OPEN_DEALS));
        kpis.add(kpi("weighted_pipeline_value", "Weighted pipeline value", CURRENCY, HIGHER_IS_BETTER,
                "Open pipeline weighted by the probability of the stage each deal was in at the end of the period"
                        + " (PROSPECTING 10 %, QUALIFICATION 25 %, PROPOSAL 50 %, NEGOTIATION 75 %)")
                .formula("sum of amount x stage probability").period(SNAPSHOT_AT_END).zero(ZERO_WHEN_EMPTY)
                .of(first(), WEIGHTED_OPEN_VALUE));
        kpis.add(kpi("deals_won", "Deals won", COUNT, HIGHER_IS_BETTER, "Opportunities closed as won")
                .formula("count of CLOSED_WON").period("close day").zero(ZERO_WHEN_EMPTY).of(first(), WON));
        kpis.add(kpi("deals_lost", "Deals lost", COUNT, LOWER_IS_BETTER, "Opportunities closed as lost")
                .formula("count of CLOSED_LOST").period("close day").zero(ZERO_WHEN_EMPTY).of(first(), LOST));
        kpis.add(kpi("win_rate", "Win rate", RATIO, HIGHER_IS_BETTER, "Share of closed deals that were won")
                .ratio("deals won", "deals won + deals lost").period("close day").zero(NULL_WHEN_ZERO)
                .of(m -> divide(m.get(0), nz(m.get(0)).add(nz(m.get(1)))), WON, LOST));
        kpis.add(kpi("win_loss_ratio", "Win/loss ratio", RATIO, HIGHER_IS_BETTER, "Deals won per deal lost")
                .ratio("deals won", "deals lost").period("close day").zero(NULL_WHEN_ZERO).of(ratio(0, 1), WON, LOST));
        kpis.add(kpi("close_ratio", "Close ratio", RATIO, HIGHER_IS_BETTER,
                "Deals won among the opportunities worked in the period (open at any time during it)")
                .ratio("deals won in the period", "deals opened by the last day and not closed before the first")
                .period("close day; open interval overlapping the period").zero(NULL_WHEN_ZERO)
                .of(ratio(0, 1), DEALS_WON_IN_BUCKET, DEALS_WORKED));
        kpis.add(kpi("average_deal_size", "Average deal size", CURRENCY, HIGHER_IS_BETTER, "Bookings per deal won")
                .ratio("bookings", "deals won").period("close day").zero(NULL_WHEN_ZERO).of(ratio(0, 1), BOOKINGS, WON));
        kpis.add(kpi("sales_cycle_days_avg", "Sales cycle length (average)", DAYS, LOWER_IS_BETTER,
                "Average days from opening to winning, over deals won").formula("average of close day - open day over won deals")
                .period("close day").zero(NULL_WHEN_EMPTY)
                .of(first(), new Measure(DEALS_CLOSED, "avg(s.cycle_days) filter (where s.won)",
                        DEALS_CLOSED_ROLLUP, "sum(s.won_cycle_days)::numeric / nullif(sum(s.won), 0)")));
        kpis.add(kpi("sales_cycle_days_median", "Sales cycle length (median)", DAYS, LOWER_IS_BETTER,
                "Median days from opening to winning, over deals won").formula("median of close day - open day over won deals")
                .period("close day").zero(NULL_WHEN_EMPTY).of(first(), new Measure(DEALS_CLOSED,
                        "percentile_cont(0.5) within group (order by s.cycle_days) filter (where s.won)")));
        String[] funnel = { "prospecting", "qualification", "proposal", "negotiation", "won" };
        for (int rank = 1; rank < funnel.length; rank++) {
            kpis.add(kpi("funnel_" + funnel[rank - 1] + "_to_" + funnel[rank], "Funnel conversion: " + funnel[rank - 1] + " to "
                    + funnel[rank], RATIO, HIGHER_IS_BETTER, "Share of the deals that reached " + funnel[rank - 1].toUpperCase(Locale.ROOT)
                    + " (or later) that went on to reach " + funnel[rank].toUpperCase(Locale.ROOT) + " (or later), from the stage history")
                    .ratio("deals that reached the later stage", "deals that reached the earlier stage").period("open day")
                    .zero(NULL_WHEN_ZERO).of(ratio(1, 0), reachedStage(rank), reachedStage(rank + 1)));
        }
        kpis.add(kpi("demo_to_close_ratio", "Demo-to-close ratio", RATIO, HIGHER_IS_BETTER,
                "Share of the closed deals that had a demo which were won").ratio("won deals with a demo", "closed deals with a demo")
                .period("close day").zero(NULL_WHEN_ZERO).of(ratio(0, 1), DEMO_DEALS_WON, DEMO_DEALS));
        for (String type : List.of("UPSELL", "CROSS_SELL")) {
            String lower = type.toLowerCase(Locale.ROOT);
            kpis.add(kpi(lower + "_rate", lower.replace('_', '-') + " rate", RATIO, HIGHER_IS_BETTER,
                    "Share of the deals won that were " + type + " deals with existing customers")
                    .ratio("won " + type + " deals", "deals won").period("close day").zero(NULL_WHEN_ZERO)
                    .of(ratio(0, 1), new Measure(DEALS_CLOSED, "count(s.deal_id) filter (where s.won and s.type = '" + type + "')"), WON));
            kpis.add(kpi(lower + "_bookings_share", lower.replace('_', '-') + " share of bookings", RATIO, HIGHER_IS_BETTER,
                    "Share of bookings from " + type + " deals with existing customers")
                    .ratio("bookings of " + type + " deals", "bookings").period("close day").zero(NULL_WHEN_ZERO)
                    .of(ratio(0, 1), new Measure(DEALS_CLOSED, "coalesce(sum(s.amount) filter (where s.won and s.type = '"
                            + type + "'), 0)"), BOOKINGS));
        }

        // Leads and funnel
        kpis.add(kpi("new_leads", "New leads", COUNT, HIGHER_IS_BETTER, "Leads received").formula("count of leads")
                .period(LEAD_PERIOD).zero(ZERO_WHEN_EMPTY).of(first(), LEADS_RECEIVED));
        for (String stage : List.of("LEAD", "MQL", "SQL", "OPPORTUNITY", "CUSTOMER", "DISQUALIFIED")) {
            kpis.add(kpi("lead_stage_share_" + stage.toLowerCase(Locale.ROOT), "Leads now at stage " + stage, RATIO, NEUTRAL,
                    "Share of the leads received in the period whose current lifecycle stage is " + stage)
                    .ratio("leads at " + stage, "leads received").period(LEAD_PERIOD).zero(NULL_WHEN_ZERO)
                    .of(ratio(0, 1), new Measure(LEADS, "count(s.lead_id) filter (where s.stage = '" + stage + "')"), LEADS_RECEIVED));
        }
        kpis.add(conversion("lead_to_mql_rate", "Lead to MQL", "leads that reached MQL or later", "leads received", REACHED_MQL, LEADS_RECEIVED));
        kpis.add(conversion("mql_to_sql_rate", "MQL to SQL", "leads that reached SQL or later", "leads that reached MQL or later",
                REACHED_SQL, REACHED_MQL));
        kpis.add(conversion("sql_to_opportunity_rate", "SQL to opportunity", "leads that reached OPPORTUNITY or later",
                "leads that reached SQL or later", REACHED_OPPORTUNITY, REACHED_SQL));
        kpis.add(conversion("opportunity_to_customer_rate", "Opportunity to customer", "leads that became customers",
                "leads that reached OPPORTUNITY or later", REACHED_CUSTOMER, REACHED_OPPORTUNITY));
        kpis.add(conversion("lead_to_opportunity_ratio", "Lead to opportunity", "leads that reached OPPORTUNITY or later",
                "leads received", REACHED_OPPORTUNITY, LEADS_RECEIVED));
        kpis.add(conversion("lead_to_customer_rate", "Lead to customer", "leads that became customers", "leads received",
                REACHED_CUSTOMER, LEADS_RECEIVED));
        kpis.add(conversion("mql_to_customer_rate", "MQL to customer", "leads that became customers",
                "leads that reached MQL or later", REACHED_CUSTOMER, REACHED_MQL));
        kpis.add(conversion("sql_to_customer_rate", "SQL to customer", "leads that became customers",
                "leads that reached SQL or later", REACHED_CUSTOMER, REACHED_SQL));
        kpis.add(kpi("first_response_hours_avg", "First response time (average)", HOURS, LOWER_IS_BETTER,
                "Average hours from a lead coming in to the first response, over leads responded to")
                .formula("average of first response - received").period(LEAD_PERIOD).zero(NULL_WHEN_EMPTY)
                .of(first(), new Measure(LEADS, "avg(" + RESPONSE_HOURS + ")")));
        kpis.add(kpi("first_response_hours_median", "First response time (median)", HOURS, LOWER_IS_BETTER,
                "Median hours from a lead coming in to the first response, over leads responded to")
                .formula("median of first response - received").period(LEAD_PERIOD).zero(NULL_WHEN_EMPTY)
                .of(first(), new Measure(LEADS, "percentile_cont(0.5) within group (order by " + RESPONSE_HOURS + ")")));
        kpis.add(kpi("leads_followed_up_share", "Leads followed up", RATIO, HIGHER_IS_BETTER, "Share of leads that got a response")
                .ratio("leads with a first response", "leads received").period(LEAD_PERIOD).zero(NULL_WHEN_ZERO)
                .of(ratio(0, 1), FOLLOWED_UP, LEADS_RECEIVED));
        kpis.add(kpi("customer_lifecycle_days", "Customer lifecycle length", DAYS, LOWER_IS_BETTER,
                "Average days from the first touch (lead received) to the first purchase (lead became customer)")
                .formula("average of customer_at - received_at over leads that became customers").period(LEAD_PERIOD)
                .zero(NULL_WHEN_EMPTY).of(first(), new Measure(LEADS,
                        "avg(extract(epoch from (s.customer_at - s.received_at)) / 86400) filter (where s.customer_at is not null)")));
        kpis.add(kpi("positive_response_rate", "Positive response rate", RATIO, HIGHER_IS_BETTER,
                "Share of responses (REPLIED, POSITIVE, NEGATIVE outcomes) that were POSITIVE")
                .ratio("activities with outcome POSITIVE", "activities with a response outcome").period(ACTIVITY_PERIOD)
                .zero(NULL_WHEN_ZERO).of(ratio(0, 1), outcome("POSITIVE"), RESPONSES));
        kpis.add(kpi("negative_response_rate", "Negative response rate", RATIO, LOWER_IS_BETTER,
                "Share of responses (REPLIED, POSITIVE, NEGATIVE outcomes) that were NEGATIVE")
                .ratio("activities with outcome NEGATIVE", "activities with a response outcome").period(ACTIVITY_PERIOD)
                .zero(NULL_WHEN_ZERO).of(ratio(0, 1), outcome("NEGATIVE"), RESPONSES));
        kpis.add(kpi("meeting_acceptance_rate", "Meeting acceptance rate", RATIO, HIGHER_IS_BETTER,
                "Meetings booked (MEETING with outcome ACCEPTED or HELD) per response").ratio("meetings booked", "responses")
                .period(ACTIVITY_PERIOD).zero(NULL_WHEN_ZERO).of(ratio(0, 1), counted(ACTIVITIES, "activity_id",
                        "s.type = 'MEETING' and s.outcome in ('ACCEPTED', 'HELD')", ACTIVITY_ROLLUP), RESPONSES));
        kpis.add(kpi("email_open_rate", "Email open rate", RATIO, HIGHER_IS_BETTER, "Share of emails opened (OPENED or REPLIED)")
                .ratio("emails opened or replied to", "emails").period(ACTIVITY_PERIOD).zero(NULL_WHEN_ZERO)
                .of(ratio(0, 1), counted(ACTIVITIES, "activity_id", "s.type = 'EMAIL' and s.outcome in ('OPENED', 'REPLIED')",
                        ACTIVITY_ROLLUP), activityType("EMAIL")));
        kpis.add(kpi("touches_per_won_deal", "Touches per won deal", COUNT_AVERAGE, LOWER_IS_BETTER,
                "Activities logged on the deals won, per deal won").ratio("activities on won deals", "deals won").period("close day")
                .zero(NULL_WHEN_ZERO).of(ratio(0, 1), new Measure(WON_DEAL_TOUCHES, "count(s.deal_id)"), WON));

        // Activity
        kpis.add(kpi("activities", "Activities", COUNT, HIGHER_IS_BETTER, "Activities logged").formula("count of activities")
                .period(ACTIVITY_PERIOD).zero(ZERO_WHEN_EMPTY).of(first(), ACTIVITY_COUNT));
        for (String type : List.of("CALL", "EMAIL", "MEETING", "DEMO", "PROPOSAL", "VISIT", "SOCIAL")) {
            String lower = type.toLowerCase(Locale.ROOT);
            kpis.add(kpi("activities_" + lower, "Activities: " + lower, COUNT, HIGHER_IS_BETTER, "Activities of type " + type
                    + (type.equals("PROPOSAL") ? " (proposals sent)" : "")).formula("count of " + type + " activities")
                    .period(ACTIVITY_PERIOD).zero(ZERO_WHEN_EMPTY).of(first(), activityType(type)));
            kpis.add(kpi("touches_per_won_deal_" + lower, "Touches per won deal: " + lower, COUNT_AVERAGE, NEUTRAL,
                    type + " activities logged on the deals won, per deal won").ratio(type + " activities on won deals", "deals won")
                    .period("close day").zero(NULL_WHEN_ZERO).of(ratio(0, 1), new Measure(WON_DEAL_TOUCHES,
                            "count(s.deal_id) filter (where s.activity_type = '" + type + "')"), WON));
        }
        kpis.add(kpi("activities_per_rep", "Activities per rep", COUNT_AVERAGE, HIGHER_IS_BETTER, "Activities per rep who logged any")
                .ratio("activities", "distinct reps with activities").period(ACTIVITY_PERIOD).zero(NULL_WHEN_ZERO)
                .of(ratio(0, 1), ACTIVITY_COUNT, ACTIVE_REPS));
        kpis.add(kpi("activities_per_rep_per_working_day", "Activities per rep per working day", COUNT_AVERAGE, HIGHER_IS_BETTER,
                "Activities per active rep per working day (Monday to Friday) of the period")
                .ratio("activities", "distinct reps with activities x Monday-to-Friday days in the period").period(ACTIVITY_PERIOD)
                .zero(NULL_WHEN_ZERO).of(m -> divide(m.get(0), m.get(1) == null || m.get(2) == null ? null
                        : m.get(1).multiply(m.get(2))), ACTIVITY_COUNT, ACTIVE_REPS, WORKING_DAYS));

        // Customers
        kpis.add(kpi("new_customers", "New customers", COUNT, HIGHER_IS_BETTER, "Accounts acquired (first purchase) in the period")
                .formula("count of accounts with acquiredOn in the period").period("acquisition day").zero(ZERO_WHEN_EMPTY)
                .of(first(), NEW_CUSTOMERS));
        kpis.add(kpi("customers_at_end", "Customers", COUNT, HIGHER_IS_BETTER, "Customers at the end of the period")
                .formula("accounts acquired by the last day and not churned by it").period(SNAPSHOT_AT_END).zero(ZERO_WHEN_EMPTY)
                .of(first(), CUSTOMERS_AT_END));
        kpis.add(kpi("customer_acquisition_rate", "Customer acquisition rate", RATIO, HIGHER_IS_BETTER,
                "New customers relative to the customers at the start").ratio("new customers", "customers at the start")
                .period("acquisition day").zero(NULL_WHEN_ZERO).of(ratio(0, 1), NEW_CUSTOMERS, CUSTOMERS_AT_START));
        kpis.add(kpi("churn_rate", "Churn rate", RATIO, LOWER_IS_BETTER, "Share of the customers at the start who churned in the period")
                .ratio("customers at the start who churned in the period", "customers at the start (acquired before it, not churned)")
                .period("churn day").zero(NULL_WHEN_ZERO).of(ratio(0, 1), CHURNED_CUSTOMERS, CUSTOMERS_AT_START));
        kpis.add(kpi("retention_rate", "Retention rate", RATIO, HIGHER_IS_BETTER, "(customers at end - new customers) / customers at start")
                .ratio("customers at the end - new customers", "customers at the start").period("acquisition and churn days")
                .zero(NULL_WHEN_ZERO).of(m -> divide(m.get(0) == null ? null : nz(m.get(0)).subtract(nz(m.get(1))), m.get(2)),
                        CUSTOMERS_AT_END, NEW_CUSTOMERS, CUSTOMERS_AT_START));
        kpis.add(kpi("revenue_churn_rate", "Revenue churn rate", RATIO, LOWER_IS_BETTER,
                "Share of the previous period's revenue that came from customers who churned in this period")
                .ratio("revenue of the previous period (same length) from customers who churned in this period",
                        "revenue of the previous period").period("order day; churn day").zero(NULL_WHEN_ZERO)
                .of(ratio(0, 1), REVENUE_PREVIOUS_PERIOD_FROM_CHURNED, REVENUE_PREVIOUS_PERIOD));
        kpis.add(kpi("customer_lifetime_value", "Customer lifetime value", CURRENCY, HIGHER_IS_BETTER,
                "Average revenue per buying account in the period divided by the churn rate of the period"
                        + " (revenue per period x expected number of periods a customer stays)")
                .formula("(revenue / buying accounts) / (churned customers / customers at start)")
                .ratio("revenue per buying account", "churn rate").period("order day; churn day")
                .zero("null when there is no revenue or no churn").of(m -> divide(divide(m.get(0), m.get(1)), divide(m.get(2), m.get(3))),
                        REVENUE, BUYING_ACCOUNTS, CHURNED_CUSTOMERS, CUSTOMERS_AT_START));
        kpis.add(kpi("engagement_per_customer", "Interactions per customer", COUNT_AVERAGE, HIGHER_IS_BETTER,
                "Activities on accounts per customer at the end of the period").ratio("activities linked to an account", "customers at the end")
                .period(ACTIVITY_PERIOD).zero(NULL_WHEN_ZERO).of(ratio(0, 1), ACCOUNT_ACTIVITIES, CUSTOMERS_AT_END));
        for (boolean contacted : new boolean[] { true, false }) {
            String which = contacted ? "contacted" : "not_contacted";
            String condition = (contacted ? "" : "not ") + "s.contacted";
            kpis.add(kpi("repeat_purchase_rate_" + which, "Repeat purchase rate, " + which.replace('_', ' ') + " customers", RATIO,
                    HIGHER_IS_BETTER, "Among customers who bought in the period and were " + (contacted ? "" : "not ")
                            + "contacted by a rep in it, the share who ordered more than once")
                    .ratio("those customers with 2 or more orders", "those customers with 1 or more orders")
                    .period("order day; activity instant").zero(NULL_WHEN_ZERO).of(ratio(0, 1),
                            new Measure(CUSTOMER_PURCHASES, "count(s.account_id) filter (where s.orders >= 2 and " + condition + ")"),
                            new Measure(CUSTOMER_PURCHASES, "count(s.account_id) filter (where s.orders >= 1 and " + condition + ")")));
        }

        // Cost and profitability
        kpis.add(kpi("sales_and_marketing_cost", "Sales and marketing cost", CURRENCY, LOWER_IS_BETTER, "All cost entries")
                .formula("sum of cost amounts").period("cost day").zero(ZERO_WHEN_EMPTY).of(first(), TOTAL_COST));
        kpis.add(kpi("customer_acquisition_cost", "Customer acquisition cost", CURRENCY, LOWER_IS_BETTER,
                "Sales and marketing cost per new customer").ratio("sales + marketing cost", "new customers")
                .period("cost day; acquisition day").zero(NULL_WHEN_ZERO).of(ratio(0, 1), TOTAL_COST, NEW_CUSTOMERS));
        kpis.add(kpi("cost_per_lead", "Cost per lead", CURRENCY, LOWER_IS_BETTER, "Campaign cost per lead that came from a campaign")
                .ratio("cost of campaigns", "leads of campaigns").period("cost day; lead instant").zero(NULL_WHEN_ZERO)
                .of(ratio(0, 1), CAMPAIGN_COST, CAMPAIGN_LEADS));
        kpis.add(kpi("clv_to_cac_ratio", "CLV:CAC ratio", RATIO, HIGHER_IS_BETTER, "Customer lifetime value per acquisition cost")
                .ratio("customer lifetime value", "customer acquisition cost").period("as for CLV and CAC").zero("null when either is null or CAC is 0")
                .of(m -> divide(divide(divide(m.get(0), m.get(1)), divide(m.get(2), m.get(3))), divide(m.get(4), m.get(5))),
                        REVENUE, BUYING_ACCOUNTS, CHURNED_CUSTOMERS, CUSTOMERS_AT_START, TOTAL_COST, NEW_CUSTOMERS));
        kpis.add(kpi("campaign_return", "Campaign return", RATIO, HIGHER_IS_BETTER,
                "Bookings of deals whose lead came from a campaign, per campaign cost")
                .ratio("bookings attributed to campaigns", "cost of campaigns").period("close day; cost day").zero(NULL_WHEN_ZERO)
                .of(ratio(0, 1), CAMPAIGN_BOOKINGS, CAMPAIGN_COST));

        // Satisfaction and people
        kpis.add(netPromoter("nps", "Net Promoter Score", "NPS", "customers"));
        kpis.add(netPromoter("enps", "Employee Net Promoter Score", "ENPS", "employees"));
        kpis.add(kpi("csat_average", "Customer satisfaction (CSAT)", SCORE, HIGHER_IS_BETTER, "Average CSAT score (1-5)")
                .formula("average of CSAT scores").period("response instant").zero(NULL_WHEN_EMPTY)
                .of(first(), new Measure(SURVEYS, "avg(s.score) filter (where s.survey = 'CSAT')")));
        kpis.add(kpi("rep_turnover_rate", "Rep turnover rate", RATIO, LOWER_IS_BETTER, "Reps who left per average headcount")
                .ratio("reps whose leave date lies in the period", "(headcount at start + headcount at end) / 2")
                .period("leave day").zero(NULL_WHEN_ZERO).of(m -> divide(m.get(0), m.get(1) == null ? null
                        : nz(m.get(1)).add(nz(m.get(2))).divide(BigDecimal.valueOf(2))), LEAVERS, HEADCOUNT_AT_START, HEADCOUNT_AT_END));

        Map<String, KpiDefinition> byName = new LinkedHashMap<>();
        kpis.forEach(k -> {
            if (byName.put(k.name(), k) != null) {
                throw new IllegalStateException("KPI defined twice: " + k.name());
            }
        });
        return byName;
    }

    private static final String TARGET_PERIOD = "targets count when their period lies within the period";
    private static final String SNAPSHOT_AT_END = "state on the last day of the period";
    private static final String LEAD_PERIOD = "instant the lead was received, in the requested time zone";
    private static final String ACTIVITY_PERIOD = "instant of the activity, in the requested time zone";

    private static KpiDefinition conversion(String name, String title, String numerator, String denominator, Measure n, Measure d) {
        return kpi(name, title + " conversion", RATIO, HIGHER_IS_BETTER, "Of the leads received in the period, " + numerator
                + " relative to " + denominator).ratio(numerator, denominator).period(LEAD_PERIOD).zero(NULL_WHEN_ZERO)
                .of(ratio(0, 1), n, d);
    }

    /** Over pipeline_daily: the deals (count) or their amounts opened by the bucket's end, less those closed by closedBy. */
    private static String openedMinusClosed(String what, String closedBy) {
        return "coalesce(sum(s.opened_" + what + ") filter (where s.day <= b.bucket_end), 0)"
                + " - coalesce(sum(s.closed_" + what + ") filter (where s.day <= " + closedBy + "), 0)";
    }

    private static KpiDefinition netPromoter(String name, String title, String survey, String who) {
        return kpi(name, title, SCORE, HIGHER_IS_BETTER, "% promoters (9-10) - % detractors (0-6) among " + who + " answering " + survey)
                .formula("100 x (promoters - detractors) / answers").ratio("promoters - detractors", "answers")
                .period("response instant").zero(NULL_WHEN_ZERO)
                .of(m -> {
                    BigDecimal share = divide(nz(m.get(0)).subtract(nz(m.get(1))), m.get(2));
                    return share == null ? null : share.multiply(BigDecimal.valueOf(100));
                }, counted(SURVEYS, "score", "s.survey = '" + survey + "' and s.score >= 9", SURVEY_ROLLUP),
                        counted(SURVEYS, "score", "s.survey = '" + survey + "' and s.score <= 6", SURVEY_ROLLUP),
                        counted(SURVEYS, "score", "s.survey = '" + survey + "'", SURVEY_ROLLUP));
    }

    private static Measure reachedStage(int rank) {
        return new Measure(DEALS_OPENED, "count(s.deal_id) filter (where s.max_stage_rank >= " + rank + ")");
    }

    private static Measure outcome(String outcome) {
        return counted(ACTIVITIES, "activity_id", "s.outcome = '" + outcome + "'", ACTIVITY_ROLLUP);
    }

    private static Measure activityType(String type) {
        return counted(ACTIVITIES, "activity_id", "s.type = '" + type + "'", ACTIVITY_ROLLUP);
    }

    /**
     * A count of records (optionally those meeting a condition) over a fact source, and the same over a rollup that
     * keeps them counted per key in its column n: there the counts of the matching keys are summed.
     */
    private static Measure counted(FactSource source, String column, String condition, FactSource rollup) {
        String filter = condition == null ? "" : " filter (where " + condition + ")";
        return new Measure(source, "count(s." + column + ")" + filter, rollup, "coalesce(sum(s.n)" + filter + ", 0)");
    }

    /** Win probability of an open stage, for the weighted pipeline. */
    static String stageProbability(String stage) {
        return "(case " + stage + " when 'PROSPECTING' then 0.10 when 'QUALIFICATION' then 0.25 when 'PROPOSAL' then 0.50"
                + " when 'NEGOTIATION' then 0.75 when 'CLOSED_WON' then 1 else 0 end)";
    }

    private static Function<List<BigDecimal>, BigDecimal> first() {
        return m -> m.get(0);
    }

    private static Function<List<BigDecimal>, BigDecimal> ratio(int numerator, int denominator) {
        return m -> divide(m.get(numerator), m.get(denominator));
    }

    private static Function<List<BigDecimal>, BigDecimal> growth() {
        return m -> divide(m.get(0) == null ? null : nz(m.get(0)).subtract(nz(m.get(1))), m.get(1));
    }

    static BigDecimal divide(BigDecimal numerator, BigDecimal denominator) {
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, PRECISION);
    }

    private static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static Builder kpi(String name, String title, Unit unit, Direction direction, String description) {
        return new Builder(name, title, unit, direction, description);
    }

    private static final class Builder {
        private final String name;
        private final String title;
        private final Unit unit;
        private final Direction direction;
        private final String description;
        private String formula;
        private String numerator;
        private String denominator;
        private String period;
        private String zero;

        Builder(String name, String title, Unit unit, Direction direction, String description) {
            this.name = name;
            this.title = title;
            this.unit = unit;
            this.direction = direction;
            this.description = description;
        }

        Builder formula(String text) {
            this.formula = text;
            return this;
        }

        Builder ratio(String numeratorText, String denominatorText) {
            this.numerator = numeratorText;
            this.denominator = denominatorText;
            if (formula == null) {
                formula = numeratorText + " / " + denominatorText;
            }
            return this;
        }

        Builder period(String rule) {
            this.period = rule;
            return this;
        }

        Builder zero(String rule) {
            this.zero = rule;
            return this;
        }

        KpiDefinition of(Function<List<BigDecimal>, BigDecimal> compute, Measure... measures) {
            return new KpiDefinition(name, title, description, formula, numerator, denominator, period, unit, direction, zero,
                    List.of(measures), compute);
        }
    }
}
