package com.saleskpi.kpi;

import static com.saleskpi.kpi.Direction.HIGHER_IS_BETTER;
import static com.saleskpi.kpi.Direction.NEUTRAL;
import static com.saleskpi.kpi.Formula.constant;
import static com.saleskpi.kpi.Formula.of;
import static com.saleskpi.kpi.Formula.ratio;
import static com.saleskpi.kpi.KpiCatalogue.TARGET_PERIOD;
import static com.saleskpi.kpi.KpiCatalogue.kpi;
import static com.saleskpi.kpi.Measures.BEST_CASE_CALLED;
import static com.saleskpi.kpi.Measures.BOOKINGS;
import static com.saleskpi.kpi.Measures.COMMIT_CALLED;
import static com.saleskpi.kpi.Measures.COMMIT_CALLED_AT_CUTOFF;
import static com.saleskpi.kpi.Measures.OPEN_BEST_CASE_CLOSING;
import static com.saleskpi.kpi.Measures.OPEN_CLOSING;
import static com.saleskpi.kpi.Measures.OPEN_COMMIT_CLOSING;
import static com.saleskpi.kpi.Unit.CURRENCY;
import static com.saleskpi.kpi.Unit.RATIO;

import java.math.BigDecimal;
import java.util.List;

/**
 * Where the period will land, what was called, how good the calls were (the numbers of the forecast view, ForecastView,
 * as KPIs), and what the commission plans pay.
 */
final class ForecastKpis {

    private static final String PERIOD = "close day of the deals won; the deals open at the end of the period and expected to close in it";
    private static final String CALLS = "calls submitted for exactly the period (a month, a fiscal quarter), each rep's and team's latest";
    private static final String PLANS = "commission plans whose period lies within the period, each over the deals of its own period";
    private static final List<String> OPEN_STAGES = List.of("PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION");

    private ForecastKpis() {
    }

    static List<KpiDefinition> all() {
        Formula quota = of(Measures.target("BOOKINGS"));
        Formula commit = of(BOOKINGS).plus(of(OPEN_COMMIT_CLOSING));
        Formula callError = of(COMMIT_CALLED_AT_CUTOFF).minus(of(BOOKINGS));
        return List.of(
                kpi("forecast_commit", "Forecast: commit", CURRENCY, HIGHER_IS_BETTER, "Closed won in the period plus the open deals in"
                        + " forecast category COMMIT expected to close in it").period(PERIOD).of(commit),
                kpi("forecast_best_case", "Forecast: best case", CURRENCY, HIGHER_IS_BETTER, "Forecast commit plus the open deals in"
                        + " forecast category BEST_CASE expected to close in the period").period(PERIOD)
                        .of(commit.plus(of(OPEN_BEST_CASE_CLOSING))),
                kpi("submitted_commit_call", "Submitted commit call", CURRENCY, HIGHER_IS_BETTER, "The latest commit calls, adjustments"
                        + " included: a rep's own; a team's own, or where its manager has not called, its reps' and sub-teams' rolled up")
                        .period(CALLS).of(of(COMMIT_CALLED)),
                kpi("submitted_best_case_call", "Submitted best-case call", CURRENCY, HIGHER_IS_BETTER, "The latest best-case calls,"
                        + " rolled up as the commit calls are").period(CALLS).of(of(BEST_CASE_CALLED)),
                kpi("pipeline_coverage", "Pipeline coverage", RATIO, HIGHER_IS_BETTER, "Open pipeline expected to close in the period"
                        + " divided by what remains of the BOOKINGS quota (quota - closed won); null once the quota is reached")
                        .period(PERIOD + "; " + TARGET_PERIOD).of(of(OPEN_CLOSING).dividedBy(quota.minus(of(BOOKINGS)).whenPositive())),
                kpi("projected_attainment", "Projected attainment", RATIO, HIGHER_IS_BETTER, "Closed won plus open COMMIT expected to"
                        + " close in the period, divided by the BOOKINGS quota").period(PERIOD + "; " + TARGET_PERIOD).of(commit.dividedBy(quota)),
                kpi("history_weighted_pipeline", "History-weighted pipeline", CURRENCY, HIGHER_IS_BETTER, "Open pipeline expected to"
                        + " close in the period, each deal weighted by the share won among the deals closed in the "
                        + Measures.LEARNT_OVER_PERIODS + " periods before that had been in its stage (its fixed probability where none"
                        + " had)").period(PERIOD + "; deals closed before the period teach the weights").of(historyWeighted()),
                kpi("forecast_accuracy", "Forecast accuracy", RATIO, HIGHER_IS_BETTER, "1 - |commit call at the cut-off - closed won|"
                        + " / closed won, for periods that have ended").period(CALLS + "; close day of the deals won")
                        .of(constant(BigDecimal.ONE).minus(callError.absolute().dividedBy(of(BOOKINGS)))),
                kpi("forecast_bias", "Forecast bias", RATIO, NEUTRAL, "(commit call at the cut-off - closed won) / closed won, for periods"
                        + " that have ended: above 0 called too high, below 0 too low").period(CALLS + "; close day of the deals won")
                        .of(callError.dividedBy(of(BOOKINGS))),
                kpi("commission_earned", "Commission earned", CURRENCY, NEUTRAL, "What the reps' commission plans pay on the deals they"
                        + " won: the base rate up to the first accelerator's share of the BOOKINGS quota, each accelerator's rate beyond"
                        + " its share").period(PLANS).of(of(Measures.COMMISSION)),
                kpi("projected_commission", "Projected commission", CURRENCY, NEUTRAL, "What the plans would pay on closed won plus the"
                        + " open COMMIT deals expected to close in their periods").period(PLANS).of(of(Measures.COMMISSION_ON_COMMIT)));
    }

    /** Each open stage's pipeline closing in the period times its learnt chance, or its fixed one where nothing taught it. */
    private static Formula historyWeighted() {
        Formula sum = null;
        for (String stage : OPEN_STAGES) {
            Formula chance = ratio(Measures.closedFromStage(stage, true), Measures.closedFromStage(stage, false))
                    .orElse(constant(Measures.FIXED_PROBABILITIES.get(stage)));
            Formula weighted = of(Measures.openClosingInStage(stage)).times(chance);
            sum = sum == null ? weighted : sum.plus(weighted);
        }
        return sum;
    }
}
