package com.saleskpi.kpi;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The single definition of a KPI: what it means, how it is computed (measures combined by a formula),
 * which date places a record in a period, and what it returns when there is nothing to divide by.
 */
record KpiDefinition(String name, String title, String description, String formula, String numerator, String denominator,
        String periodRule, Unit unit, Direction direction, String whenEmpty, List<Measure> measures,
        Function<List<BigDecimal>, BigDecimal> compute) {

    /** Dimensions every fact source of this KPI carries: the only ones it can be filtered or broken down by. */
    Set<Dimension> dimensions() {
        Set<Dimension> common = EnumSet.allOf(Dimension.class);
        measures.forEach(m -> common.retainAll(m.source().dimensions));
        return common;
    }

    boolean usesTargets() {
        return measures.stream().anyMatch(m -> m.source() == FactSource.TARGETS);
    }
}
