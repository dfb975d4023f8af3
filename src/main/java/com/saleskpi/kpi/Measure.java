package com.saleskpi.kpi;

/**
 * One SQL aggregate over a fact source (columns s.*, bucket bounds b.*); KPIs are formulas over measures.
 * A measure with a rollup gives the same number when its SQL runs over that pre-aggregated source instead,
 * which the engine prefers whenever the rollup keeps every dimension the request filters or breaks down by.
 */
record Measure(FactSource source, String sql, FactSource rollup) {

    Measure(FactSource source, String sql) {
        this(source, sql, null);
    }
}
