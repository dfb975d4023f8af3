package com.saleskpi.kpi;

import static com.saleskpi.kpi.Direction.HIGHER_IS_BETTER;
import static com.saleskpi.kpi.Direction.NEUTRAL;
import static com.saleskpi.kpi.Formula.of;
import static com.saleskpi.kpi.Formula.ratio;
import static com.saleskpi.kpi.KpiCatalogue.TARGET_PERIOD;
import static com.saleskpi.kpi.KpiCatalogue.kpi;
import static com.saleskpi.kpi.Measures.ACTIVITY_COUNT;
import static com.saleskpi.kpi.Measures.BOOKINGS;
import static com.saleskpi.kpi.Measures.BUYING_ACCOUNTS;
import static com.saleskpi.kpi.Measures.COMPETITOR_AVERAGE;
import static com.saleskpi.kpi.Measures.LEADS_RECEIVED;
import static com.saleskpi.kpi.Measures.NEW_CUSTOMERS;
import static com.saleskpi.kpi.Measures.ORDERS;
import static com.saleskpi.kpi.Measures.PERIOD_REVENUE;
import static com.saleskpi.kpi.Measures.REPS_AT_QUOTA;
import static com.saleskpi.kpi.Measures.REPS_WITH_QUOTA;
import static com.saleskpi.kpi.Measures.REVENUE;
import static com.saleskpi.kpi.Measures.SELLING_REPS;
import static com.saleskpi.kpi.Measures.UNITS;
import static com.saleskpi.kpi.Measures.WON;
import static com.saleskpi.kpi.Unit.COUNT;
import static com.saleskpi.kpi.Unit.CURRENCY;
import static com.saleskpi.kpi.Unit.RATIO;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Revenue, orders, targets and quotas, growth and prices. */
final class RevenueKpis {

    /** The actual each kind of target is measured against. */
    private static final Map<String, Measure> TARGETED = Map.of("REVENUE", REVENUE, "BOOKINGS", BOOKINGS, "DEALS_WON", WON,
            "NEW_ACCOUNTS", NEW_CUSTOMERS, "ACTIVITIES", ACTIVITY_COUNT, "NEW_LEADS", LEADS_RECEIVED);

    private RevenueKpis() {
    }

    static List<KpiDefinition> all() {
        List<KpiDefinition> kpis = new ArrayList<>();
        kpis.add(kpi("revenue", "Revenue", CURRENCY, HIGHER_IS_BETTER, "Net revenue: order lines net of discount, orders not cancelled")
                .period("order day").of(REVENUE));
        kpis.add(kpi("orders", "Sales count", COUNT, HIGHER_IS_BETTER, "Orders placed and not cancelled").period("order day").of(ORDERS));
        kpis.add(kpi("units_sold", "Units sold", COUNT, HIGHER_IS_BETTER, "Quantity sold over all order lines (sales volume)")
                .period("order day").of(UNITS));
        kpis.add(kpi("average_order_value", "Average order value", CURRENCY, HIGHER_IS_BETTER, "Revenue per order")
                .period("order day").of(ratio(REVENUE, ORDERS)));
        kpis.add(kpi("revenue_per_rep", "Revenue per selling rep", CURRENCY, HIGHER_IS_BETTER,
                "Revenue divided by the reps who sold in the period (break down by rep for each rep's revenue)")
                .period("order day").of(ratio(REVENUE, SELLING_REPS)));
        kpis.add(kpi("revenue_per_account", "Average revenue per account", CURRENCY, HIGHER_IS_BETTER,
                "Revenue divided by the accounts that bought in the period").period("order day").of(ratio(REVENUE, BUYING_ACCOUNTS)));
        kpis.add(kpi("market_share", "Market share", RATIO, HIGHER_IS_BETTER, "Company sales divided by the total sales of the"
                + " market: revenue over the market size of the same territories, category and period (null where no size is known)")
                .period("order day; sizes whose period lies within the period").of(ratio(REVENUE, Measures.MARKET_SIZE)));
        kpis.add(kpi("bookings", "Bookings", CURRENCY, HIGHER_IS_BETTER, "Amount of the deals won").period("close day").of(BOOKINGS));
        for (String metric : List.of("REVENUE", "BOOKINGS", "DEALS_WON", "NEW_ACCOUNTS", "ACTIVITIES", "NEW_LEADS")) {
            Measure target = Measures.target(metric);
            String lower = metric.toLowerCase(Locale.ROOT);
            if (metric.equals("REVENUE")) {
                kpis.add(kpi("revenue_target", "Revenue target", CURRENCY, NEUTRAL, "Sum of the REVENUE targets of the scope"
                        + " overlapping the period, each pro-rated to the part of it the period covers").period(TARGET_PERIOD)
                        .changed("until 2026-12 a target counted only when its whole period lay within the period (so a quarter to"
                                + " date showed none)").of(target));
            }
            kpis.add(kpi("target_attainment_" + lower, "Target attainment: " + lower.replace('_', ' '), RATIO, HIGHER_IS_BETTER,
                    "Actual " + lower.replace('_', ' ') + " divided by the " + metric + " targets of the scope")
                    .period("the actual's own date; " + TARGET_PERIOD).changed("targets are pro-rated since 2026-12: a period"
                            + " covering part of a target's (a quarter to date) counts that part of it, where it counted none")
                    .of(ratio(TARGETED.get(metric), target)));
        }
        kpis.add(kpi("quota_attainment_share", "Quota attainment share", RATIO, HIGHER_IS_BETTER,
                "Share of reps with a revenue quota in the period whose revenue reached it")
                .period("order day; quota periods within the period").of(ratio(REPS_AT_QUOTA, REPS_WITH_QUOTA)));
        for (Object[] growth : new Object[][] { { "mom", "month", 1 }, { "qoq", "quarter", 3 }, { "yoy", "year", 12 } }) {
            Formula earlier = of(Measures.revenueMonthsEarlier((int) growth[2]));
            kpis.add(kpi("revenue_growth_" + growth[0], "Revenue growth, " + growth[1] + " over " + growth[1], RATIO, HIGHER_IS_BETTER,
                    "Relative change of revenue against the same period shifted back one " + growth[1])
                    .period("order day").of(of(PERIOD_REVENUE).minus(earlier).dividedBy(earlier)));
        }
        kpis.add(kpi("average_selling_price", "Average selling price", CURRENCY, HIGHER_IS_BETTER,
                "Net revenue per unit sold (break down by product for each product's price)").period("order day").of(ratio(REVENUE, UNITS)));
        kpis.add(kpi("competitor_average_price", "Average competitor price", CURRENCY, NEUTRAL,
                "Average of the competitor prices observed").period("observation day").of(COMPETITOR_AVERAGE));
        kpis.add(kpi("competitor_price_gap", "Price gap to competitors", RATIO, NEUTRAL,
                "How far our average selling price lies above (+) or below (-) the average observed competitor price")
                .period("order day; observation day")
                .of(ratio(REVENUE, UNITS).minus(of(COMPETITOR_AVERAGE)).dividedBy(of(COMPETITOR_AVERAGE))));
        return kpis;
    }
}
