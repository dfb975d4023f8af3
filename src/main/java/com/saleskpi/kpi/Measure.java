package com.saleskpi.kpi;

/** One SQL aggregate over a fact source (columns s.*, bucket bounds b.*); KPIs are formulas over measures. */
record Measure(FactSource source, String sql) {
}
