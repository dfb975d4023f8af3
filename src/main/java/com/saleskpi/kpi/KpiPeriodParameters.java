package com.saleskpi.kpi;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** The filter (inherited, as GraphQL's KpiFilterInput) and the period of a REST KPI request. */
public class KpiPeriodParameters extends KpiFilter {

    @QueryParam("from")
    @Parameter(description = "First day of the period (inclusive)")
    public LocalDate from;

    @QueryParam("to")
    @Parameter(description = "Last day of the period (inclusive)")
    public LocalDate to;

    @QueryParam("preset")
    @Parameter(description = "A period relative to today, instead of from/to", example = "LAST_30_DAYS")
    public PeriodPreset preset;

    @QueryParam("timeZone")
    @DefaultValue("UTC")
    @Parameter(description = "IANA time zone of the period's days")
    public String timeZone;

    /** The filter part of the parameters (declared by KpiFilter, as for GraphQL), as a filter of its own. */
    KpiFilter filter() {
        return copy();
    }

    KpiPeriod period() {
        KpiPeriod period = new KpiPeriod();
        period.from = from;
        period.to = to;
        period.preset = preset;
        period.timeZone = timeZone;
        return period;
    }
}
