package com.saleskpi.kpi;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The single definition of a KPI: what it means, how it is computed (a formula over named measures, which also writes
 * the formula's text, numerator, denominator and rule for empty sets), and which date places a record in a period.
 * Its measures are the formula's, listed once for the engine. A KPI defined through the API may carry a fixed filter,
 * applied within whatever a request asks for.
 */
record KpiDefinition(String name, String title, String description, String periodRule, Unit unit, Direction direction,
        Formula formula, List<Measure> measures, KpiFilter fixedFilter, boolean builtIn, String change) {

    /** A built-in KPI of the catalogue; change says how its name or meaning changed (null: never). */
    KpiDefinition(String name, String title, String description, String periodRule, Unit unit, Direction direction,
            Formula formula, String change) {
        this(name, title, description, periodRule, unit, direction, formula, formula.measures(), null, true, change);
    }

    /** A KPI defined through the API, always restricted to its fixed filter (null: none). */
    static KpiDefinition custom(String name, String title, String description, Unit unit, Direction direction, Formula formula,
            KpiFilter fixedFilter) {
        return new KpiDefinition(name, title, description, "the days of its measures' records, as for the built-in KPIs over them",
                unit, direction, formula, formula.measures(), fixedFilter, false, null);
    }

    String formulaText() {
        return formula.text();
    }

    String numerator() {
        Formula numerator = formula.numerator();
        return numerator == null ? null : numerator.text();
    }

    String denominator() {
        Formula denominator = formula.denominator();
        return denominator == null ? null : denominator.text();
    }

    String whenEmpty() {
        return formula.whenEmpty();
    }

    /** Dimensions every fact source of this KPI carries: the only ones it can be filtered or broken down by. */
    Set<Dimension> dimensions() {
        Set<Dimension> common = EnumSet.allOf(Dimension.class);
        measures().forEach(m -> common.retainAll(m.source().dimensions()));
        return common;
    }

    /** Whether every measure is read from deals with their amounts, so that a deal amount range applies to all of it. */
    boolean fromDeals() {
        return measures().stream().allMatch(m -> m.source().carriesDealAmounts());
    }

    /** Whether it scores forecast calls as they stood at a cut-off, which callCutoffWeek moves. */
    boolean scoresCalls() {
        return measures().contains(Measures.COMMIT_CALLED_AT_CUTOFF);
    }

    boolean usesTargets() {
        return measures().stream().anyMatch(m -> m.source() == FactSource.TARGETS);
    }
}
