package com.saleskpi.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** The query parameters of the REST KPI endpoints: the same filter (inherited) and period as the GraphQL inputs. */
public class KpiQueryParameters extends KpiFilter {

    @QueryParam(KPI)
    @Parameter(description = "KPI names from the catalogue; repeat the parameter for several", required = true, example = "revenue")
    public List<String> kpis;

    static final String KPI = "kpi";

    /** The KPIs named, by the parameter that names them. */
    KpiNames names() {
        return new KpiNames(kpis, KPI);
    }

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

    @QueryParam("compareTo")
    public Comparison compareTo;

    @QueryParam("asOf")
    @Parameter(description = KpiGraphQLApi.AS_OF, example = "2026-03-01T00:00:00Z")
    public Instant asOf;

    @QueryParam("currency")
    @Parameter(description = KpiGraphQLApi.CURRENCY, example = "USD")
    public String currency;

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
