package com.saleskpi.kpi;

import org.eclipse.microprofile.graphql.Description;

@Description("Unit of a KPI value")
public enum Unit {
    /** An amount of money in the reporting currency. */
    CURRENCY,
    COUNT,
    /** A share or ratio; 0.25 means 25 %. */
    RATIO,
    /** A score such as NPS (-100..100) or CSAT (1..5). */
    SCORE,
    DAYS,
    HOURS
}
