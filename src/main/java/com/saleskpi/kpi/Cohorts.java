package com.saleskpi.kpi;

import static com.saleskpi.kpi.FactSource.ACCOUNTS;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.saleskpi.kpi.KpiResults.Cohort;
import com.saleskpi.kpi.KpiResults.CohortPoint;
import com.saleskpi.kpi.KpiResults.CohortTable;
import com.saleskpi.kpi.KpiResults.PeriodRange;

/**
 * Retention and churn by acquisition cohort: the customers acquired in each month of the period, and how many of them
 * were still customers at the end of each month after it. Computed by the KPI engine (one statement over the accounts,
 * under the caller's scope and filter), from a measure per month since acquisition, each declared here once.
 */
final class Cohorts {

    /** The most months since acquisition a table may follow. */
    static final int MOST_MONTHS = 36;

    private Cohorts() {
    }

    /** The cohort's size, and its customers still customers at the end of each month since, as KPI definitions for the engine. */
    static List<KpiDefinition> definitions(int months) {
        List<KpiDefinition> kpis = new ArrayList<>();
        kpis.add(definition(Measures.NEW_CUSTOMERS));
        for (int k = 0; k <= months; k++) {
            kpis.add(definition(Measure.zeroWhenEmpty("cohort_retained_" + k, Unit.COUNT, "accounts acquired in the month that were"
                    + " still customers at the end of the " + k + "th month after it", ACCOUNTS, "count(s.account_id) filter (where"
                    + " s.acquired_on between b.bucket_start and b.bucket_end and (s.churned_on is null or s.churned_on >="
                    + " (b.bucket_start + interval '" + (k + 1) + " months')::date))")));
        }
        return kpis;
    }

    private static KpiDefinition definition(Measure measure) {
        return new KpiDefinition(measure.name(), measure.name(), measure.description(), "acquisition and churn days", Unit.COUNT,
                Direction.NEUTRAL, Formula.of(measure), null);
    }

    /** The table from the engine's values: a cohort per bucket (month), a point per month since that has begun by today. */
    static CohortTable table(ResolvedPeriod period, List<LocalDate[]> buckets, int months, Map<String, Map<KpiEvaluation.Key, BigDecimal>> values,
            LocalDate today) {
        List<Cohort> cohorts = new ArrayList<>();
        for (LocalDate[] bucket : buckets) {
            KpiEvaluation.Key key = new KpiEvaluation.Key(bucket[0], null);
            long customers = values.get(Measures.NEW_CUSTOMERS.name()).get(key).longValue();
            List<CohortPoint> points = new ArrayList<>();
            for (int k = 0; k <= months; k++) {
                if (bucket[0].withDayOfMonth(1).plusMonths(k).isAfter(today)) {
                    points.add(new CohortPoint(k, null, null, null, null));
                    continue;
                }
                long retained = values.get("cohort_retained_" + k).get(key).longValue();
                BigDecimal rate = Unit.RATIO.round(KpiCatalogue.divide(BigDecimal.valueOf(retained), BigDecimal.valueOf(customers)), null);
                points.add(new CohortPoint(k, retained, rate, customers - retained, rate == null ? null : BigDecimal.ONE.subtract(rate)));
            }
            cohorts.add(new Cohort(bucket[0], Granularity.MONTH.label(bucket[0], period.fiscal()), customers, points));
        }
        return new CohortTable(new PeriodRange(period.from(), period.to()), months, cohorts);
    }
}
