package com.saleskpi.kpi;

import static com.saleskpi.kpi.Direction.HIGHER_IS_BETTER;
import static com.saleskpi.kpi.Direction.LOWER_IS_BETTER;
import static com.saleskpi.kpi.Formula.of;
import static com.saleskpi.kpi.Formula.ratio;
import static com.saleskpi.kpi.KpiCatalogue.ACTIVITY_PERIOD;
import static com.saleskpi.kpi.KpiCatalogue.SNAPSHOT_AT_END;
import static com.saleskpi.kpi.KpiCatalogue.kpi;
import static com.saleskpi.kpi.Measures.ACCOUNT_ACTIVITIES;
import static com.saleskpi.kpi.Measures.BUYING_ACCOUNTS;
import static com.saleskpi.kpi.Measures.CHURNED_CUSTOMERS;
import static com.saleskpi.kpi.Measures.CUSTOMERS_AT_END;
import static com.saleskpi.kpi.Measures.CUSTOMERS_AT_START;
import static com.saleskpi.kpi.Measures.NEW_CUSTOMERS;
import static com.saleskpi.kpi.Measures.PREVIOUS_PERIOD_REVENUE;
import static com.saleskpi.kpi.Measures.PREVIOUS_PERIOD_REVENUE_FROM_CHURNED;
import static com.saleskpi.kpi.Measures.REVENUE;
import static com.saleskpi.kpi.Unit.COUNT;
import static com.saleskpi.kpi.Unit.COUNT_AVERAGE;
import static com.saleskpi.kpi.Unit.CURRENCY;
import static com.saleskpi.kpi.Unit.RATIO;

import java.util.ArrayList;
import java.util.List;

/** Customers won, kept and lost, and what they are worth. */
final class CustomerKpis {

    /** Revenue per buying account over the churn rate: revenue per period x the periods a customer is expected to stay. */
    static final Formula LIFETIME_VALUE = ratio(REVENUE, BUYING_ACCOUNTS).dividedBy(ratio(CHURNED_CUSTOMERS, CUSTOMERS_AT_START));

    private CustomerKpis() {
    }

    static List<KpiDefinition> all() {
        List<KpiDefinition> kpis = new ArrayList<>();
        kpis.add(kpi("new_customers", "New customers", COUNT, HIGHER_IS_BETTER, "Accounts acquired (first purchase) in the period")
                .period("acquisition day").of(NEW_CUSTOMERS));
        kpis.add(kpi("customers_at_end", "Customers", COUNT, HIGHER_IS_BETTER, "Customers at the end of the period")
                .period(SNAPSHOT_AT_END).of(CUSTOMERS_AT_END));
        kpis.add(kpi("customer_acquisition_rate", "Customer acquisition rate", RATIO, HIGHER_IS_BETTER,
                "Of the new prospects, how many convert into customers: leads received in the period that became customers, over"
                        + " the leads received").period(KpiCatalogue.LEAD_PERIOD).changed("until 2026-12 it was new customers over the"
                        + " customers at the start, which customer_base_growth_rate now is; the articles define it over new prospects")
                .of(ratio(Measures.REACHED_CUSTOMER, Measures.LEADS_RECEIVED)));
        kpis.add(kpi("customer_base_growth_rate", "Customer base growth rate", RATIO, HIGHER_IS_BETTER,
                "New customers relative to the customers at the start").period("acquisition day")
                .changed("the former meaning of customer_acquisition_rate, under its own name since 2026-12")
                .of(ratio(NEW_CUSTOMERS, CUSTOMERS_AT_START)));
        kpis.add(kpi("churn_rate", "Churn rate", RATIO, LOWER_IS_BETTER, "Share of the customers at the start who churned in the period")
                .period("churn day").of(ratio(CHURNED_CUSTOMERS, CUSTOMERS_AT_START)));
        kpis.add(kpi("retention_rate", "Retention rate", RATIO, HIGHER_IS_BETTER, "(customers at end - new customers) / customers at start")
                .period("acquisition and churn days").of(of(CUSTOMERS_AT_END).minus(of(NEW_CUSTOMERS)).dividedBy(of(CUSTOMERS_AT_START))));
        kpis.add(kpi("revenue_churn_rate", "Revenue churn rate", RATIO, LOWER_IS_BETTER,
                "Share of the previous period's revenue that came from customers who churned in this period")
                .period("order day; churn day").of(ratio(PREVIOUS_PERIOD_REVENUE_FROM_CHURNED, PREVIOUS_PERIOD_REVENUE)));
        kpis.add(kpi("customer_lifetime_value", "Customer lifetime value", CURRENCY, HIGHER_IS_BETTER,
                "Average revenue per buying account in the period divided by the churn rate of the period"
                        + " (revenue per period x expected number of periods a customer stays)")
                .period("order day; churn day").of(LIFETIME_VALUE));
        kpis.add(kpi("engagement_per_customer", "Interactions per customer", COUNT_AVERAGE, HIGHER_IS_BETTER,
                "Activities on accounts per customer at the end of the period").period(ACTIVITY_PERIOD)
                .of(ratio(ACCOUNT_ACTIVITIES, CUSTOMERS_AT_END)));
        for (boolean contacted : new boolean[] { true, false }) {
            String which = contacted ? "contacted" : "not_contacted";
            String group = which.replace('_', ' ');
            kpis.add(kpi("repeat_purchase_rate_" + which, "Repeat purchase rate, " + group + " customers", RATIO,
                    HIGHER_IS_BETTER, "Among every customer of the period " + (contacted ? "" : "not ") + "contacted by a rep in it,"
                            + " bought or not, the share who ordered more than once").period("order day; activity instant")
                    .changed("until 2026-12 only the customers who bought were counted, which repeat_buyer_share_" + which
                            + " now is; the articles compare the whole group")
                    .of(ratio(Measures.buyers(contacted, true), Measures.customersOfThePeriod(contacted))));
            kpis.add(kpi("repeat_buyer_share_" + which, "Repeat buyers among buyers, " + group + " customers", RATIO, HIGHER_IS_BETTER,
                    "Among customers who bought in the period and were " + (contacted ? "" : "not ") + "contacted by a rep in it, the"
                            + " share who ordered more than once").period("order day; activity instant")
                    .changed("the former meaning of repeat_purchase_rate_" + which + ", under its own name since 2026-12")
                    .of(ratio(Measures.buyers(contacted, true), Measures.buyers(contacted, false))));
        }
        return kpis;
    }
}
