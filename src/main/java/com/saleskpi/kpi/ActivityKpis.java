package com.saleskpi.kpi;

import static com.saleskpi.kpi.Direction.HIGHER_IS_BETTER;
import static com.saleskpi.kpi.Direction.NEUTRAL;
import static com.saleskpi.kpi.Formula.of;
import static com.saleskpi.kpi.Formula.ratio;
import static com.saleskpi.kpi.KpiCatalogue.ACTIVITY_PERIOD;
import static com.saleskpi.kpi.KpiCatalogue.kpi;
import static com.saleskpi.kpi.Measures.ACTIVE_REPS;
import static com.saleskpi.kpi.Measures.ACTIVITY_COUNT;
import static com.saleskpi.kpi.Measures.WON;
import static com.saleskpi.kpi.Measures.WORKING_DAYS;
import static com.saleskpi.kpi.Unit.COUNT;
import static com.saleskpi.kpi.Unit.COUNT_AVERAGE;
import static com.saleskpi.kpi.Unit.HOURS;
import static com.saleskpi.kpi.Unit.RATIO;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Activities the reps log (calls, emails, meetings, demos, proposals, visits, social touches). */
final class ActivityKpis {

    private ActivityKpis() {
    }

    static List<KpiDefinition> all() {
        List<KpiDefinition> kpis = new ArrayList<>();
        kpis.add(kpi("activities", "Activities", COUNT, HIGHER_IS_BETTER, "Activities logged").period(ACTIVITY_PERIOD).of(ACTIVITY_COUNT));
        for (String type : List.of("CALL", "EMAIL", "MEETING", "DEMO", "PROPOSAL", "VISIT", "SOCIAL")) {
            String lower = type.toLowerCase(Locale.ROOT);
            kpis.add(kpi("activities_" + lower, "Activities: " + lower, COUNT, HIGHER_IS_BETTER, "Activities of type " + type
                    + (type.equals("PROPOSAL") ? " (proposals sent)" : "")).period(ACTIVITY_PERIOD).of(Measures.activityType(type)));
            kpis.add(kpi("touches_per_won_deal_" + lower, "Touches per won deal: " + lower, COUNT_AVERAGE, NEUTRAL,
                    type + " activities logged on the deals won, per deal won").period("close day")
                    .of(ratio(Measures.dealTouches(true, type), WON)));
            kpis.add(kpi("touches_per_closed_deal_" + lower, "System touches per closed deal: " + lower, COUNT_AVERAGE, NEUTRAL,
                    type + " activities logged on the deals closed, won or lost, per deal closed").period("close day")
                    .of(of(Measures.dealTouches(false, type)).dividedBy(of(WON).plus(of(Measures.LOST)))));
        }
        kpis.add(kpi("high_value_activity_hours", "Time on high-value activities", HOURS, HIGHER_IS_BETTER, "Hours spent on the"
                + " activity types that sell most (setting HIGH_VALUE_ACTIVITY_TYPES: meetings, demos and proposals by default)")
                .period(ACTIVITY_PERIOD).of(Measures.HIGH_VALUE_ACTIVITY_HOURS));
        kpis.add(kpi("high_value_activity_share", "Share of time on high-value activities", RATIO, HIGHER_IS_BETTER, "Hours on"
                + " high-value activities over the hours of all activities with a duration").period(ACTIVITY_PERIOD)
                .of(ratio(Measures.HIGH_VALUE_ACTIVITY_HOURS, Measures.ACTIVITY_HOURS)));
        kpis.add(kpi("activities_per_rep", "Activities per rep", COUNT_AVERAGE, HIGHER_IS_BETTER, "Activities per rep who logged any")
                .period(ACTIVITY_PERIOD).of(ratio(ACTIVITY_COUNT, ACTIVE_REPS)));
        kpis.add(kpi("activities_per_rep_per_working_day", "Activities per rep per working day", COUNT_AVERAGE, HIGHER_IS_BETTER,
                "Activities per active rep per working day (Monday to Friday) of the period").period(ACTIVITY_PERIOD)
                .of(of(ACTIVITY_COUNT).dividedBy(of(ACTIVE_REPS).times(of(WORKING_DAYS)))));
        return kpis;
    }
}
