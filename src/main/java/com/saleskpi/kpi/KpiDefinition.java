package com.saleskpi.kpi;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The single definition of a KPI: what it means, how it is computed (a formula over named measures, which also writes
 * the formula's text, numerator, denominator and rule for empty sets), and which date places a record in a period.
 * Its measures are the formula's, listed once for the engine.
 */
record KpiDefinition(String name, String title, String description, String periodRule, Unit unit, Direction direction,
        Formula formula, List<Measure> measures) {

    KpiDefinition(String name, String title, String description, String periodRule, Unit unit, Direction direction,
            Formula formula) {
        this(name, title, description, periodRule, unit, direction, formula, formula.measures());
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
        measures().forEach(m -> common.retainAll(m.source().dimensions));
        return common;
    }

    boolean usesTargets() {
        return measures().stream().anyMatch(m -> m.source() == FactSource.TARGETS);
    }
}
