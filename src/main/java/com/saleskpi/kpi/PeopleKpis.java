package com.saleskpi.kpi;

import static com.saleskpi.kpi.Direction.HIGHER_IS_BETTER;
import static com.saleskpi.kpi.Direction.LOWER_IS_BETTER;
import static com.saleskpi.kpi.Formula.of;
import static com.saleskpi.kpi.KpiCatalogue.kpi;
import static com.saleskpi.kpi.Measures.CSAT_AVERAGE;
import static com.saleskpi.kpi.Measures.HEADCOUNT_AT_END;
import static com.saleskpi.kpi.Measures.HEADCOUNT_AT_START;
import static com.saleskpi.kpi.Measures.LEAVERS;
import static com.saleskpi.kpi.Unit.RATIO;
import static com.saleskpi.kpi.Unit.SCORE;

import java.util.List;

/** Satisfaction of customers and employees, and rep turnover. */
final class PeopleKpis {

    private PeopleKpis() {
    }

    static List<KpiDefinition> all() {
        return List.of(netPromoter("nps", "Net Promoter Score", "NPS", "customers"),
                netPromoter("enps", "Employee Net Promoter Score", "ENPS", "employees"),
                kpi("csat_average", "Customer satisfaction (CSAT)", SCORE, HIGHER_IS_BETTER, "Average CSAT score (1-5)")
                        .period("response instant").of(CSAT_AVERAGE),
                kpi("rep_turnover_rate", "Rep turnover rate", RATIO, LOWER_IS_BETTER, "Reps who left per average headcount")
                        .period("leave day").of(of(LEAVERS).dividedBy(of(HEADCOUNT_AT_START).plus(of(HEADCOUNT_AT_END)).dividedBy(2))));
    }

    private static KpiDefinition netPromoter(String name, String title, String survey, String who) {
        Formula promoters = of(Measures.answers(survey, "promoters", "s.score >= 9", "promoters (9-10) among " + who));
        Formula detractors = of(Measures.answers(survey, "detractors", "s.score <= 6", "detractors (0-6) among " + who));
        Formula answers = of(Measures.answers(survey, "answers", null, who));
        return kpi(name, title, SCORE, HIGHER_IS_BETTER, "% promoters (9-10) - % detractors (0-6) among " + who + " answering " + survey)
                .period("response instant").of(promoters.minus(detractors).dividedBy(answers).times(100));
    }
}
