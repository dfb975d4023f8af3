package com.saleskpi.kpi;

import static com.saleskpi.testing.Fixtures.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saleskpi.testing.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * Every KPI of the catalogue against kpi-fixture.sql, with the expected value worked out by hand
 * (the working is in the comment beside each). Period: Q1 2026, team T with its sub-team T2, UTC.
 */
@QuarkusTest
class KpiCatalogueTest {

    private static final double TOLERANCE = 1e-6;
    private static final String SNAPSHOT = """
            query($kpis: [String!]!, $filter: KpiFilterInput, $period: KpiPeriodInput!, $compareTo: Comparison) {
              kpiSnapshot(kpis: $kpis, filter: $filter, period: $period, compareTo: $compareTo) {
                period { from to } comparisonPeriod { from to } timeZone
                values { kpi unit value comparisonValue change relativeChange targetProration }
              }
            }""";

    /** Q1 2026, filter team T (includes T2). */
    static final Map<String, Double> Q1_TEAM = new HashMap<>();
    /** Q1 2026, filter product P1 (KPIs that are not kept per team). */
    static final Map<String, Double> Q1_PRODUCT_P1 = new HashMap<>();
    /** Q1 2026, filter region X (includes its area X1): KPIs kept only per territory. */
    static final Map<String, Double> Q1_REGION_X = new HashMap<>();

    static {
        // Orders in Q1 not cancelled: O1 200 + 45 (1 x 50 less 10 %), O2 120, O3 160 (4 x 50 less 20 %), O4 300, O10 50, O11 50 (on 03-31)
        Q1_TEAM.put("revenue", 925.0);                         // O5 cancelled and O12 (04-01) excluded
        Q1_TEAM.put("orders", 6.0);
        Q1_TEAM.put("units_sold", 13.0);                       // 2+1+1+4+3+1+1
        Q1_TEAM.put("average_order_value", 925.0 / 6);
        Q1_TEAM.put("revenue_per_rep", 925.0 / 3);             // R1, R2, R3 sold
        Q1_TEAM.put("revenue_per_account", 925.0 / 4);         // A1, A3, A4, A6 bought
        Q1_TEAM.put("bookings", 1800.0);                       // D1 1000 + D2 500 + D3 300 won in Q1
        Q1_TEAM.put("revenue_target", 1750.0);                 // T's TEAM target 1750 covers sub-team T2's 100
        Q1_TEAM.put("target_attainment_revenue", 925.0 / 1750);
        Q1_TEAM.put("target_attainment_bookings", 0.75);       // 1800 / 2400
        Q1_TEAM.put("target_attainment_deals_won", 0.5);       // 3 / 6
        Q1_TEAM.put("target_attainment_new_accounts", 0.5);    // 2 / 4
        Q1_TEAM.put("target_attainment_activities", 0.5);      // 11 / 22
        Q1_TEAM.put("target_attainment_new_leads", 0.5);       // 5 / 10
        Q1_TEAM.put("quota_attainment_share", 2.0 / 3);        // R1 465 < 500; R2 160 >= 150; R3 300 >= 300
        Q1_TEAM.put("revenue_growth_mom", 0.48);               // vs 2025-12-01..2026-02-28: O6 100 + O1 245 + O3 160 + O2 120 = 625
        Q1_TEAM.put("revenue_growth_qoq", 745.0 / 180);        // vs Q4 2025: O6 100 + O7 80 = 180
        Q1_TEAM.put("revenue_growth_yoy", 3.625);              // vs Q1 2025: O9 200; (925 - 200) / 200
        Q1_TEAM.put("average_selling_price", 925.0 / 13);
        Q1_TEAM.put("new_opportunities", 4.0);                 // D2, D3, D4, D5 opened in Q1
        Q1_TEAM.put("new_opportunity_value", 3600.0);          // 500 + 300 + 800 + 2000
        Q1_TEAM.put("open_pipeline_value", 2400.0);            // open on 03-31: D5 2000, D6 400
        Q1_TEAM.put("open_pipeline_count", 2.0);
        Q1_TEAM.put("weighted_pipeline_value", 1040.0);
        // bookings 1800; D6 (NEGOTIATION: COMMIT) and D5 (PROPOSAL: BEST_CASE), open on 03-31, have no expected close day in Q1
        Q1_TEAM.put("forecast_commit", 1800.0);
        Q1_TEAM.put("forecast_best_case", 1800.0);        // D5 in PROPOSAL 50 % x 2000; D6 still PROSPECTING on 03-31: 10 % x 400
        // calls for Q1: T's own 2000/2600 (its reps' R1 1200 and R2 400 are in it); at the cut-off (02-15) still T's 2000
        Q1_TEAM.put("submitted_commit_call", 2000.0);
        Q1_TEAM.put("submitted_best_case_call", 2600.0);
        Q1_TEAM.put("forecast_accuracy", 1 - 200.0 / 1800);   // 1 - |2000 - 1800| / 1800
        Q1_TEAM.put("forecast_bias", 200.0 / 1800);
        // no open deal is expected to close in Q1: coverage 0 / (2400 - 1800), projected (1800 + 0) / 2400, weighted 0
        Q1_TEAM.put("pipeline_coverage", 0.0);
        Q1_TEAM.put("projected_attainment", 0.75);
        Q1_TEAM.put("history_weighted_pipeline", 0.0);
        // plans: R1 won 1500 on a quota of 800: 5 % x 800 + 8 % x (1200 - 800) + 12 % x (1500 - 1200) = 40 + 32 + 36; R2 won
        // 300: 10 % x 300; no open COMMIT deal closes in Q1, so the projection is the same
        Q1_TEAM.put("commission_earned", 138.0);
        Q1_TEAM.put("projected_commission", 138.0);
        Q1_TEAM.put("deals_won", 3.0);
        Q1_TEAM.put("deals_lost", 1.0);                        // D4; D7 lost in December
        Q1_TEAM.put("win_rate", 0.75);                         // 3 / (3 + 1)
        Q1_TEAM.put("win_loss_ratio", 3.0);
        // History (opportunity_version) in Q1: D5's close day pushed once (03-05); stages left: PROSPECTING by D2 (10 days),
        // D3 (10), D4 (5), D5 (14); QUALIFICATION by D3 (40, won) and D4 (7); PROPOSAL by D2 (20, won) and D4 (9, lost)
        Q1_TEAM.put("close_date_slippage", 1.0 / 6);           // 1 push / 6 deals worked (D1..D6)
        Q1_TEAM.put("deals_pushed_share", 1.0 / 6);
        Q1_TEAM.put("stalled_deals", 1.0);                     // open on 03-31: D5 (changed 03-05), D6 (unchanged since 2025-11-01)
        Q1_TEAM.put("days_in_prospecting", 9.75);              // (10 + 10 + 5 + 14) / 4
        Q1_TEAM.put("days_in_qualification", 23.5);            // (40 + 7) / 2
        Q1_TEAM.put("days_in_proposal", 14.5);                 // (20 + 9) / 2
        Q1_TEAM.put("days_in_negotiation", null);              // no deal left NEGOTIATION in Q1 (D6 did on 04-10)
        Q1_TEAM.put("stage_advance_rate_prospecting", 1.0);    // all 4 moved on
        Q1_TEAM.put("stage_advance_rate_qualification", 1.0);  // D3 won, D4 to PROPOSAL
        Q1_TEAM.put("stage_advance_rate_proposal", 0.5);       // D2 won, D4 lost
        Q1_TEAM.put("stage_advance_rate_negotiation", null);
        Q1_TEAM.put("close_ratio", 0.5);                       // 3 won / worked D1..D6 (D7 closed before Q1)
        Q1_TEAM.put("average_deal_size", 600.0);               // 1800 / 3
        Q1_TEAM.put("sales_cycle_days_avg", 125.0 / 3);        // D1 45, D2 30, D3 50 days
        Q1_TEAM.put("sales_cycle_days_median", 45.0);
        Q1_TEAM.put("funnel_prospecting_to_qualification", 1.0); // opened in Q1: furthest stage D2 won, D3 won, D4 proposal, D5 proposal
        Q1_TEAM.put("funnel_qualification_to_proposal", 1.0);    // 4 reached qualification-or-later, 4 proposal-or-later
        Q1_TEAM.put("funnel_proposal_to_negotiation", 0.5);      // 2 of 4 got beyond proposal
        Q1_TEAM.put("funnel_negotiation_to_won", 1.0);           // 2 of 2
        Q1_TEAM.put("demo_to_close_ratio", 0.5);               // closed with a demo: D2 won, D4 lost
        // existing customers (A1, A2, A6 at the start) who bought more: A1 won the UPSELL D2; D3's A3 became a customer in Q1
        Q1_TEAM.put("upsell_rate", 1.0 / 3);
        Q1_TEAM.put("cross_sell_rate", 0.0);
        Q1_TEAM.put("upsell_share_of_won_deals", 1.0 / 3);     // D2 of D1, D2, D3
        Q1_TEAM.put("cross_sell_share_of_won_deals", 1.0 / 3); // D3
        Q1_TEAM.put("upsell_bookings_share", 500.0 / 1800);
        Q1_TEAM.put("cross_sell_bookings_share", 300.0 / 1800);
        // Leads received in Q1: LD1 customer, LD2 SQL, LD3 MQL, LD4 disqualified, LD5 opportunity (LD6 in December)
        Q1_TEAM.put("new_leads", 5.0);
        Q1_TEAM.put("lead_stage_share_lead", 0.0);
        Q1_TEAM.put("lead_stage_share_mql", 0.2);
        Q1_TEAM.put("lead_stage_share_sql", 0.2);
        Q1_TEAM.put("lead_stage_share_opportunity", 0.2);
        Q1_TEAM.put("lead_stage_share_customer", 0.2);
        Q1_TEAM.put("lead_stage_share_disqualified", 0.2);
        Q1_TEAM.put("lead_to_mql_rate", 0.8);                  // LD1, LD2, LD3, LD5 reached MQL
        Q1_TEAM.put("mql_to_sql_rate", 0.75);                  // LD1, LD2, LD5 of 4
        Q1_TEAM.put("sql_to_opportunity_rate", 2.0 / 3);       // LD1, LD5 of 3
        Q1_TEAM.put("opportunity_to_customer_rate", 0.5);      // LD1 of 2
        Q1_TEAM.put("lead_to_opportunity_ratio", 0.4);         // 2 / 5
        Q1_TEAM.put("lead_to_customer_rate", 0.2);             // 1 / 5
        Q1_TEAM.put("mql_to_customer_rate", 0.25);             // 1 / 4
        Q1_TEAM.put("sql_to_customer_rate", 1.0 / 3);          // 1 / 3
        Q1_TEAM.put("first_response_hours_avg", 8.25);         // (2 + 24 + 1 + 6) / 4; LD4 never answered
        Q1_TEAM.put("first_response_hours_median", 4.0);       // 1, 2, 6, 24
        Q1_TEAM.put("leads_followed_up_share", 1.0);           // qualified (MQL or later): LD1, LD2, lead 3, LD5, all answered
        Q1_TEAM.put("all_leads_followed_up_share", 0.8);       // 4 / 5
        Q1_TEAM.put("customer_lifecycle_days", 30.0);          // LD1: 2026-01-02 09:00 to 2026-02-01 09:00
        // Activities in Q1 (UTC): 11; X11 on 2025-12-31 23:30 UTC is outside
        Q1_TEAM.put("activities", 11.0);
        Q1_TEAM.put("activities_call", 3.0);                   // X1, X7, X10 (03-31 23:30 UTC)
        Q1_TEAM.put("activities_email", 3.0);
        Q1_TEAM.put("activities_meeting", 1.0);
        Q1_TEAM.put("activities_demo", 2.0);
        Q1_TEAM.put("activities_proposal", 1.0);
        Q1_TEAM.put("activities_visit", 0.0);
        Q1_TEAM.put("activities_social", 1.0);
        Q1_TEAM.put("activities_per_rep", 11.0 / 3);
        // minutes in Q1 (UTC): X1 10, X2 5, X3 demo 60, X4 meeting 30, X5 demo 45, X6 5, X7 15, X9 proposal 90 (X11's visit is
        // December's); high value: 60 + 30 + 45 + 90 = 225 of 260
        Q1_TEAM.put("high_value_activity_hours", 3.75);
        Q1_TEAM.put("high_value_activity_share", 225.0 / 260);
        Q1_TEAM.put("activities_per_rep_per_working_day", 11.0 / (3 * 64)); // Q1 2026 has 64 weekdays
        // prospects contacted in Q1: A1, A2, A3, A4; A1 answered POSITIVE (X1, X12), A3 NEGATIVE (X7)
        Q1_TEAM.put("positive_response_rate", 0.25);
        Q1_TEAM.put("negative_response_rate", 0.25);
        Q1_TEAM.put("positive_share_of_responses", 0.5);       // responses: X1 positive, X7 negative, X8 replied, X12 positive
        Q1_TEAM.put("negative_share_of_responses", 0.25);
        Q1_TEAM.put("meeting_acceptance_rate", 0.25);          // 1 meeting accepted / 4 responses
        Q1_TEAM.put("email_open_rate", 2.0 / 3);               // X2 opened, X8 replied, X6 only sent
        Q1_TEAM.put("touches_per_won_deal", 7.0 / 3);          // D1: X12; D2: X1, X2, X3; D3: X6, X7, X8
        Q1_TEAM.put("touches_per_won_deal_call", 2.0 / 3);
        Q1_TEAM.put("touches_per_won_deal_email", 1.0);
        Q1_TEAM.put("touches_per_won_deal_meeting", 0.0);
        Q1_TEAM.put("touches_per_won_deal_demo", 1.0 / 3);
        Q1_TEAM.put("touches_per_won_deal_proposal", 0.0);
        Q1_TEAM.put("touches_per_won_deal_visit", 0.0);
        Q1_TEAM.put("touches_per_won_deal_social", 1.0 / 3);
        // closed in Q1: D1..D3 won, D4 lost (X4 meeting, X5 demo): 9 activities on 4 deals
        Q1_TEAM.put("touches_per_closed_deal", 2.25);
        Q1_TEAM.put("touches_per_closed_deal_call", 0.5);      // X1, X7
        Q1_TEAM.put("touches_per_closed_deal_email", 0.75);    // X2, X6, X8
        Q1_TEAM.put("touches_per_closed_deal_meeting", 0.25);
        Q1_TEAM.put("touches_per_closed_deal_demo", 0.5);      // X3, X5
        Q1_TEAM.put("touches_per_closed_deal_proposal", 0.0);
        Q1_TEAM.put("touches_per_closed_deal_visit", 0.0);
        Q1_TEAM.put("touches_per_closed_deal_social", 0.25);
        // Customers: at start A1, A2, A6; new A3, A4; A2 churned 02-20; at end A1, A3, A4, A6 (A5 a prospect)
        Q1_TEAM.put("new_customers", 2.0);
        Q1_TEAM.put("customers_at_end", 4.0);
        Q1_TEAM.put("customer_acquisition_rate", 0.2);         // of the 5 leads of Q1, LD1 became a customer
        Q1_TEAM.put("customer_base_growth_rate", 2.0 / 3);     // new A3, A4 / at the start A1, A2, A6
        Q1_TEAM.put("churn_rate", 1.0 / 3);
        Q1_TEAM.put("retention_rate", 2.0 / 3);                // (4 - 2) / 3
        Q1_TEAM.put("revenue_churn_rate", 80.0 / 180);         // 90 days before Q1: O6 100 + O7 80 (A2, churned in Q1)
        Q1_TEAM.put("customer_lifetime_value", 693.75);        // (925 / 4) / (1 / 3)
        Q1_TEAM.put("engagement_per_customer", 2.5);           // 10 activities with an account / 4 customers
        // customers of Q1 contacted: A1 (2 orders), A2 (churned 02-20, no order), A3, A4; not contacted: A6 (2 orders)
        Q1_TEAM.put("repeat_purchase_rate_contacted", 0.25);
        Q1_TEAM.put("repeat_purchase_rate_not_contacted", 1.0);
        Q1_TEAM.put("repeat_buyer_share_contacted", 1.0 / 3);  // of the buyers A1, A3, A4
        Q1_TEAM.put("repeat_buyer_share_not_contacted", 1.0);
        // Costs in Q1 of T and T2: 600 (campaign) + 1000 + 200 + 400
        Q1_TEAM.put("sales_and_marketing_cost", 2200.0);
        Q1_TEAM.put("customer_acquisition_cost", 1100.0);      // 2200 / 2
        Q1_TEAM.put("cost_per_lead", 200.0);                   // 600 / LD1, LD2, LD5
        Q1_TEAM.put("clv_to_cac_ratio", 693.75 / 1100);
        Q1_TEAM.put("cac_to_clv_ratio", 1100 / 693.75);
        Q1_TEAM.put("campaign_return", 0.5);                   // D3 (lead LD2 of the campaign) 300 / 600
        Q1_TEAM.put("nps", 25.0);                              // promoters 10, 9; detractor 3; passive 7: (2 - 1) / 4
        Q1_TEAM.put("enps", 0.0);                              // 9 promoter, 5 detractor, 8 passive
        Q1_TEAM.put("csat_average", 3.0);                      // (4 + 2) / 2
        Q1_TEAM.put("rep_turnover_rate", 0.5);                 // R2 left; headcount 2 at start (R1, R2), 2 at end (R1, R3)

        // Q1 revenue in X and X1: 925; X's whole market 10000 covers X1's 4000
        Q1_REGION_X.put("market_share", 0.0925);
        Q1_PRODUCT_P1.put("competitor_average_price", 100.0);  // (90 + 110) / 2; the 999 of December is outside
        Q1_PRODUCT_P1.put("competitor_price_gap", (620.0 / 6 - 100) / 100); // P1 sells 620 over 6 units
        Q1_PRODUCT_P1.put("average_selling_price", 620.0 / 6);
    }

    @Inject
    Pool pool;

    Map<String, String> ids;

    @BeforeEach
    void loadFixture() {
        ids = KpiFixture.load(pool);
    }

    private Map<String, Object> q1(String timeZone) {
        return Map.of("from", "2026-01-01", "to", "2026-03-31", "timeZone", timeZone);
    }

    private Map<String, Object> teamFilter() {
        return Map.of("teamIds", List.of(ids.get("T")));
    }

    private JsonPath snapshot(List<String> kpis, Map<String, Object> filter, Map<String, Object> period, String compareTo) {
        Map<String, Object> variables = new HashMap<>(Map.of("kpis", kpis, "filter", filter, "period", period));
        if (compareTo != null) {
            variables.put("compareTo", compareTo);
        }
        JsonPath answer = GraphQL.query(SNAPSHOT, variables);
        assertNull(answer.get("errors"), () -> "GraphQL errors: " + answer.get("errors"));
        return answer;
    }

    /**
     * The hand-computed values are exact; the service answers them rounded half up to the decimals the catalogue gives
     * for the KPI (its unit's), so that is what is expected.
     */
    private static void assertValues(Map<String, Double> expected, JsonPath answer) {
        List<Map<String, Object>> values = answer.getList("data.kpiSnapshot.values");
        List<String> wrong = new ArrayList<>();
        for (Map<String, Object> value : values) {
            String kpi = (String) value.get("kpi");
            Double want = expected.get(kpi) == null ? null : rounded(expected.get(kpi), decimals().get(kpi));
            Object got = value.get("value");
            if (want == null ? got != null : got == null || Math.abs(((Number) got).doubleValue() - want) > TOLERANCE * Math.max(1, Math.abs(want))) {
                wrong.add(kpi + ": expected " + want + " (" + expected.get(kpi) + " rounded) but was " + got);
            }
        }
        assertEquals(expected.size(), values.size());
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    private static Map<String, Integer> decimals;

    private static synchronized Map<String, Integer> decimals() {
        if (decimals == null) {
            JsonPath catalogue = GraphQL.query("{ kpiCatalogue { name decimals } }", Map.of());
            List<String> names = catalogue.getList("data.kpiCatalogue.name");
            List<Integer> places = catalogue.getList("data.kpiCatalogue.decimals");
            decimals = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                decimals.put(names.get(i), places.get(i));
            }
        }
        return decimals;
    }

    static double rounded(double exact, int decimals) {
        return BigDecimal.valueOf(exact).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    @Test
    void everyKpiOfTheCatalogueHasAHandComputedExpectation() {
        TreeSet<String> tested = new TreeSet<>(Q1_TEAM.keySet());
        tested.addAll(Q1_PRODUCT_P1.keySet());
        tested.addAll(Q1_REGION_X.keySet());
        List<String> catalogue = GraphQL.query("{ kpiCatalogue { name builtIn } }", Map.of())
                .getList("data.kpiCatalogue.findAll { it.builtIn }.name");
        assertEquals(new TreeSet<>(catalogue), tested);
    }

    @Test
    void everyTeamKpiMatchesTheHandComputedValue() {
        assertValues(Q1_TEAM, snapshot(new ArrayList<>(Q1_TEAM.keySet()), teamFilter(), q1("UTC"), null));
    }

    @Test
    void pricingKpisMatchTheHandComputedValue() {
        assertValues(Q1_PRODUCT_P1, snapshot(new ArrayList<>(Q1_PRODUCT_P1.keySet()),
                Map.of("productIds", List.of(ids.get("P1"))), q1("UTC"), null));
    }

    @Test
    void teamAndTerritoryFiltersIncludeTheSubTeamsAndSubTerritories() {
        // Q1 revenue: O4 300 in region X, O1 245, O2 120, O3 160, O10 50, O11 50 in its area X1 (925 in all); O3 is the
        // only order of sub-team T2 (R2)
        assertValues(Map.of("revenue", 925.0), snapshot(List.of("revenue"),
                Map.of("teamIds", List.of(ids.get("T")), "territoryIds", List.of(ids.get("X"))), q1("UTC"), null));
        assertValues(Map.of("revenue", 625.0), snapshot(List.of("revenue"),
                Map.of("teamIds", List.of(ids.get("T")), "territoryIds", List.of(ids.get("X1"))), q1("UTC"), null));
        assertValues(Map.of("revenue", 160.0), snapshot(List.of("revenue"),
                Map.of("teamIds", List.of(ids.get("T2")), "territoryIds", List.of(ids.get("X"))), q1("UTC"), null));
    }

    @Test
    void timeZoneDecidesWhichDayAnInstantFallsOn() {
        // In Berlin X10 (03-31 23:30 UTC) is already April and X11 (12-31 23:30 UTC) already January.
        Map<String, Double> berlin = Map.of("activities", 11.0, "activities_call", 2.0, "activities_visit", 1.0);
        assertValues(berlin, snapshot(new ArrayList<>(berlin.keySet()), teamFilter(), q1("Europe/Berlin"), null));
    }

    @Test
    void emptyPeriodGivesZeroCountsAndNoRatios() {
        Map<String, Object> empty = Map.of("from", "2030-01-01", "to", "2030-03-31");
        Map<String, Double> expected = new HashMap<>();
        expected.put("revenue", 0.0);
        expected.put("deals_won", 0.0);
        expected.put("win_rate", null);
        expected.put("average_deal_size", null);
        expected.put("sales_cycle_days_median", null);
        expected.put("nps", null);
        expected.put("target_attainment_revenue", null);
        JsonPath answer = snapshot(new ArrayList<>(expected.keySet()), teamFilter(), empty, null);
        List<Map<String, Object>> values = answer.getList("data.kpiSnapshot.values");
        for (Map<String, Object> value : values) {
            Double want = expected.get((String) value.get("kpi"));
            if (want == null) {
                assertNull(value.get("value"), value.get("kpi") + " has nothing to divide by");
            } else {
                assertEquals(want, ((Number) value.get("value")).doubleValue(), TOLERANCE, (String) value.get("kpi"));
            }
        }
    }

    @Test
    void comparisonWithThePreviousQuarter() {
        JsonPath answer = snapshot(List.of("revenue", "deals_lost"), teamFilter(), q1("UTC"), "PREVIOUS_PERIOD");
        assertEquals("2025-10-01", answer.getString("data.kpiSnapshot.comparisonPeriod.from"));
        assertEquals("2025-12-31", answer.getString("data.kpiSnapshot.comparisonPeriod.to"));
        // Q4 2025 revenue: O6 100 + O7 80; lost: D7
        assertEquals(180.0, answer.getDouble("data.kpiSnapshot.values[0].comparisonValue"), TOLERANCE);
        assertEquals(745.0, answer.getDouble("data.kpiSnapshot.values[0].change"), TOLERANCE);
        assertEquals(rounded(745.0 / 180, 4), answer.getDouble("data.kpiSnapshot.values[0].relativeChange"), TOLERANCE);
        assertEquals(1.0, answer.getDouble("data.kpiSnapshot.values[1].comparisonValue"), TOLERANCE);
        assertEquals(0.0, answer.getDouble("data.kpiSnapshot.values[1].change"), TOLERANCE);
        JsonPath lastYear = snapshot(List.of("revenue"), teamFilter(), q1("UTC"), "SAME_PERIOD_LAST_YEAR");
        assertEquals(200.0, lastYear.getDouble("data.kpiSnapshot.values[0].comparisonValue"), TOLERANCE); // O9
    }

    @Test
    void aPeriodLongerThanAYearComparedWithLastYearCountsTheDaysBothShareInBoth() {
        // 2025-01-01..2026-03-31 against 2024-01-01..2025-03-31: O9 (2025-02-01) lies in both
        JsonPath answer = snapshot(List.of("revenue", "deals_won"), teamFilter(), Map.of("from", "2025-01-01", "to", "2026-03-31"),
                "SAME_PERIOD_LAST_YEAR");
        assertEquals("2025-03-31", answer.getString("data.kpiSnapshot.comparisonPeriod.to"));
        // O9 200, O7 80, O6 100 and Q1 2026's 925
        assertEquals(1305.0, answer.getDouble("data.kpiSnapshot.values[0].value"), TOLERANCE);
        assertEquals(200.0, answer.getDouble("data.kpiSnapshot.values[0].comparisonValue"), TOLERANCE);
        // D1, D2 and D3 were won in Q1 2026, none in 2024 or early 2025
        assertEquals(3.0, answer.getDouble("data.kpiSnapshot.values[1].value"), TOLERANCE);
        assertEquals(0.0, answer.getDouble("data.kpiSnapshot.values[1].comparisonValue"), TOLERANCE);
    }

    @Test
    void monthlySeriesHasEveryBucketAndAddsUpToTheSnapshot() {
        JsonPath answer = GraphQL.query("""
                query($filter: KpiFilterInput) { kpiSeries(kpis: ["revenue", "win_rate"], filter: $filter,
                  period: { from: "2026-01-01", to: "2026-06-30" }, granularity: MONTH) { kpi points { bucketStart bucketEnd value } } }""",
                Map.of("filter", teamFilter()));
        assertNull(answer.get("errors"));
        List<Number> revenue = answer.getList("data.kpiSeries[0].points.value");
        // Jan O1 245 + O3 160; Feb O2 120; Mar O4 300 + O10 50 + O11 50; Apr O12 50; May and June empty
        assertEquals(List.of(405.0, 120.0, 400.0, 50.0, 0.0, 0.0), revenue.stream().map(Number::doubleValue).toList());
        assertEquals(925.0, revenue.subList(0, 3).stream().mapToDouble(Number::doubleValue).sum(), TOLERANCE);
        assertEquals("2026-02-28", answer.getString("data.kpiSeries[0].points[1].bucketEnd"));
        List<Object> winRate = answer.getList("data.kpiSeries[1].points.value");
        // Jan: D1 won; Feb: D2 won, D4 lost; Mar: D3 won; no closed deals after
        assertEquals(1.0, ((Number) winRate.get(0)).doubleValue(), TOLERANCE);
        assertEquals(0.5, ((Number) winRate.get(1)).doubleValue(), TOLERANCE);
        assertNull(winRate.get(4));
    }

    @Test
    void breakdownsAddUpToTheTotal() {
        JsonPath byTeam = GraphQL.query("""
                query($filter: KpiFilterInput) { kpiBreakdown(kpis: ["revenue", "orders"], filter: $filter,
                  period: { from: "2026-01-01", to: "2026-03-31" }, by: TEAM) { kpi rows { key label value } } }""",
                Map.of("filter", teamFilter()));
        assertNull(byTeam.get("errors"));
        // T: R1 465 + R3 300; T2: R2 160 — best first
        assertEquals(List.of(ids.get("T"), ids.get("T2")), byTeam.getList("data.kpiBreakdown[0].rows.key"));
        assertEquals(List.of(765.0, 160.0), byTeam.<Number>getList("data.kpiBreakdown[0].rows.value").stream()
                .map(Number::doubleValue).toList());
        assertEquals(List.of(5.0, 1.0), byTeam.<Number>getList("data.kpiBreakdown[1].rows.value").stream()
                .map(Number::doubleValue).toList());
        JsonPath byProduct = GraphQL.query("""
                query($filter: KpiFilterInput) { kpiBreakdown(kpis: ["revenue"], filter: $filter,
                  period: { from: "2026-01-01", to: "2026-03-31" }, by: PRODUCT, compareTo: PREVIOUS_PERIOD)
                  { rows { label value comparisonValue } } }""", Map.of("filter", teamFilter()));
        // P1: 200 + 120 + 300 (Q4: O6 100); P2: 45 + 160 + 50 + 50 (Q4: O7 80)
        assertEquals(List.of("Product One", "Product Two"), byProduct.getList("data.kpiBreakdown[0].rows.label"));
        assertEquals(List.of(620.0, 305.0), byProduct.<Number>getList("data.kpiBreakdown[0].rows.value").stream()
                .map(Number::doubleValue).toList());
        assertEquals(List.of(100.0, 80.0), byProduct.<Number>getList("data.kpiBreakdown[0].rows.comparisonValue").stream()
                .map(Number::doubleValue).toList());
    }

    @Test
    void leaderboardShowsWhoLeadsAndWhoIsBehind() {
        JsonPath answer = GraphQL.query("""
                query($filter: KpiFilterInput) { kpiLeaderboard(kpi: "revenue", filter: $filter,
                  period: { from: "2026-01-01", to: "2026-03-31" }, size: 1) { top { label value } bottom { label value } } }""",
                Map.of("filter", teamFilter()));
        assertEquals("Rep One", answer.getString("data.kpiLeaderboard.top[0].label"));      // 465
        assertEquals(465.0, answer.getDouble("data.kpiLeaderboard.top[0].value"), TOLERANCE);
        assertEquals("Rep Two", answer.getString("data.kpiLeaderboard.bottom[0].label"));   // 160
    }

    @Test
    void forecastCallsAreScoredAtTheCutOffOfTheirRepOrTeam() {
        // R1 won D1 1000 + D2 500 in Q1; called 1500 on 01-20, 1200 on 03-10. At the midpoint (02-15) the call stood at
        // 1500: accuracy 1, bias 0; at the end of week 10 (03-12) at 1200: 1 - 300 / 1500, bias -300 / 1500
        List<String> scores = List.of("forecast_accuracy", "forecast_bias", "submitted_commit_call");
        Map<String, Object> rep = Map.of("repIds", List.of(ids.get("R1")));
        assertValues(Map.of("forecast_accuracy", 1.0, "forecast_bias", 0.0, "submitted_commit_call", 1200.0),
                snapshot(scores, rep, q1("UTC"), null));
        Map<String, Object> week10 = Map.of("repIds", List.of(ids.get("R1")), "callCutoffWeek", 10);
        assertValues(Map.of("forecast_accuracy", 0.8, "forecast_bias", -0.2),
                snapshot(List.of("forecast_accuracy", "forecast_bias"), week10, q1("UTC"), null));
        // T2 has no call of its own: R2's 400 is its roll-up; it won D3 300: bias 100 / 300
        assertValues(Map.of("forecast_accuracy", 1 - 100.0 / 300, "forecast_bias", 100.0 / 300, "submitted_commit_call", 400.0),
                snapshot(scores, Map.of("teamIds", List.of(ids.get("T2"))), q1("UTC"), null));
        // the cut-off week moves only KPIs that score calls
        assertError(GraphQL.query("query($filter: KpiFilterInput) { kpiSnapshot(kpis: [\"revenue\"], filter: $filter,"
                + " period: { from: \"2026-01-01\", to: \"2026-03-31\" }) { values { value } } }", Map.of("filter", week10)),
                "callCutoffWeek");
    }

    @Test
    void targetsAreProratedToThePartOfTheirPeriodARequestCovers() {
        // January is 31 of Q1's 90 days: T's 1750 (covering T2's 100) counts 1750 x 31 / 90; January's revenue O1 245 + O3 160
        JsonPath january = snapshot(List.of("revenue_target", "target_attainment_revenue", "revenue"), teamFilter(),
                Map.of("from", "2026-01-01", "to", "2026-01-31"), null);
        assertValues(Map.of("revenue_target", 1750.0 * 31 / 90, "target_attainment_revenue", 405 / (1750.0 * 31 / 90), "revenue", 405.0),
                january);
        assertEquals(List.of("CALENDAR_DAYS", "CALENDAR_DAYS"), january.getList("data.kpiSnapshot.values.targetProration").subList(0, 2));
        assertNull(january.get("data.kpiSnapshot.values[2].targetProration"), "revenue reads no target");
        // by working days (TARGET_PRORATION=WORKING_DAYS): January has 22 of Q1 2026's 64
        String prorated = FactSource.prorated("t", "t.value", "date '2026-01-01'", "date '2026-01-31'").replace(":target_proration", "'WORKING_DAYS'");
        Number byWorkingDays = pool.query("select round(" + prorated + ", 4) from (values (1750::numeric, date '2026-01-01', date '2026-03-31'))"
                + " t(value, period_start, period_end)").execute().await().indefinitely().iterator().next().getBigDecimal(0);
        assertEquals(1750.0 * 22 / 64, byWorkingDays.doubleValue(), TOLERANCE);
    }

    @Test
    void aTargetMaySetAnyKpiAndTheSnapshotAnswersItsAttainment() {
        String suffix = com.saleskpi.testing.Api.unique("t").substring(2);
        // a rate's target is not pro-rated: T's win rate in Q1, 3 won of 4 closed = 0.75, against 0.6
        create("/api/v1/targets", Map.of("scope", "TEAM", "teamId", ids.get("T"), "kpi", "win_rate", "periodStart", "2026-01-01",
                "periodEnd", "2026-03-31", "value", 0.6));
        // a KPI defined through the API: its deals won, 3 in Q1, against 6
        String wins = "wins_" + suffix;
        String customId = com.saleskpi.testing.Api.admin().body(Map.of("name", wins, "title", "Wins", "unit", "COUNT", "direction",
                "HIGHER_IS_BETTER", "formula", "deals_won")).post("/api/v1/custom-kpis").then().statusCode(201).extract().path("id");
        create("/api/v1/targets", Map.of("scope", "TEAM", "teamId", ids.get("T"), "customKpiId", customId, "periodStart", "2026-01-01",
                "periodEnd", "2026-03-31", "value", 6));
        JsonPath q1 = GraphQL.query("""
                query($kpis: [String!]!, $filter: KpiFilterInput) { kpiSnapshot(kpis: $kpis, filter: $filter,
                  period: { from: "2026-01-01", to: "2026-03-31" }) { values { kpi value target attainment targetProration } } }""",
                Map.of("kpis", List.of("win_rate", wins, "revenue"), "filter", teamFilter()));
        assertNull(q1.get("errors"), () -> "errors: " + q1.get("errors"));
        assertEquals(List.of(0.6, 6.0), q1.<Object>getList("data.kpiSnapshot.values.target").subList(0, 2).stream()
                .map(v -> Double.valueOf(v.toString())).toList());
        assertEquals(List.of(1.25, 0.5), q1.<Object>getList("data.kpiSnapshot.values.attainment").subList(0, 2).stream()
                .map(v -> Double.valueOf(v.toString())).toList());
        assertEquals("CALENDAR_DAYS", q1.getString("data.kpiSnapshot.values[1].targetProration"));
        assertNull(q1.get("data.kpiSnapshot.values[2].target"), "no target is set for revenue itself");
        // February: D2 won, D4 lost (0.5 against 0.6, whole); one win against 6 x 28 / 90 = 1.87, rounded as counts are: 2
        JsonPath february = GraphQL.query("""
                query($kpis: [String!]!, $filter: KpiFilterInput) { kpiSnapshot(kpis: $kpis, filter: $filter,
                  period: { from: "2026-02-01", to: "2026-02-28" }) { values { kpi value target attainment } } }""",
                Map.of("kpis", List.of("win_rate", wins), "filter", teamFilter()));
        assertEquals(List.of(0.6, 2.0), february.<Object>getList("data.kpiSnapshot.values.target").stream()
                .map(v -> Double.valueOf(v.toString())).toList());
        assertEquals(List.of(rounded(0.5 / 0.6, 4), 0.5), february.<Object>getList("data.kpiSnapshot.values.attainment").stream()
                .map(v -> Double.valueOf(v.toString())).toList());
        // a KPI with targets is not deleted from under them
        com.saleskpi.testing.Api.admin().delete("/api/v1/custom-kpis/" + customId).then().statusCode(409);
        // bad targets: a KPI the catalogue lacks, two things at once, a KPI defined through the API that does not exist
        for (Object[] bad : new Object[][] {
                { Map.of("kpi", "happiness"), "kpi" },
                { Map.of("kpi", "win_rate", "metric", "REVENUE"), "kpi" },
                { Map.of("customKpiId", java.util.UUID.randomUUID().toString()), "customKpiId" } }) {
            Map<String, Object> body = new HashMap<>(Map.of("scope", "TEAM", "teamId", ids.get("T"), "periodStart", "2026-01-01",
                    "periodEnd", "2026-03-31", "value", 1));
            body.putAll((Map<String, Object>) bad[0]);
            com.saleskpi.testing.Api.admin().body(body).post("/api/v1/targets").then().statusCode(422)
                    .body("errors.field", org.hamcrest.Matchers.hasItem(bad[1]));
        }
    }

    @Test
    void marketShareOfARegionItsAreasAndACategory() {
        assertValues(Q1_REGION_X, snapshot(new ArrayList<>(Q1_REGION_X.keySet()), Map.of("territoryIds", List.of(ids.get("X"))),
                q1("UTC"), null));
        // X1 alone: its 625 of its own 4000; X's category Alpha (P1): 620 of 4960
        assertValues(Map.of("market_share", rounded(625.0 / 4000, 4)), snapshot(List.of("market_share"),
                Map.of("territoryIds", List.of(ids.get("X1"))), q1("UTC"), null));
        String alpha = "Alpha-" + ids.get("RUN");
        assertValues(Map.of("market_share", 0.125), snapshot(List.of("market_share"),
                Map.of("territoryIds", List.of(ids.get("X")), "categories", List.of(alpha)), q1("UTC"), null));
        // broken down, each territory against its own market: X's own O4 300 of 10000, X1's 625 of 4000
        JsonPath byTerritory = GraphQL.query("""
                query($filter: KpiFilterInput) { kpiBreakdown(kpis: ["market_share"], filter: $filter,
                  period: { from: "2026-01-01", to: "2026-03-31" }, by: TERRITORY) { rows { key value } } }""",
                Map.of("filter", Map.of("territoryIds", List.of(ids.get("X")))));
        assertEquals(List.of(ids.get("X1"), ids.get("X")), byTerritory.getList("data.kpiBreakdown[0].rows.key"));
        assertEquals(List.of(rounded(625.0 / 4000, 4), 0.03), byTerritory.<Number>getList("data.kpiBreakdown[0].rows.value").stream()
                .map(Number::doubleValue).toList());
        // no size for a period: no share
        Map<String, Double> none = new HashMap<>();
        none.put("market_share", null);
        assertValues(none, snapshot(List.of("market_share"), Map.of("territoryIds", List.of(ids.get("X"))),
                Map.of("from", "2025-10-01", "to", "2025-12-31"), null));
    }

    @Test
    void leadSourceIndustryAndActivityTypeAreDimensions() {
        // leads received in Q1: CAMPAIGN LD1 (customer), LD2, LD5; WEB lead 3, lead 4
        assertEquals(Map.of("CAMPAIGN", 3.0, "WEB", 2.0), breakdown("new_leads", "LEAD_SOURCE"));
        assertEquals(Map.of("CAMPAIGN", rounded(1.0 / 3, 4), "WEB", 0.0), breakdown("lead_to_customer_rate", "LEAD_SOURCE"));
        // Q1's 11 activities by type
        assertEquals(Map.of("CALL", 3.0, "EMAIL", 3.0, "DEMO", 2.0, "MEETING", 1.0, "PROPOSAL", 1.0, "SOCIAL", 1.0),
                breakdown("activities", "ACTIVITY_TYPE"));
        // CAC by channel: costs by their campaign's channel (C1: CP1's 600), customers by their first order's (A3 O3 and A4 O4:
        // C2): C2 acquired 2 for nothing spent on it, C1 none for 600
        Map<String, Double> cacByChannel = breakdown("customer_acquisition_cost", "CHANNEL");
        assertEquals(0.0, cacByChannel.get(ids.get("C2")));
        assertTrue(cacByChannel.containsKey(ids.get("C1")) && cacByChannel.get(ids.get("C1")) == null, cacByChannel::toString);
        // closed in Q1: D1, D2 (A1) and D3 (A3) won in Software; D4 (A2) lost in Retail
        assertEquals(Map.of("Software", 1.0, "Retail", 0.0), breakdown("win_rate", "INDUSTRY"));
        // as filters: the calls (X1, X7, X10); the web's leads; Retail's deals
        assertValues(Map.of("activities", 3.0), snapshot(List.of("activities"),
                Map.of("teamIds", List.of(ids.get("T")), "activityTypes", List.of("CALL")), q1("UTC"), null));
        assertValues(Map.of("new_leads", 2.0), snapshot(List.of("new_leads"),
                Map.of("teamIds", List.of(ids.get("T")), "leadSources", List.of("WEB")), q1("UTC"), null));
        assertValues(Map.of("deals_lost", 1.0, "deals_won", 0.0), snapshot(List.of("deals_lost", "deals_won"),
                Map.of("teamIds", List.of(ids.get("T")), "industries", List.of("Retail")), q1("UTC"), null));
        // over REST as CSV, filtered and broken down by lead source
        String csv = com.saleskpi.testing.Api.admin().accept("text/csv").queryParam("kpi", "new_leads").queryParam("by", "LEAD_SOURCE")
                .queryParam("from", "2026-01-01").queryParam("to", "2026-03-31").queryParam("teamId", ids.get("T"))
                .queryParam("leadSource", "WEB", "CAMPAIGN").get("/api/v1/kpis/breakdown").then().statusCode(200).extract().asString();
        List<String> lines = List.of(csv.split("\n"));
        assertTrue(lines.contains("new_leads,COUNT,,LEAD_SOURCE,CAMPAIGN,CAMPAIGN,3,,,"), csv);
        assertTrue(lines.contains("new_leads,COUNT,,LEAD_SOURCE,WEB,WEB,2,,,"), csv);
        // every member of an enumerated dimension is listed, whether or not a record has it yet
        assertEquals(List.of("WEB", "REFERRAL", "EVENT", "OUTBOUND", "PARTNER", "CAMPAIGN", "OTHER"),
                GraphQL.query("{ dimensionMembers(dimension: LEAD_SOURCE) { key } }", Map.of()).getList("data.dimensionMembers.key"));
        // a KPI that no activity type places cannot be filtered by one
        assertError(GraphQL.query("query($filter: KpiFilterInput) { kpiSnapshot(kpis: [\"revenue\"], filter: $filter,"
                + " period: { from: \"2026-01-01\", to: \"2026-03-31\" }) { values { value } } }",
                Map.of("filter", Map.of("activityTypes", List.of("CALL")))), "ACTIVITY_TYPE");
    }

    /** A breakdown of one KPI over team T in Q1, as member key to value. */
    private Map<String, Double> breakdown(String kpi, String by) {
        JsonPath answer = GraphQL.query("""
                query($filter: KpiFilterInput, $kpi: String!, $by: Dimension!) { kpiBreakdown(kpis: [$kpi], filter: $filter,
                  period: { from: "2026-01-01", to: "2026-03-31" }, by: $by) { rows { key value } } }""",
                Map.of("filter", teamFilter(), "kpi", kpi, "by", by));
        assertNull(answer.get("errors"), () -> "GraphQL errors: " + answer.get("errors"));
        Map<String, Double> rows = new HashMap<>();
        List<Map<String, Object>> list = answer.getList("data.kpiBreakdown[0].rows");
        list.forEach(row -> rows.put((String) row.get("key"), row.get("value") == null ? null : ((Number) row.get("value")).doubleValue()));
        return rows;
    }

    @Test
    void subTeamFilterSeesOnlyTheSubTeam() {
        Map<String, Double> expected = Map.of("revenue", 160.0, "deals_won", 1.0, "new_leads", 2.0);
        assertValues(expected, snapshot(new ArrayList<>(expected.keySet()), Map.of("teamIds", List.of(ids.get("T2"))),
                q1("UTC"), null));
    }

    @Test
    void invalidRequestsAreExplained() {
        String query = "query($kpis: [String!]!, $period: KpiPeriodInput!, $filter: KpiFilterInput) { kpiSnapshot(kpis: $kpis, "
                + "period: $period, filter: $filter) { values { value } } }";
        assertError(GraphQL.query(query, Map.of("kpis", List.of("happiness"), "period", q1("UTC"))), "happiness");
        assertError(GraphQL.query(query, Map.of("kpis", List.of("revenue"), "period", Map.of("from", "2026-03-01", "to", "2026-01-01"))),
                "period.from");
        assertError(GraphQL.query(query, Map.of("kpis", List.of("nps"), "period", q1("UTC"),
                "filter", Map.of("productIds", List.of(ids.get("P1"))))), "cannot be filtered by PRODUCT");
        assertError(GraphQL.query(query, Map.of("kpis", List.of("revenue"), "period", q1("UTC"),
                "filter", Map.of("teamIds", List.of("00000000-0000-0000-0000-000000000001")))), "no team with id");
        // a typo in a segment or a category is named, not answered with an empty total
        assertError(GraphQL.query(query, Map.of("kpis", List.of("revenue"), "period", q1("UTC"),
                "filter", Map.of("segments", List.of("MIDMARKET")))), "no segment MIDMARKET");
        assertError(GraphQL.query(query, Map.of("kpis", List.of("revenue"), "period", q1("UTC"),
                "filter", Map.of("categories", List.of("Hardwear")))), "no category Hardwear");
        com.saleskpi.testing.Api.admin().queryParam("kpi", "revenue").queryParam("from", "2026-01-01").queryParam("to", "2026-03-31")
                .queryParam("segment", "smb").get("/api/v1/kpis/snapshot").then().statusCode(400)
                .body("errors[0].message", org.hamcrest.Matchers.equalTo("no segment smb"));
        JsonPath everySegment = GraphQL.query(query, Map.of("kpis", List.of("revenue"), "period", q1("UTC"),
                "filter", Map.of("segments", List.of("ENTERPRISE", "MID_MARKET", "SMB", "CONSUMER"))));
        assertNull(everySegment.get("errors"), () -> "every segment is known, with accounts or without: " + everySegment.get("errors"));
        assertError(GraphQL.query(query, Map.of("kpis", List.of("revenue"), "period", Map.of("preset", "THIS_MONTH",
                "timeZone", "Mars/Olympus"))), "time zone");
        assertError(GraphQL.query("{ kpiSeries(kpis: [\"revenue\"], period: { from: \"2020-01-01\", to: \"2026-01-01\" },"
                + " granularity: DAY) { kpi } }", Map.of()), "too fine");
    }

    private static void assertError(JsonPath answer, String fragment) {
        assertNotNull(answer.get("errors"), "an error was expected");
        String message = answer.getString("errors[0].message");
        assertTrue(message.contains(fragment), () -> "'" + message + "' should mention " + fragment);
    }
}
