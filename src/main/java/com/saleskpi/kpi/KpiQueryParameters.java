package com.saleskpi.kpi;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** The query parameters of the REST KPI endpoints: the same filter and period as the GraphQL inputs. */
public class KpiQueryParameters {

    @QueryParam("kpi")
    @Parameter(description = "KPI names from the catalogue; repeat the parameter for several", required = true, example = "revenue")
    public List<String> kpis;

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

    @QueryParam("currency")
    @Parameter(description = KpiGraphQLApi.CURRENCY, example = "USD")
    public String currency;

    @QueryParam("teamId")
    @Parameter(description = "Teams, with their sub-teams")
    public List<UUID> teamIds;

    @QueryParam("repId")
    public List<UUID> repIds;

    @QueryParam("territoryId")
    @Parameter(description = "Territories, with their sub-territories")
    public List<UUID> territoryIds;

    @QueryParam("channelId")
    public List<UUID> channelIds;

    @QueryParam("productId")
    public List<UUID> productIds;

    @QueryParam("category")
    public List<String> categories;

    @QueryParam("segment")
    public List<String> segments;

    KpiFilter filter() {
        KpiFilter filter = new KpiFilter();
        filter.teamIds = orEmpty(teamIds);
        filter.repIds = orEmpty(repIds);
        filter.territoryIds = orEmpty(territoryIds);
        filter.channelIds = orEmpty(channelIds);
        filter.productIds = orEmpty(productIds);
        filter.categories = orEmpty(categories);
        filter.segments = orEmpty(segments);
        return filter;
    }

    KpiPeriod period() {
        KpiPeriod period = new KpiPeriod();
        period.from = from;
        period.to = to;
        period.preset = preset;
        period.timeZone = timeZone;
        return period;
    }

    private static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : values;
    }
}
