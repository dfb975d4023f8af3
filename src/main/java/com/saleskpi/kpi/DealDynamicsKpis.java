package com.saleskpi.kpi;

import static com.saleskpi.kpi.Direction.HIGHER_IS_BETTER;
import static com.saleskpi.kpi.Direction.LOWER_IS_BETTER;
import static com.saleskpi.kpi.Formula.ratio;
import static com.saleskpi.kpi.KpiCatalogue.kpi;
import static com.saleskpi.kpi.Measures.CLOSE_PUSHES;
import static com.saleskpi.kpi.Measures.DEALS_PUSHED;
import static com.saleskpi.kpi.Measures.DEALS_WORKED;
import static com.saleskpi.kpi.Measures.STALLED_DEALS;
import static com.saleskpi.kpi.Unit.COUNT;
import static com.saleskpi.kpi.Unit.COUNT_AVERAGE;
import static com.saleskpi.kpi.Unit.DAYS;
import static com.saleskpi.kpi.Unit.RATIO;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How deals move, from their history (opportunity_version): close days pushed, time in each stage, stage moves, stalls. */
final class DealDynamicsKpis {

    private static final String CHANGE_INSTANT = "instant of the change";
    private static final List<String> OPEN_STAGES = List.of("PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION");

    private DealDynamicsKpis() {
    }

    static List<KpiDefinition> all() {
        List<KpiDefinition> kpis = new ArrayList<>();
        kpis.add(kpi("close_date_slippage", "Close-date slippage", COUNT_AVERAGE, LOWER_IS_BETTER,
                "Times an expected close day was moved later, per deal worked in the period")
                .period(CHANGE_INSTANT + "; open interval overlapping the period").of(ratio(CLOSE_PUSHES, DEALS_WORKED)));
        kpis.add(kpi("deals_pushed_share", "Deals pushed", RATIO, LOWER_IS_BETTER,
                "Share of the deals worked in the period whose expected close day was moved later at least once in it")
                .period(CHANGE_INSTANT + "; open interval overlapping the period").of(ratio(DEALS_PUSHED, DEALS_WORKED)));
        kpis.add(kpi("stalled_deals", "Stalled deals", COUNT, LOWER_IS_BETTER, "Deals open at the end of the period that had not changed"
                + " in the " + Measures.STALLED_AFTER_DAYS + " days before it").period("snapshot at the end of the period; last change")
                .of(STALLED_DEALS));
        for (String stage : OPEN_STAGES) {
            String name = stage.toLowerCase(Locale.ROOT);
            kpis.add(kpi("days_in_" + name, "Days in " + name, DAYS, LOWER_IS_BETTER, "Average days the deals that left " + stage
                    + " in the period had spent in it").period(CHANGE_INSTANT).of(Measures.daysInStage(stage)));
            kpis.add(kpi("stage_advance_rate_" + name, "Stage advance rate from " + name, RATIO, HIGHER_IS_BETTER,
                    "Share of the moves out of " + stage + " in the period that went to a later stage (not lost), from the history")
                    .period(CHANGE_INSTANT).of(ratio(Measures.leftStage(stage, true), Measures.leftStage(stage, false))));
        }
        return kpis;
    }
}
