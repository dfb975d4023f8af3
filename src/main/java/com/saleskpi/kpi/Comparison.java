package com.saleskpi.kpi;

import org.eclipse.microprofile.graphql.Description;

@Description("What to compare a period with")
public enum Comparison {
    /** The period just before, of the same kind: the previous month for a month, the previous quarter for a quarter, else as many days before. */
    PREVIOUS_PERIOD,
    SAME_PERIOD_LAST_YEAR
}
