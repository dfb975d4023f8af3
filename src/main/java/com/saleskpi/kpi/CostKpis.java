package com.saleskpi.kpi;

import static com.saleskpi.kpi.Direction.HIGHER_IS_BETTER;
import static com.saleskpi.kpi.Direction.LOWER_IS_BETTER;
import static com.saleskpi.kpi.Formula.ratio;
import static com.saleskpi.kpi.KpiCatalogue.kpi;
import static com.saleskpi.kpi.Measures.CAMPAIGN_BOOKINGS;
import static com.saleskpi.kpi.Measures.CAMPAIGN_COST;
import static com.saleskpi.kpi.Measures.CAMPAIGN_LEADS;
import static com.saleskpi.kpi.Measures.NEW_CUSTOMERS;
import static com.saleskpi.kpi.Measures.TOTAL_COST;
import static com.saleskpi.kpi.Unit.CURRENCY;
import static com.saleskpi.kpi.Unit.RATIO;

import java.util.List;

/** Sales and marketing cost, and what it buys. */
final class CostKpis {

    private static final Formula ACQUISITION_COST = ratio(TOTAL_COST, NEW_CUSTOMERS);

    private CostKpis() {
    }

    static List<KpiDefinition> all() {
        return List.of(
                kpi("sales_and_marketing_cost", "Sales and marketing cost", CURRENCY, LOWER_IS_BETTER, "All cost entries")
                        .period("cost day").of(TOTAL_COST),
                kpi("customer_acquisition_cost", "Customer acquisition cost", CURRENCY, LOWER_IS_BETTER,
                        "Sales and marketing cost per new customer").period("cost day; acquisition day").of(ACQUISITION_COST),
                kpi("cost_per_lead", "Cost per lead", CURRENCY, LOWER_IS_BETTER, "Campaign cost per lead that came from a campaign")
                        .period("cost day; lead instant").of(ratio(CAMPAIGN_COST, CAMPAIGN_LEADS)),
                kpi("clv_to_cac_ratio", "CLV:CAC ratio", RATIO, HIGHER_IS_BETTER, "Customer lifetime value per acquisition cost")
                        .period("as for CLV and CAC").of(CustomerKpis.LIFETIME_VALUE.dividedBy(ACQUISITION_COST)),
                kpi("cac_to_clv_ratio", "CAC:CLV ratio", RATIO, LOWER_IS_BETTER, "Acquisition cost compared to the value of the customer"
                        + " acquired: CAC divided by CLV").period("as for CLV and CAC")
                        .of(ACQUISITION_COST.dividedBy(CustomerKpis.LIFETIME_VALUE)),
                kpi("campaign_return", "Campaign return", RATIO, HIGHER_IS_BETTER,
                        "Bookings of deals whose lead came from a campaign, per campaign cost")
                        .period("close day; cost day").of(ratio(CAMPAIGN_BOOKINGS, CAMPAIGN_COST)));
    }
}
