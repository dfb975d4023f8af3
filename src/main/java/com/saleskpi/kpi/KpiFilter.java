package com.saleskpi.kpi;

import java.util.ArrayList;
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

    /** A copy whose lists may be replaced without touching this filter's. */
    KpiFilter copy() {
        KpiFilter copy = new KpiFilter();
        copy.teamIds = new ArrayList<>(values(Dimension.TEAM).stream().map(UUID.class::cast).toList());
        copy.repIds = new ArrayList<>(values(Dimension.REP).stream().map(UUID.class::cast).toList());
        copy.territoryIds = values(Dimension.TERRITORY).stream().map(UUID.class::cast).toList();
        copy.channelIds = values(Dimension.CHANNEL).stream().map(UUID.class::cast).toList();
        copy.productIds = values(Dimension.PRODUCT).stream().map(UUID.class::cast).toList();
        copy.categories = values(Dimension.CATEGORY).stream().map(String.class::cast).toList();
        copy.segments = values(Dimension.SEGMENT).stream().map(String.class::cast).toList();
        return copy;
    }
}
