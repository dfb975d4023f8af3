package com.saleskpi.kpi;

import static com.saleskpi.kpi.FactSource.ACCOUNTS;
import static com.saleskpi.kpi.FactSource.ACTIVITIES;
import static com.saleskpi.kpi.FactSource.ACTIVITY_ROLLUP;
import static com.saleskpi.kpi.FactSource.CLOSED_DEAL_STAGES;
import static com.saleskpi.kpi.FactSource.CLOSED_DEAL_TOUCHES;
import static com.saleskpi.kpi.FactSource.COMMISSIONS;
import static com.saleskpi.kpi.FactSource.COMPETITOR_PRICES;
import static com.saleskpi.kpi.FactSource.COSTS;
import static com.saleskpi.kpi.FactSource.CUSTOMER_PURCHASES;
import static com.saleskpi.kpi.FactSource.DEALS_CLOSED;
import static com.saleskpi.kpi.FactSource.DEALS_CLOSED_ROLLUP;
import static com.saleskpi.kpi.FactSource.DEALS_OPENED;
import static com.saleskpi.kpi.FactSource.DEAL_CHANGES;
import static com.saleskpi.kpi.FactSource.FORECAST_CALLS;
import static com.saleskpi.kpi.FactSource.LEADS;
import static com.saleskpi.kpi.FactSource.LEAD_ROLLUP;
import static com.saleskpi.kpi.FactSource.MARKET_SIZES;
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
import static com.saleskpi.kpi.Measure.nullWhenEmpty;
import static com.saleskpi.kpi.Measure.zeroWhenEmpty;
import static com.saleskpi.kpi.Unit.COUNT;
import static com.saleskpi.kpi.Unit.CURRENCY;
import static com.saleskpi.kpi.Unit.DAYS;
import static com.saleskpi.kpi.Unit.HOURS;
import static com.saleskpi.kpi.Unit.SCORE;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The named measures KPIs are formulas over, each declared once: its name, what it aggregates, over which fact source
 * and rollup, and what it is over no records. Counts use count(column), so that an empty bucket counts 0.
 */
final class Measures {

    /** The fixed win probability of each open stage, for the weighted pipeline. */
    static final Map<String, BigDecimal> FIXED_PROBABILITIES = fixedProbabilities();

    private static Map<String, BigDecimal> fixedProbabilities() {
        Map<String, BigDecimal> probabilities = new LinkedHashMap<>();
        probabilities.put("PROSPECTING", new BigDecimal("0.10"));
        probabilities.put("QUALIFICATION", new BigDecimal("0.25"));
        probabilities.put("PROPOSAL", new BigDecimal("0.50"));
        probabilities.put("NEGOTIATION", new BigDecimal("0.75"));
        return Collections.unmodifiableMap(probabilities);
    }

    // Orders
    static final Measure REVENUE = zeroWhenEmpty("revenue", CURRENCY, "sum of net amounts (quantity x unit price x (1 - discount %))"
            + " of the order lines of orders not cancelled", ORDER_LINES, "coalesce(sum(s.net_amount), 0)").keptIn(REVENUE_ROLLUP);
    static final Measure ORDERS = zeroWhenEmpty("orders", COUNT, "orders placed and not cancelled", ORDER_LINES, "count(distinct s.order_id)");
    static final Measure UNITS = zeroWhenEmpty("units", COUNT, "sum of the quantities of those order lines", ORDER_LINES,
            "coalesce(sum(s.quantity), 0)").keptIn(REVENUE_ROLLUP);
    static final Measure BUYING_ACCOUNTS = zeroWhenEmpty("buying_accounts", COUNT, "distinct accounts on those orders", ORDER_LINES,
            "count(distinct s.account_id)");
    static final Measure SELLING_REPS = zeroWhenEmpty("selling_reps", COUNT, "distinct reps on those orders", ORDER_LINES,
            "count(distinct s.rep_id)");
    static final Measure PERIOD_REVENUE = zeroWhenEmpty("period_revenue", CURRENCY, "revenue of the period, from the order history",
            ORDER_HISTORY, "coalesce(sum(s.net_amount) filter (where s.ordered_on between b.bucket_start and b.bucket_end), 0)");
    private static final String PREVIOUS_PERIOD = "s.ordered_on between b.bucket_start - (b.bucket_end - b.bucket_start + 1)"
            + " and b.bucket_start - 1";
    static final Measure PREVIOUS_PERIOD_REVENUE = zeroWhenEmpty("previous_period_revenue", CURRENCY,
            "revenue of the period of the same length just before", ORDER_HISTORY,
            "coalesce(sum(s.net_amount) filter (where " + PREVIOUS_PERIOD + "), 0)");
    static final Measure PREVIOUS_PERIOD_REVENUE_FROM_CHURNED = zeroWhenEmpty("previous_period_revenue_from_churned", CURRENCY,
            "that revenue from the customers who churned in the period", ORDER_HISTORY,
            "coalesce(sum(s.net_amount) filter (where " + PREVIOUS_PERIOD + " and s.churned_on between b.bucket_start and b.bucket_end), 0)");

    // Deals opened and closed
    static final Measure NEW_DEALS = zeroWhenEmpty("new_deals", COUNT, "opportunities opened", DEALS_OPENED, "count(s.deal_id)");
    static final Measure NEW_DEAL_VALUE = zeroWhenEmpty("new_deal_value", CURRENCY, "sum of the amounts of the opportunities opened",
            DEALS_OPENED, "coalesce(sum(s.amount), 0)");
    static final Measure WON = zeroWhenEmpty("deals_won", COUNT, "opportunities closed as won (CLOSED_WON)", DEALS_CLOSED,
            "count(s.deal_id) filter (where s.won)").keptIn(DEALS_CLOSED_ROLLUP, "coalesce(sum(s.won), 0)");
    static final Measure LOST = zeroWhenEmpty("deals_lost", COUNT, "opportunities closed as lost (CLOSED_LOST)", DEALS_CLOSED,
            "count(s.deal_id) filter (where not s.won)").keptIn(DEALS_CLOSED_ROLLUP, "coalesce(sum(s.lost), 0)");
    static final Measure BOOKINGS = zeroWhenEmpty("bookings", CURRENCY, "sum of the amounts of the deals won", DEALS_CLOSED,
            "coalesce(sum(s.amount) filter (where s.won), 0)").keptIn(DEALS_CLOSED_ROLLUP, "coalesce(sum(s.won_amount), 0)");
    static final Measure CYCLE_DAYS_AVERAGE = nullWhenEmpty("won_cycle_days_average", DAYS,
            "average of close day - open day over the deals won", DEALS_CLOSED, "avg(s.cycle_days) filter (where s.won)")
            .keptIn(DEALS_CLOSED_ROLLUP, "sum(s.won_cycle_days)::numeric / nullif(sum(s.won), 0)");
    static final Measure CYCLE_DAYS_MEDIAN = nullWhenEmpty("won_cycle_days_median", DAYS,
            "median of close day - open day over the deals won", DEALS_CLOSED,
            "percentile_cont(0.5) within group (order by s.cycle_days) filter (where s.won)");
    static final Measure DEMO_DEALS = zeroWhenEmpty("closed_deals_with_demo", COUNT, "closed deals that had a demo", DEALS_CLOSED,
            "count(s.deal_id) filter (where s.had_demo)");
    static final Measure DEMO_DEALS_WON = zeroWhenEmpty("won_deals_with_demo", COUNT, "deals won that had a demo", DEALS_CLOSED,
            "count(s.deal_id) filter (where s.had_demo and s.won)");
    static final Measure CAMPAIGN_BOOKINGS = zeroWhenEmpty("campaign_bookings", CURRENCY, "bookings of the deals whose lead came from a campaign",
            DEALS_CLOSED, "coalesce(sum(s.amount) filter (where s.won and s.campaign_id is not null), 0)");
    static final Measure WON_DEAL_TOUCH_COUNT = dealTouches(true, null);
    static final Measure CLOSED_DEAL_TOUCH_COUNT = dealTouches(false, null);
    /** Distinct accounts and leads the activities were about: the prospects contacted. */
    private static final String PROSPECT = "coalesce(s.lead_id, s.account_id)";
    static final Measure PROSPECTS_CONTACTED = zeroWhenEmpty("prospects_contacted", COUNT, "distinct leads and accounts that activities"
            + " were about", ACTIVITIES, "count(distinct " + PROSPECT + ")");

    // Pipeline: the state of the deals at the end of each bucket
    private static final String OPEN_AT_BUCKET_END = "s.opened_on <= b.bucket_end and (s.closed_on is null or s.closed_on > b.bucket_end)";
    static final Measure OPEN_DEALS = zeroWhenEmpty("open_deals", COUNT, "deals opened by the last day and not closed by it", PIPELINE,
            "count(s.deal_id) filter (where " + OPEN_AT_BUCKET_END + ")").keptIn(PIPELINE_ROLLUP, openedMinusClosed("count", "b.bucket_end"));
    static final Measure OPEN_VALUE = zeroWhenEmpty("open_value", CURRENCY, "sum of the amounts of the deals open on the last day", PIPELINE,
            "coalesce(sum(s.amount) filter (where " + OPEN_AT_BUCKET_END + "), 0)")
            .keptIn(PIPELINE_ROLLUP, openedMinusClosed("amount", "b.bucket_end"));
    static final Measure WEIGHTED_OPEN_VALUE = zeroWhenEmpty("weighted_open_value", CURRENCY, "sum over the deals open on the last day of"
            + " amount x probability of the stage each was in that day (PROSPECTING 10 %, QUALIFICATION 25 %, PROPOSAL 50 %,"
            + " NEGOTIATION 75 %)", PIPELINE, "coalesce(sum(s.amount * " + stageProbability("s.stage_at_end") + ") filter (where "
            + OPEN_AT_BUCKET_END + "), 0)");
    static final Measure DEALS_WORKED = zeroWhenEmpty("deals_worked", COUNT, "deals opened by the last day and not closed before the first",
            PIPELINE, "count(s.deal_id) filter (where s.opened_on <= b.bucket_end and (s.closed_on is null or s.closed_on >= b.bucket_start))")
            .keptIn(PIPELINE_ROLLUP, openedMinusClosed("count", "b.bucket_start - 1"));
    static final Measure DEALS_WON_IN_PERIOD = zeroWhenEmpty("pipeline_deals_won", COUNT, "of those, the deals won in the period", PIPELINE,
            "count(s.deal_id) filter (where s.stage = 'CLOSED_WON' and s.closed_on between b.bucket_start and b.bucket_end)");

    // Forecast: the deals open at the end of the period and expected to close in it, all or those of a forecast category
    static final Measure OPEN_CLOSING = openClosing("open_closing", "", "true");
    static final Measure OPEN_COMMIT_CLOSING = openClosingIn("COMMIT");
    static final Measure OPEN_BEST_CASE_CLOSING = openClosingIn("BEST_CASE");

    private static Measure openClosingIn(String category) {
        return openClosing("open_" + category.toLowerCase(Locale.ROOT) + "_closing", ", in forecast category " + category,
                "s.forecast_category = '" + category + "'");
    }

    /** The deals open at the period's end and expected to close in it, that were in a stage on that day. */
    static Measure openClosingInStage(String stage) {
        return openClosing("open_closing_in_" + stage.toLowerCase(Locale.ROOT), ", in stage " + stage + " on that day",
                "s.stage_at_end = '" + stage + "'");
    }

    private static Measure openClosing(String name, String which, String condition) {
        return zeroWhenEmpty(name, CURRENCY, "sum of the amounts of the deals open on the last day" + which
                + " and expected to close in the period", PIPELINE, "coalesce(sum(s.amount) filter (where " + OPEN_AT_BUCKET_END + " and "
                + condition + " and s.expected_close_on between b.bucket_start and b.bucket_end), 0)");
    }

    /** How many periods of the bucket's length before it teach the history-weighted pipeline its stage probabilities. */
    static final int LEARNT_OVER_PERIODS = 4;

    /**
     * Deals closed in the LEARNT_OVER_PERIODS periods before the bucket (each as long as the bucket, in months where it is
     * whole months) that had been in a stage; or of those, the ones won.
     */
    static Measure closedFromStage(String stage, boolean won) {
        return zeroWhenEmpty("deals_" + (won ? "won" : "closed") + "_from_" + stage.toLowerCase(Locale.ROOT), COUNT, "deals "
                + (won ? "won" : "closed") + " in the " + LEARNT_OVER_PERIODS + " periods before, each as long as the period, that had been in "
                + stage, CLOSED_DEAL_STAGES, "count(s.deal_id) filter (where s.stage = '" + stage + "'" + (won ? " and s.won" : "")
                + " and s.closed_on >= (b.bucket_start - " + LEARNT_OVER_PERIODS + " * age(b.bucket_end + 1, b.bucket_start))::date"
                + " and s.closed_on < b.bucket_start)");
    }

    // Forecast calls: each rep's latest, each team's latest less the roll-up of what is below it (FactSource#FORECAST_CALLS)
    static final Measure COMMIT_CALLED = called("commit_called", "commit", "s.commit_amount", "not s.at_cutoff", "");
    static final Measure BEST_CASE_CALLED = called("best_case_called", "best-case", "s.best_case_amount", "not s.at_cutoff", "");
    static final Measure COMMIT_CALLED_AT_CUTOFF = called("commit_called_at_cutoff", "commit", "s.commit_amount",
            "s.at_cutoff and b.bucket_end < (now() at time zone :tz)::date", " submitted before the cut-off (the start of the"
                    + " period's middle day, or the end of its week callCutoffWeek), once the period has ended (none before)");

    private static Measure called(String name, String call, String amount, String which, String when) {
        return nullWhenEmpty(name, CURRENCY, "the latest " + call + " calls for the period" + when + ": a team's own call, or where its"
                + " manager has not called, the calls of its reps and sub-teams rolled up", FORECAST_CALLS,
                "sum(" + amount + ") filter (where " + which + ")");
    }

    // Markets (FactSource#MARKET_SIZES)
    static final Measure MARKET_SIZE = nullWhenEmpty("market_size", CURRENCY, "total sales of the market over the period: the sizes of"
            + " the whole market (no category) where there are any, else those of its categories", MARKET_SIZES,
            "case when bool_or(s.category is null) then sum(s.amount) filter (where s.category is null) else sum(s.amount) end");

    // Commission plans (FactSource#COMMISSIONS)
    static final Measure COMMISSION = zeroWhenEmpty("commission", CURRENCY, "sum over the commission plans of what each pays on its rep's"
            + " deals won in its period", COMMISSIONS, "coalesce(sum(s.earned), 0)");
    static final Measure COMMISSION_ON_COMMIT = zeroWhenEmpty("commission_on_commit", CURRENCY, "sum over the commission plans of what"
            + " each would pay on its rep's deals won in its period and open COMMIT deals expected to close in it", COMMISSIONS,
            "coalesce(sum(s.projected), 0)");

    // Leads
    static final Measure LEADS_RECEIVED = counted("leads", "leads received", LEADS, "lead_id", null, LEAD_ROLLUP);
    static final Measure REACHED_MQL = zeroWhenEmpty("leads_reached_mql", COUNT, "leads that reached MQL or later", LEADS,
            "count(s.lead_id) filter (where coalesce(s.mql_at, s.sql_at, s.opportunity_at, s.customer_at) is not null)");
    static final Measure REACHED_SQL = zeroWhenEmpty("leads_reached_sql", COUNT, "leads that reached SQL or later", LEADS,
            "count(s.lead_id) filter (where coalesce(s.sql_at, s.opportunity_at, s.customer_at) is not null)");
    static final Measure REACHED_OPPORTUNITY = zeroWhenEmpty("leads_reached_opportunity", COUNT, "leads that reached OPPORTUNITY or later",
            LEADS, "count(s.lead_id) filter (where coalesce(s.opportunity_at, s.customer_at) is not null)");
    static final Measure REACHED_CUSTOMER = zeroWhenEmpty("leads_became_customers", COUNT, "leads that became customers", LEADS,
            "count(s.lead_id) filter (where s.customer_at is not null)");
    static final Measure FOLLOWED_UP = zeroWhenEmpty("leads_followed_up", COUNT, "leads with a first response", LEADS,
            "count(s.lead_id) filter (where s.first_response_at is not null)");
    static final Measure QUALIFIED_FOLLOWED_UP = zeroWhenEmpty("qualified_leads_followed_up", COUNT, "leads that reached MQL or later"
            + " with a first response", LEADS, "count(s.lead_id) filter (where s.first_response_at is not null"
            + " and coalesce(s.mql_at, s.sql_at, s.opportunity_at, s.customer_at) is not null)");
    private static final String RESPONSE_HOURS = "extract(epoch from (s.first_response_at - s.received_at)) / 3600";
    static final Measure RESPONSE_HOURS_AVERAGE = nullWhenEmpty("first_response_hours_average", HOURS,
            "average hours from a lead coming in to its first response, over the leads responded to", LEADS,
            "avg(" + RESPONSE_HOURS + ")");
    static final Measure RESPONSE_HOURS_MEDIAN = nullWhenEmpty("first_response_hours_median", HOURS,
            "median hours from a lead coming in to its first response, over the leads responded to", LEADS,
            "percentile_cont(0.5) within group (order by " + RESPONSE_HOURS + ")");
    static final Measure LIFECYCLE_DAYS_AVERAGE = nullWhenEmpty("lead_to_customer_days_average", DAYS,
            "average days from customer_at - received_at over the leads that became customers", LEADS,
            "avg(extract(epoch from (s.customer_at - s.received_at)) / 86400) filter (where s.customer_at is not null)");
    static final Measure CAMPAIGN_LEADS = zeroWhenEmpty("campaign_leads", COUNT, "leads that came from a campaign", LEADS,
            "count(s.lead_id) filter (where s.campaign_id is not null)");

    // Activities
    static final Measure ACTIVITY_COUNT = counted("activities", "activities logged", ACTIVITIES, "activity_id", null, ACTIVITY_ROLLUP);
    static final Measure ACTIVE_REPS = zeroWhenEmpty("active_reps", COUNT, "distinct reps who logged activities", ACTIVITIES,
            "count(distinct s.rep_id)").keptIn(ACTIVITY_ROLLUP);
    static final Measure WORKING_DAYS = nullWhenEmpty("working_days", COUNT, "Monday-to-Friday days of the period in which activities were logged", ACTIVITIES,
            "max((select count(*) from generate_series(b.bucket_start, b.bucket_end, interval '1 day') d"
                    + " where extract(isodow from d) < 6)) filter (where s.rep_id is not null)").keptIn(ACTIVITY_ROLLUP);
    static final Measure RESPONSES = counted("responses", "activities with a response outcome (REPLIED, POSITIVE, NEGATIVE)",
            ACTIVITIES, "activity_id", "s.outcome in ('REPLIED', 'POSITIVE', 'NEGATIVE')", ACTIVITY_ROLLUP);
    static final Measure MEETINGS_BOOKED = counted("meetings_booked", "MEETING activities with outcome ACCEPTED or HELD", ACTIVITIES,
            "activity_id", "s.type = 'MEETING' and s.outcome in ('ACCEPTED', 'HELD')", ACTIVITY_ROLLUP);
    static final Measure EMAILS_OPENED = counted("emails_opened", "EMAIL activities with outcome OPENED or REPLIED", ACTIVITIES,
            "activity_id", "s.type = 'EMAIL' and s.outcome in ('OPENED', 'REPLIED')", ACTIVITY_ROLLUP);
    static final Measure ACCOUNT_ACTIVITIES = zeroWhenEmpty("account_activities", COUNT, "activities linked to an account", ACTIVITIES,
            "count(s.activity_id) filter (where s.account_id is not null)");

    static final Measure ACTIVITY_HOURS = zeroWhenEmpty("activity_hours", HOURS, "hours the activities took (durationMinutes / 60;"
            + " activities without a duration count none)", ACTIVITIES, "coalesce(sum(s.duration_minutes), 0) / 60.0");
    static final Measure HIGH_VALUE_ACTIVITY_HOURS = zeroWhenEmpty("high_value_activity_hours", HOURS, "hours the activities of the"
            + " high-value types took (setting HIGH_VALUE_ACTIVITY_TYPES, by default MEETING, DEMO, PROPOSAL)", ACTIVITIES,
            "coalesce(sum(s.duration_minutes) filter (where s.type = any(:high_value_types)), 0) / 60.0");

    // Customers
    static final Measure NEW_CUSTOMERS = zeroWhenEmpty("new_customers", COUNT, "accounts acquired (first purchase) in the period", ACCOUNTS,
            "count(s.account_id) filter (where s.acquired_on between b.bucket_start and b.bucket_end)");
    /** That an account (its acquired_on and churned_on) was a customer at the start of the bucket. */
    private static final String CUSTOMER_AT_START = "s.acquired_on < b.bucket_start and (s.churned_on is null or s.churned_on >= b.bucket_start)";
    static final Measure CUSTOMERS_AT_START = zeroWhenEmpty("customers_at_start", COUNT, "accounts acquired before the first day and not"
            + " churned before it", ACCOUNTS, "count(s.account_id) filter (where " + CUSTOMER_AT_START + ")");
    static final Measure CUSTOMERS_AT_END = zeroWhenEmpty("customers_at_end", COUNT, "accounts acquired by the last day and not churned by it",
            ACCOUNTS, "count(s.account_id) filter (where s.acquired_on <= b.bucket_end and (s.churned_on is null or s.churned_on > b.bucket_end))");
    static final Measure CHURNED_CUSTOMERS = zeroWhenEmpty("churned_customers", COUNT, "customers at the start who churned in the period",
            ACCOUNTS, "count(s.account_id) filter (where s.acquired_on < b.bucket_start and s.churned_on between b.bucket_start and b.bucket_end)");

    // Cost, quotas, people, prices
    static final Measure TOTAL_COST = zeroWhenEmpty("cost", CURRENCY, "sum of the sales and marketing cost entries", COSTS,
            "coalesce(sum(s.amount), 0)");
    static final Measure CAMPAIGN_COST = zeroWhenEmpty("campaign_cost", CURRENCY, "sum of the cost entries of campaigns", COSTS,
            "coalesce(sum(s.amount) filter (where s.campaign_id is not null), 0)");
    static final Measure REPS_WITH_QUOTA = zeroWhenEmpty("reps_with_quota", COUNT, "reps with a REVENUE quota (REP targets within the period)",
            REP_QUOTAS, "count(s.rep_id)");
    static final Measure REPS_AT_QUOTA = zeroWhenEmpty("reps_at_quota", COUNT, "of those, the reps whose revenue reached their quota",
            REP_QUOTAS, "count(s.rep_id) filter (where s.revenue >= s.quota)");
    static final Measure HEADCOUNT_AT_START = zeroWhenEmpty("headcount_at_start", COUNT, "reps hired by the first day and not gone before it",
            REPS, "count(s.rep_id) filter (where s.hire_date <= b.bucket_start and (s.leave_date is null or s.leave_date >= b.bucket_start))");
    static final Measure HEADCOUNT_AT_END = zeroWhenEmpty("headcount_at_end", COUNT, "reps hired by the last day and not gone before it",
            REPS, "count(s.rep_id) filter (where s.hire_date <= b.bucket_end and (s.leave_date is null or s.leave_date >= b.bucket_end))");
    static final Measure LEAVERS = zeroWhenEmpty("leavers", COUNT, "reps whose leave date lies in the period", REPS,
            "count(s.rep_id) filter (where s.leave_date between b.bucket_start and b.bucket_end)");
    static final Measure COMPETITOR_AVERAGE = nullWhenEmpty("competitor_average_price", CURRENCY, "average of the competitor prices observed",
            COMPETITOR_PRICES, "avg(s.price)");
    static final Measure CSAT_AVERAGE = nullWhenEmpty("csat_average", SCORE, "average of the CSAT scores (1-5)", SURVEYS,
            "avg(s.score) filter (where s.survey = 'CSAT')");

    private Measures() {
    }

    /** Targets of one metric (REVENUE, BOOKINGS...) overlapping the period, pro-rated. */
    static Measure target(String metric) {
        return zeroWhenEmpty("target_" + metric.toLowerCase(Locale.ROOT), metric.equals("REVENUE") || metric.equals("BOOKINGS") ? CURRENCY : COUNT, "sum of the " + metric + " targets of the scope"
                + " overlapping the period, each pro-rated to the part of it the period covers", TARGETS, "coalesce(sum(s.value) filter (where s.metric = '" + metric + "'), 0)");
    }

    /**
     * The targets set for a KPI (built-in by name, or defined through the API) overlapping the period, pro-rated; money
     * targets converted as the metric's are. Null where none is set.
     */
    static Measure targetOfKpi(String kpi, Unit unit) {
        String set = " filter (where s.kpi_name = '" + kpi.replace("'", "''") + "')";
        // what adds up over time (money, counts, hours) is pro-rated and summed; a rate, an average or a score is the
        // average of the targets overlapping the period, whole
        boolean additive = unit == CURRENCY || unit == COUNT || unit == HOURS;
        return nullWhenEmpty("target_of_" + kpi, unit, (additive ? "sum of the targets of the scope set for " + kpi
                + " overlapping the period, each pro-rated" : "average of the targets of the scope set for " + kpi
                + " overlapping the period"), TARGETS, additive ? "sum(s." + (unit == CURRENCY ? "money_value" : "plain_value") + ")" + set
                : "avg(s.raw_value)" + set);
    }

    /** Revenue of the bucket shifted back by a number of months, from the order history. */
    static Measure revenueMonthsEarlier(int months) {
        String shift = months + " month" + (months == 1 ? "" : "s");
        return zeroWhenEmpty("revenue_" + shift.replace(' ', '_') + "_earlier", CURRENCY, "revenue of the same period shifted back " + shift,
                ORDER_HISTORY, "coalesce(sum(s.net_amount) filter (where s.ordered_on between"
                + " (b.bucket_start - interval '" + months + " months')::date and ((b.bucket_end + 1) - interval '" + months
                + " months')::date - 1), 0)");
    }

    /** Opportunities opened that reached a stage (by its rank in the funnel: 1 PROSPECTING ... 5 CLOSED_WON) or later. */
    static Measure reachedStage(int rank, String stage) {
        return zeroWhenEmpty("deals_reached_" + stage, COUNT, "opportunities opened that reached " + stage.toUpperCase(Locale.ROOT)
                + " or later (stage history)", DEALS_OPENED, "count(s.deal_id) filter (where s.max_stage_rank >= " + rank + ")");
    }

    // How deals moved (their history)
    static final Measure CLOSE_PUSHES = zeroWhenEmpty("close_date_pushes", COUNT, "changes that moved a deal's expected close day later",
            DEAL_CHANGES, "count(*) filter (where s.close_pushed)");
    static final Measure DEALS_PUSHED = zeroWhenEmpty("deals_pushed", COUNT, "deals whose expected close day was moved later at least once",
            DEAL_CHANGES, "count(distinct s.deal_id) filter (where s.close_pushed)");
    /** Deals open at the bucket's end whose last change (any field, by then) lies more than this many days before its end. */
    static final int STALLED_AFTER_DAYS = 30;
    static final Measure STALLED_DEALS = zeroWhenEmpty("stalled_deals", COUNT, "deals open on the last day that had not changed in the "
            + STALLED_AFTER_DAYS + " days before its end", PIPELINE, "count(s.deal_id) filter (where " + OPEN_AT_BUCKET_END
            + " and s.last_changed_at < (b.bucket_end + 1 - " + STALLED_AFTER_DAYS + ")::timestamp at time zone :tz)");

    /** Average days the deals that left a stage spent in it, from the history. */
    static Measure daysInStage(String stage) {
        return nullWhenEmpty("days_in_" + stage.toLowerCase(Locale.ROOT), DAYS, "average days spent in " + stage
                + " by the deals that left it", DEAL_CHANGES, "avg(s.previous_stage_days) filter (where s.previous_stage = '" + stage + "')");
    }

    /** Deals that left a stage, and of those the ones that moved on to a later one (not lost). */
    static Measure leftStage(String stage, boolean forward) {
        String advanced = forward ? " and " + FactSource.stageRank("s.stage") + " > " + FactSource.stageRank("s.previous_stage") : "";
        return zeroWhenEmpty((forward ? "deals_advanced_from_" : "deals_left_") + stage.toLowerCase(Locale.ROOT), COUNT, "changes that "
                + (forward ? "moved a deal from " + stage + " to a later stage (not lost)" : "moved a deal out of " + stage), DEAL_CHANGES,
                "count(*) filter (where s.previous_stage = '" + stage + "'" + advanced + ")");
    }

    /** Deals won of a type (UPSELL, CROSS_SELL), and their bookings. */
    static Measure wonOfType(String type) {
        return zeroWhenEmpty(type.toLowerCase(Locale.ROOT) + "_deals_won", COUNT, "deals won of type " + type, DEALS_CLOSED,
                "count(s.deal_id) filter (where s.won and s.type = '" + type + "')");
    }

    static Measure bookingsOfType(String type) {
        return zeroWhenEmpty(type.toLowerCase(Locale.ROOT) + "_bookings", CURRENCY, "bookings of the deals won of type " + type, DEALS_CLOSED,
                "coalesce(sum(s.amount) filter (where s.won and s.type = '" + type + "'), 0)");
    }

    static Measure leadsAtStage(String stage) {
        return zeroWhenEmpty("leads_at_" + stage.toLowerCase(Locale.ROOT), COUNT, "leads received whose current lifecycle stage is " + stage,
                LEADS, "count(s.lead_id) filter (where s.stage = '" + stage + "')");
    }

    static Measure outcome(String outcome) {
        return counted("responses_" + outcome.toLowerCase(Locale.ROOT), "activities with outcome " + outcome, ACTIVITIES,
                "activity_id", "s.outcome = '" + outcome + "'", ACTIVITY_ROLLUP);
    }

    static Measure activityType(String type) {
        return counted("activities_" + type.toLowerCase(Locale.ROOT), "activities of type " + type, ACTIVITIES, "activity_id",
                "s.type = '" + type + "'", ACTIVITY_ROLLUP);
    }

    /** Activities logged on the deals won (or closed, won or lost), of one type or all. */
    static Measure dealTouches(boolean wonOnly, String type) {
        String deals = wonOnly ? "won" : "closed";
        String condition = (wonOnly ? "s.won" : "true") + (type == null ? "" : " and s.activity_type = '" + type + "'");
        return zeroWhenEmpty(deals + "_deal_activities" + (type == null ? "" : "_" + type.toLowerCase(Locale.ROOT)), COUNT,
                (type == null ? "activities" : type + " activities") + " logged on the deals " + deals, CLOSED_DEAL_TOUCHES,
                "count(s.deal_id) filter (where " + condition + ")");
    }

    /** Distinct leads and accounts with an activity of this outcome: the prospects who answered so. */
    static Measure prospectsAnswering(String outcome) {
        return zeroWhenEmpty("prospects_" + outcome.toLowerCase(Locale.ROOT), COUNT, "distinct leads and accounts with a " + outcome
                + " activity", ACTIVITIES, "count(distinct " + PROSPECT + ") filter (where s.outcome = '" + outcome + "')");
    }

    /** Customers at the start of the period who won deals of a type (UPSELL, CROSS_SELL) in it: who bought more. */
    static Measure existingCustomersBuying(String type) {
        return zeroWhenEmpty("existing_customers_buying_" + type.toLowerCase(Locale.ROOT), COUNT, "distinct accounts, customers"
                + " at the start of the period, that won " + type + " deals in it", DEALS_CLOSED, "count(distinct s.account_id) filter"
                + " (where s.won and s.type = '" + type + "' and " + CUSTOMER_AT_START + ")");
    }

    /**
     * Customers who bought in the period and were (or were not) contacted by a rep in it: all of them, or those who
     * ordered more than once (repeat buyers).
     */
    static Measure buyers(boolean contacted, boolean repeat) {
        String not = contacted ? "" : "not ";
        int orders = repeat ? 2 : 1;
        return zeroWhenEmpty(not.replace(' ', '_') + "contacted_" + (repeat ? "repeat_" : "") + "buyers", COUNT, "customers " + not
                + "contacted by a rep in the period with " + orders + " or more orders in it", CUSTOMER_PURCHASES,
                "count(s.account_id) filter (where s.orders >= " + orders + " and " + not + "s.contacted)");
    }

    /** Customers of the period (acquired by its end, not churned before its start) who were (or were not) contacted by a rep in it. */
    static Measure customersOfThePeriod(boolean contacted) {
        String not = contacted ? "" : "not ";
        return zeroWhenEmpty(not.replace(' ', '_') + "contacted_customers", COUNT, "customers of the period (acquired by its end, not"
                + " churned before its start) " + not + "contacted by a rep in it", CUSTOMER_PURCHASES,
                "count(s.account_id) filter (where (s.churned_on is null or s.churned_on >= b.bucket_start) and " + not + "s.contacted)");
    }

    /** Answers to a survey (NPS, ENPS) meeting a condition on the score, or all of them. */
    static Measure answers(String survey, String name, String scoreCondition, String what) {
        String condition = "s.survey = '" + survey + "'" + (scoreCondition == null ? "" : " and " + scoreCondition);
        return counted(survey.toLowerCase(Locale.ROOT) + "_" + name, what + " answering " + survey, SURVEYS, "score", condition,
                SURVEY_ROLLUP);
    }

    /**
     * The deals closed and won after having been in each open stage (V23), summed over rows of a deals_closed rollup (a
     * FROM ... WHERE fragment naming them c) before one row per stage is made of the sums: s(stage, won, closed).
     */
    static String closedAfterEachStage(String rows) {
        StringJoiner sums = new StringJoiner(", ");
        StringJoiner perStage = new StringJoiner(", ", "(values ", ") s(stage, won, closed)");
        for (String stage : FIXED_PROBABILITIES.keySet()) {
            String column = stage.toLowerCase(Locale.ROOT);
            sums.add("sum(c.won_after_" + column + ") as won_after_" + column + ", sum(c.closed_after_" + column + ") as closed_after_" + column);
            perStage.add("('" + stage + "', c.won_after_" + column + ", c.closed_after_" + column + ")");
        }
        return "(select " + sums + " from " + rows + ") c cross join lateral " + perStage;
    }

    /** Win probability of a stage in SQL: its fixed one when open, 1 when won, else 0. */
    static String stageProbability(String stage) {
        StringBuilder sql = new StringBuilder("(case ").append(stage);
        FIXED_PROBABILITIES.forEach((name, probability) -> sql.append(" when '").append(name).append("' then ").append(probability));
        return sql.append(" when 'CLOSED_WON' then 1 else 0 end)").toString();
    }

    /** Over pipeline_daily: the deals (count) or their amounts opened by the bucket's end, less those closed by closedBy. */
    private static String openedMinusClosed(String what, String closedBy) {
        return "coalesce(sum(s.opened_" + what + ") filter (where s.day <= b.bucket_end), 0)"
                + " - coalesce(sum(s.closed_" + what + ") filter (where s.day <= " + closedBy + "), 0)";
    }

    /**
     * A count of records (optionally those meeting a condition) over a fact source, and the same over a rollup that
     * keeps them counted per key in its column n: there the counts of the matching keys are summed.
     */
    private static Measure counted(String name, String description, FactSource source, String column, String condition,
            FactSource rollup) {
        String filter = condition == null ? "" : " filter (where " + condition + ")";
        return zeroWhenEmpty(name, COUNT, description, source, "count(s." + column + ")" + filter)
                .keptIn(rollup, "coalesce(sum(s.n)" + filter + ", 0)");
    }
}
