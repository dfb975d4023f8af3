package com.saleskpi.kpi;

import org.eclipse.microprofile.graphql.Description;

/** How a target whose period a request covers only in part counts (setting TARGET_PRORATION). */
@Description("How a target whose period the request covers only in part counts: its value times the share of its days (or of"
        + " its working days, Monday to Friday) that the request covers")
public enum TargetProration {
    CALENDAR_DAYS, WORKING_DAYS;

    static final String DESCRIPTION = "For KPIs that read targets: how a target the period covers only in part was pro-rated; null"
            + " for the others";
}
