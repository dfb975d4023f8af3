package com.saleskpi.kpi;

/**
 * One SQL aggregate over a fact source (columns s.*, bucket bounds b.*); KPIs are formulas over measures.
 * A measure with a rollup has a second form, rollupSql, that gives the same number over that pre-aggregated
 * source; the engine prefers it whenever the rollup keeps every dimension the request filters or breaks down by.
 */
record Measure(FactSource source, String sql, FactSource rollup, String rollupSql) {

    Measure(FactSource source, String sql) {
        this(source, sql, null, null);
    }

    /** A measure whose SQL reads the same over the rollup (sums of columns the rollup sums too). */
    Measure(FactSource source, String sql, FactSource rollup) {
        this(source, sql, rollup, sql);
    }

    String sqlFor(FactSource statementSource) {
        return statementSource == rollup ? rollupSql : sql;
    }
}
