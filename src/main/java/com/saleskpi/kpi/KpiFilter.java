package com.saleskpi.kpi;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;

/** Which records a KPI looks at; empty lists mean no restriction. Teams and territories include their sub-teams and sub-territories. */
@Description("Restricts KPIs to teams (with sub-teams), reps, territories (with sub-territories), channels, products, categories, segments")
public class KpiFilter {
    public List<UUID> teamIds = List.of();
    public List<UUID> repIds = List.of();
    public List<UUID> territoryIds = List.of();
    public List<UUID> channelIds = List.of();
    public List<UUID> productIds = List.of();
    public List<String> categories = List.of();
    @Description("Customer segments: ENTERPRISE, MID_MARKET, SMB, CONSUMER")
    public List<String> segments = List.of();

    boolean restricts(Dimension dimension) {
        return !values(dimension).isEmpty();
    }

    List<?> values(Dimension dimension) {
        List<?> values = switch (dimension) {
            case TEAM -> teamIds;
            case REP -> repIds;
            case TERRITORY -> territoryIds;
            case CHANNEL -> channelIds;
            case PRODUCT -> productIds;
            case CATEGORY -> categories;
            case SEGMENT -> segments;
        };
        return values == null ? List.of() : values;
    }
}
