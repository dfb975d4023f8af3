package com.saleskpi.kpi;

import static com.saleskpi.kpi.Direction.HIGHER_IS_BETTER;
import static com.saleskpi.kpi.Direction.LOWER_IS_BETTER;
import static com.saleskpi.kpi.Direction.NEUTRAL;
import static com.saleskpi.kpi.Formula.of;
import static com.saleskpi.kpi.Formula.ratio;
import static com.saleskpi.kpi.KpiCatalogue.ACTIVITY_PERIOD;
import static com.saleskpi.kpi.KpiCatalogue.LEAD_PERIOD;
import static com.saleskpi.kpi.KpiCatalogue.kpi;
import static com.saleskpi.kpi.Measures.EMAILS_OPENED;
import static com.saleskpi.kpi.Measures.FOLLOWED_UP;
import static com.saleskpi.kpi.Measures.LEADS_RECEIVED;
import static com.saleskpi.kpi.Measures.LIFECYCLE_DAYS_AVERAGE;
import static com.saleskpi.kpi.Measures.MEETINGS_BOOKED;
import static com.saleskpi.kpi.Measures.REACHED_CUSTOMER;
import static com.saleskpi.kpi.Measures.REACHED_MQL;
import static com.saleskpi.kpi.Measures.REACHED_OPPORTUNITY;
import static com.saleskpi.kpi.Measures.REACHED_SQL;
import static com.saleskpi.kpi.Measures.RESPONSES;
import static com.saleskpi.kpi.Measures.RESPONSE_HOURS_AVERAGE;
import static com.saleskpi.kpi.Measures.RESPONSE_HOURS_MEDIAN;
import static com.saleskpi.kpi.Measures.WON;
import static com.saleskpi.kpi.Measures.WON_DEAL_TOUCH_COUNT;
import static com.saleskpi.kpi.Unit.COUNT;
import static com.saleskpi.kpi.Unit.COUNT_AVERAGE;
import static com.saleskpi.kpi.Unit.DAYS;
import static com.saleskpi.kpi.Unit.HOURS;
import static com.saleskpi.kpi.Unit.RATIO;

import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Locale;

/** Leads through their lifecycle (lead, MQL, SQL, opportunity, customer), responses to them and to outreach. */
final class LeadKpis {

    private LeadKpis() {
    }

    static List<KpiDefinition> all() {
        List<KpiDefinition> kpis = new ArrayList<>();
        kpis.add(kpi("new_leads", "New leads", COUNT, HIGHER_IS_BETTER, "Leads received").period(LEAD_PERIOD).of(LEADS_RECEIVED));
        for (String stage : List.of("LEAD", "MQL", "SQL", "OPPORTUNITY", "CUSTOMER", "DISQUALIFIED")) {
            kpis.add(kpi("lead_stage_share_" + stage.toLowerCase(Locale.ROOT), "Leads now at stage " + stage, RATIO, NEUTRAL,
                    "Share of the leads received in the period whose current lifecycle stage is " + stage)
                    .period(LEAD_PERIOD).of(ratio(Measures.leadsAtStage(stage), LEADS_RECEIVED)));
        }
        kpis.add(conversion("lead_to_mql_rate", "Lead to MQL", REACHED_MQL, LEADS_RECEIVED));
        kpis.add(conversion("mql_to_sql_rate", "MQL to SQL", REACHED_SQL, REACHED_MQL));
        kpis.add(conversion("sql_to_opportunity_rate", "SQL to opportunity", REACHED_OPPORTUNITY, REACHED_SQL));
        kpis.add(conversion("opportunity_to_customer_rate", "Opportunity to customer", REACHED_CUSTOMER, REACHED_OPPORTUNITY));
        kpis.add(conversion("lead_to_opportunity_ratio", "Lead to opportunity", REACHED_OPPORTUNITY, LEADS_RECEIVED));
        kpis.add(conversion("lead_to_customer_rate", "Lead to customer", REACHED_CUSTOMER, LEADS_RECEIVED));
        kpis.add(conversion("mql_to_customer_rate", "MQL to customer", REACHED_CUSTOMER, REACHED_MQL));
        kpis.add(conversion("sql_to_customer_rate", "SQL to customer", REACHED_CUSTOMER, REACHED_SQL));
        kpis.add(kpi("first_response_hours_avg", "First response time (average)", HOURS, LOWER_IS_BETTER,
                "Average hours from a lead coming in to the first response, over leads responded to").period(LEAD_PERIOD)
                .of(RESPONSE_HOURS_AVERAGE));
        kpis.add(kpi("first_response_hours_median", "First response time (median)", HOURS, LOWER_IS_BETTER,
                "Median hours from a lead coming in to the first response, over leads responded to").period(LEAD_PERIOD)
                .of(RESPONSE_HOURS_MEDIAN));
        kpis.add(kpi("leads_followed_up_share", "Qualified leads followed up", RATIO, HIGHER_IS_BETTER, "Share of the qualified leads"
                + " (MQL or later) that got a response").period(LEAD_PERIOD).changed("until 2026-12 it was over all leads, which"
                + " all_leads_followed_up_share now is; the articles count the qualified prospects")
                .of(ratio(Measures.QUALIFIED_FOLLOWED_UP, REACHED_MQL)));
        kpis.add(kpi("all_leads_followed_up_share", "Leads followed up", RATIO, HIGHER_IS_BETTER, "Share of leads that got a response")
                .period(LEAD_PERIOD).changed("the former meaning of leads_followed_up_share, under its own name since 2026-12")
                .of(ratio(FOLLOWED_UP, LEADS_RECEIVED)));
        kpis.add(kpi("customer_lifecycle_days", "Customer lifecycle length", DAYS, LOWER_IS_BETTER,
                "Average days from the first touch (lead received) to the first purchase (lead became customer)")
                .period(LEAD_PERIOD).of(LIFECYCLE_DAYS_AVERAGE));
        for (String outcome : List.of("POSITIVE", "NEGATIVE")) {
            String lower = outcome.toLowerCase(Locale.ROOT);
            String title = outcome.charAt(0) + lower.substring(1);
            Direction direction = outcome.equals("POSITIVE") ? HIGHER_IS_BETTER : LOWER_IS_BETTER;
            kpis.add(kpi(lower + "_response_rate", title + " response rate", RATIO, direction, "Prospects (leads and accounts)"
                    + " who answered " + outcome + " over the prospects contacted: 3 positive of 50 contacted is 6 %")
                    .period(ACTIVITY_PERIOD).changed("until 2026-12 it divided responses by responses, which " + lower
                            + "_share_of_responses now does; the articles count prospects contacted")
                    .of(ratio(Measures.prospectsAnswering(outcome), Measures.PROSPECTS_CONTACTED)));
            kpis.add(kpi(lower + "_share_of_responses", title + " share of responses", RATIO, direction,
                    "Share of responses (REPLIED, POSITIVE, NEGATIVE outcomes) that were " + outcome).period(ACTIVITY_PERIOD)
                    .changed("the former meaning of " + lower + "_response_rate, under its own name since 2026-12")
                    .of(ratio(Measures.outcome(outcome), RESPONSES)));
        }
        kpis.add(kpi("meeting_acceptance_rate", "Meeting acceptance rate", RATIO, HIGHER_IS_BETTER,
                "Meetings booked (MEETING with outcome ACCEPTED or HELD) per response")
                .period(ACTIVITY_PERIOD).of(ratio(MEETINGS_BOOKED, RESPONSES)));
        kpis.add(kpi("email_open_rate", "Email open rate", RATIO, HIGHER_IS_BETTER, "Share of emails opened (OPENED or REPLIED)")
                .period(ACTIVITY_PERIOD).of(ratio(EMAILS_OPENED, Measures.activityType("EMAIL"))));
        kpis.add(kpi("touches_per_won_deal", "Touches per won deal", COUNT_AVERAGE, LOWER_IS_BETTER,
                "Activities logged on the deals won, per deal won").period("close day").of(ratio(WON_DEAL_TOUCH_COUNT, WON)));
        kpis.add(kpi("touches_per_closed_deal", "System touches per closed deal", COUNT_AVERAGE, LOWER_IS_BETTER,
                "Activities logged on the deals closed, won or lost, per deal closed").period("close day")
                .of(of(Measures.CLOSED_DEAL_TOUCH_COUNT).dividedBy(of(WON).plus(of(Measures.LOST)))));
        return kpis;
    }

    private static KpiDefinition conversion(String name, String title, Measure reached, Measure from) {
        return kpi(name, title + " conversion", RATIO, HIGHER_IS_BETTER, "Of the leads received in the period, " + reached.description()
                + " relative to " + from.description()).period(LEAD_PERIOD).of(ratio(reached, from));
    }
}
