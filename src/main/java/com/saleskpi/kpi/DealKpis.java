package com.saleskpi.kpi;

import static com.saleskpi.kpi.Direction.HIGHER_IS_BETTER;
import static com.saleskpi.kpi.Direction.LOWER_IS_BETTER;
import static com.saleskpi.kpi.Formula.of;
import static com.saleskpi.kpi.Formula.ratio;
import static com.saleskpi.kpi.KpiCatalogue.SNAPSHOT_AT_END;
import static com.saleskpi.kpi.KpiCatalogue.kpi;
import static com.saleskpi.kpi.Measures.BOOKINGS;
import static com.saleskpi.kpi.Measures.CYCLE_DAYS_AVERAGE;
import static com.saleskpi.kpi.Measures.CYCLE_DAYS_MEDIAN;
import static com.saleskpi.kpi.Measures.DEALS_WON_IN_PERIOD;
import static com.saleskpi.kpi.Measures.DEALS_WORKED;
import static com.saleskpi.kpi.Measures.DEMO_DEALS;
import static com.saleskpi.kpi.Measures.DEMO_DEALS_WON;
import static com.saleskpi.kpi.Measures.LOST;
import static com.saleskpi.kpi.Measures.NEW_DEALS;
import static com.saleskpi.kpi.Measures.NEW_DEAL_VALUE;
import static com.saleskpi.kpi.Measures.OPEN_DEALS;
import static com.saleskpi.kpi.Measures.OPEN_VALUE;
import static com.saleskpi.kpi.Measures.WEIGHTED_OPEN_VALUE;
import static com.saleskpi.kpi.Measures.WON;
import static com.saleskpi.kpi.Unit.COUNT;
import static com.saleskpi.kpi.Unit.CURRENCY;
import static com.saleskpi.kpi.Unit.DAYS;
import static com.saleskpi.kpi.Unit.RATIO;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Opportunities: pipeline, outcomes, cycle length and the stage funnel. */
final class DealKpis {

    private DealKpis() {
    }

    static List<KpiDefinition> all() {
        List<KpiDefinition> kpis = new ArrayList<>();
        kpis.add(kpi("new_opportunities", "New opportunities", COUNT, HIGHER_IS_BETTER, "Opportunities opened").period("open day")
                .of(NEW_DEALS));
        kpis.add(kpi("new_opportunity_value", "New opportunity value", CURRENCY, HIGHER_IS_BETTER, "Amount of the opportunities opened")
                .period("open day").of(NEW_DEAL_VALUE));
        kpis.add(kpi("open_pipeline_value", "Open pipeline value", CURRENCY, HIGHER_IS_BETTER,
                "Amount of the opportunities open at the end of the period").period(SNAPSHOT_AT_END).of(OPEN_VALUE));
        kpis.add(kpi("open_pipeline_count", "Open pipeline count", COUNT, HIGHER_IS_BETTER,
                "Opportunities open at the end of the period").period(SNAPSHOT_AT_END).of(OPEN_DEALS));
        kpis.add(kpi("weighted_pipeline_value", "Weighted pipeline value", CURRENCY, HIGHER_IS_BETTER,
                "Open pipeline weighted by the probability of the stage each deal was in at the end of the period"
                        + " (PROSPECTING 10 %, QUALIFICATION 25 %, PROPOSAL 50 %, NEGOTIATION 75 %)")
                .period(SNAPSHOT_AT_END).of(WEIGHTED_OPEN_VALUE));
        kpis.add(kpi("deals_won", "Deals won", COUNT, HIGHER_IS_BETTER, "Opportunities closed as won").period("close day").of(WON));
        kpis.add(kpi("deals_lost", "Deals lost", COUNT, LOWER_IS_BETTER, "Opportunities closed as lost").period("close day").of(LOST));
        kpis.add(kpi("win_rate", "Win rate", RATIO, HIGHER_IS_BETTER, "Share of closed deals that were won").period("close day")
                .of(of(WON).dividedBy(of(WON).plus(of(LOST)))));
        kpis.add(kpi("win_loss_ratio", "Win/loss ratio", RATIO, HIGHER_IS_BETTER, "Deals won per deal lost").period("close day")
                .of(ratio(WON, LOST)));
        kpis.add(kpi("close_ratio", "Close ratio", RATIO, HIGHER_IS_BETTER,
                "Deals won among the opportunities worked in the period (open at any time during it)")
                .period("close day; open interval overlapping the period").of(ratio(DEALS_WON_IN_PERIOD, DEALS_WORKED)));
        kpis.add(kpi("average_deal_size", "Average deal size", CURRENCY, HIGHER_IS_BETTER, "Bookings per deal won")
                .period("close day").of(ratio(BOOKINGS, WON)));
        kpis.add(kpi("sales_cycle_days_avg", "Sales cycle length (average)", DAYS, LOWER_IS_BETTER,
                "Average days from opening to winning, over deals won").period("close day").of(CYCLE_DAYS_AVERAGE));
        kpis.add(kpi("sales_cycle_days_median", "Sales cycle length (median)", DAYS, LOWER_IS_BETTER,
                "Median days from opening to winning, over deals won").period("close day").of(CYCLE_DAYS_MEDIAN));
        String[] funnel = { "prospecting", "qualification", "proposal", "negotiation", "won" };
        for (int rank = 1; rank < funnel.length; rank++) {
            kpis.add(kpi("funnel_" + funnel[rank - 1] + "_to_" + funnel[rank], "Funnel conversion: " + funnel[rank - 1] + " to "
                    + funnel[rank], RATIO, HIGHER_IS_BETTER, "Share of the deals that reached " + funnel[rank - 1].toUpperCase(Locale.ROOT)
                    + " (or later) that went on to reach " + funnel[rank].toUpperCase(Locale.ROOT) + " (or later), from the stage history")
                    .period("open day").of(ratio(Measures.reachedStage(rank + 1, funnel[rank]), Measures.reachedStage(rank, funnel[rank - 1]))));
        }
        kpis.add(kpi("demo_to_close_ratio", "Demo-to-close ratio", RATIO, HIGHER_IS_BETTER,
                "Share of the closed deals that had a demo which were won").period("close day").of(ratio(DEMO_DEALS_WON, DEMO_DEALS)));
        for (String type : List.of("UPSELL", "CROSS_SELL")) {
            String lower = type.toLowerCase(Locale.ROOT);
            kpis.add(kpi(lower + "_rate", lower.replace('_', '-') + " rate", RATIO, HIGHER_IS_BETTER, "The rate at which existing"
                    + " customers buy additional products: customers at the start of the period who won " + type + " deals in it, over"
                    + " the customers at the start").period("close day; acquisition and churn days")
                    .changed("until 2026-12 it was the share of the deals won, which " + lower + "_share_of_won_deals now is; the"
                            + " articles count existing customers")
                    .of(ratio(Measures.existingCustomersBuying(type), Measures.CUSTOMERS_AT_START)));
            kpis.add(kpi(lower + "_share_of_won_deals", lower.replace('_', '-') + " share of deals won", RATIO, HIGHER_IS_BETTER,
                    "Share of the deals won that were " + type + " deals with existing customers").period("close day")
                    .changed("the former meaning of " + lower + "_rate, under its own name since 2026-12")
                    .of(ratio(Measures.wonOfType(type), WON)));
            kpis.add(kpi(lower + "_bookings_share", lower.replace('_', '-') + " share of bookings", RATIO, HIGHER_IS_BETTER,
                    "Share of bookings from " + type + " deals with existing customers")
                    .period("close day").of(ratio(Measures.bookingsOfType(type), BOOKINGS)));
        }
        return kpis;
    }
}
