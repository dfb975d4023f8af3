package com.saleskpi.kpi;

import org.eclipse.microprofile.graphql.Description;

@Description("Whether a higher value of a KPI is good news")
public enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    NEUTRAL
}
