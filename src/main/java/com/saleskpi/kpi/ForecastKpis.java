package com.saleskpi.kpi;

import static com.saleskpi.kpi.Direction.HIGHER_IS_BETTER;
import static com.saleskpi.kpi.Formula.of;
import static com.saleskpi.kpi.KpiCatalogue.kpi;
import static com.saleskpi.kpi.Measures.BOOKINGS;
import static com.saleskpi.kpi.Measures.OPEN_BEST_CASE_CLOSING;
import static com.saleskpi.kpi.Measures.OPEN_COMMIT_CLOSING;
import static com.saleskpi.kpi.Unit.CURRENCY;

import java.util.List;

/** Where the period will land by forecast category: the numbers of the forecast view (ForecastView) as KPIs. */
final class ForecastKpis {

    private static final String PERIOD = "close day of the deals won; the deals open at the end of the period and expected to close in it";

    private ForecastKpis() {
    }

    static List<KpiDefinition> all() {
        return List.of(
                kpi("forecast_commit", "Forecast: commit", CURRENCY, HIGHER_IS_BETTER, "Closed won in the period plus the open deals in"
                        + " forecast category COMMIT expected to close in it").period(PERIOD).of(of(BOOKINGS).plus(of(OPEN_COMMIT_CLOSING))),
                kpi("forecast_best_case", "Forecast: best case", CURRENCY, HIGHER_IS_BETTER, "Forecast commit plus the open deals in"
                        + " forecast category BEST_CASE expected to close in the period").period(PERIOD)
                        .of(of(BOOKINGS).plus(of(OPEN_COMMIT_CLOSING)).plus(of(OPEN_BEST_CASE_CLOSING))));
    }
}
