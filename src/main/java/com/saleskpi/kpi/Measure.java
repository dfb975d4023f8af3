package com.saleskpi.kpi;

import java.math.BigDecimal;

/**
 * A named SQL aggregate over a fact source (columns s.*, bucket bounds b.*), with the unit of its values and its rule
 * for a bucket that has no records; KPIs are formulas over measures. A measure with a rollup has a second form, rollupSql, that gives the same
 * number over that pre-aggregated source; the engine prefers it whenever the rollup keeps every dimension the request
 * filters or breaks down by.
 */
record Measure(String name, Unit unit, String description, FactSource source, String sql, WhenEmpty whenEmpty,
        FactSource rollup, String rollupSql) {

    /** What a measure is over no records: a count or a sum is 0, an average or a median has no value. */
    enum WhenEmpty {
        ZERO("0 when there are no records", BigDecimal.ZERO),
        NULL("null when there are no records", null);

        final String description;
        final BigDecimal value;

        WhenEmpty(String description, BigDecimal value) {
            this.description = description;
            this.value = value;
        }
    }

    /** A count or a sum: 0 over no records. */
    static Measure zeroWhenEmpty(String name, Unit unit, String description, FactSource source, String sql) {
        return new Measure(name, unit, description, source, sql, WhenEmpty.ZERO, null, null);
    }

    /** An average, a median or another statistic that has no value over no records. */
    static Measure nullWhenEmpty(String name, Unit unit, String description, FactSource source, String sql) {
        return new Measure(name, unit, description, source, sql, WhenEmpty.NULL, null, null);
    }

    /** The same measure, read from a rollup whose columns it sums the same way (its SQL reads the same there). */
    Measure keptIn(FactSource rollupSource) {
        return keptIn(rollupSource, sql);
    }

    Measure keptIn(FactSource rollupSource, String sqlOverRollup) {
        return new Measure(name, unit, description, source, sql, whenEmpty, rollupSource, sqlOverRollup);
    }

    String sqlFor(FactSource statementSource) {
        return statementSource == rollup ? rollupSql : sql;
    }
}
