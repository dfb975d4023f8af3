package com.saleskpi.kpi;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import jakarta.ws.rs.QueryParam;

/** The query parameters of the REST KPI endpoints: the same filter (inherited) and period as the GraphQL inputs, and the KPIs. */
public class KpiQueryParameters extends KpiPeriodParameters {

    @QueryParam(KPI)
    @Parameter(description = "KPI names from the catalogue; repeat the parameter for several", required = true, example = "revenue")
    public List<String> kpis;

    static final String KPI = "kpi";

    /** The KPIs named, by the parameter that names them. */
    KpiNames names() {
        return new KpiNames(kpis, KPI);
    }

    @QueryParam("compareTo")
    public Comparison compareTo;

    @QueryParam("asOf")
    @Parameter(description = KpiGraphQLApi.AS_OF, example = "2026-03-01T00:00:00Z")
    public Instant asOf;

    @QueryParam("currency")
    @Parameter(description = KpiGraphQLApi.CURRENCY, example = "USD")
    public String currency;
}
