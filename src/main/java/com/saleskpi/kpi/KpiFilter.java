package com.saleskpi.kpi;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import jakarta.ws.rs.QueryParam;

/** Which records a KPI looks at; empty lists mean no restriction. Teams and territories include their sub-teams and sub-territories. */
@Description("Restricts KPIs to teams (with sub-teams), reps, territories (with sub-territories), channels, products, categories,"
        + " segments, industries, lead sources, activity types, campaigns, forecast categories, and deals to an amount range and a closing window; and when forecast calls are scored")
public class KpiFilter {
    // each field is the filter of GraphQL (its name) and of REST (its query parameter, repeated for several values)
    @QueryParam("teamId")
    @Parameter(description = "Teams, with their sub-teams")
    public List<UUID> teamIds = List.of();
    @QueryParam("repId")
    public List<UUID> repIds = List.of();
    @QueryParam("territoryId")
    @Parameter(description = "Territories, with their sub-territories")
    public List<UUID> territoryIds = List.of();
    @QueryParam("channelId")
    public List<UUID> channelIds = List.of();
    @QueryParam("productId")
    public List<UUID> productIds = List.of();
    @QueryParam("category")
    public List<String> categories = List.of();
    @QueryParam("segment")
    @Description("Customer segments: ENTERPRISE, MID_MARKET, SMB, CONSUMER")
    public List<String> segments = List.of();
    @QueryParam("industry")
    @Description("Industries of the accounts")
    public List<String> industries = List.of();
    @QueryParam("leadSource")
    @Description("Where the leads came from: WEB, REFERRAL, EVENT, OUTBOUND, PARTNER, CAMPAIGN, OTHER (and the deals closed from them)")
    public List<String> leadSources = List.of();
    @QueryParam("activityType")
    @Description("Kinds of activity: CALL, EMAIL, MEETING, DEMO, PROPOSAL, VISIT, SOCIAL")
    public List<String> activityTypes = List.of();
    @QueryParam("campaignId")
    @Parameter(description = "Campaigns: the leads they brought, the deals closed from those leads, the costs spent on them")
    @Description("Campaigns: the leads they brought, the deals closed from those leads, the costs spent on them")
    public List<UUID> campaignIds = List.of();
    @QueryParam("forecastCategory")
    @Description("Forecast categories of the deals: PIPELINE, BEST_CASE, COMMIT, CLOSED, OMITTED")
    public List<String> forecastCategories = List.of();
    @QueryParam("minDealAmount")
    @Parameter(description = DEAL_AMOUNT)
    @Description(DEAL_AMOUNT)
    public BigDecimal minDealAmount;
    @QueryParam("maxDealAmount")
    @Parameter(description = DEAL_AMOUNT)
    @Description(DEAL_AMOUNT)
    public BigDecimal maxDealAmount;

    @QueryParam("closingFrom")
    @Parameter(description = CLOSING)
    @Description(CLOSING)
    public LocalDate closingFrom;
    @QueryParam("closingTo")
    @Parameter(description = CLOSING)
    @Description(CLOSING)
    public LocalDate closingTo;

    @QueryParam("callCutoffWeek")
    @Parameter(description = CALL_CUTOFF)
    @Description(CALL_CUTOFF)
    public Integer callCutoffWeek;

    static final String CALL_CUTOFF = "Forecast accuracy and bias: score the calls as they stood at the end of this week of each"
            + " period (1 to 53) instead of at its midpoint";
    static final String CLOSING = "Only deals expected to close on or after (from) or on or before (to) this day; for the KPIs"
            + " computed from opportunities alone";
    static final String DEAL_AMOUNT = "Only deals of at least (min) or at most (max) this amount, in the currency amounts are"
            + " answered in; for the KPIs computed from opportunities alone";

    /** Each dimension's list, by the field its declaration names. */
    private static final Map<Dimension, Field> FIELDS = new EnumMap<>(Dimension.class);

    static {
        for (Dimension dimension : Dimension.values()) {
            try {
                FIELDS.put(dimension, KpiFilter.class.getField(dimension.filterField));
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("KpiFilter has no field " + dimension.filterField + " for " + dimension, e);
            }
        }
    }

    /**
     * Whether the filter holds deals to an amount range or a closing window (read from the deals themselves, never from
     * a rollup).
     */
    boolean restrictsDeals() {
        return minDealAmount != null || maxDealAmount != null || closingFrom != null || closingTo != null;
    }

    /** A deal restriction that cannot hold, by the field that names it. */
    record Invalid(String field, String reason) {
    }

    /**
     * The first restriction that cannot hold: an amount bound beyond what an amount can be (10^15 either way), a call
     * cut-off outside a year's weeks, or a closing window that ends before it starts; null when there is none.
     */
    Invalid invalidRestriction() {
        BigDecimal limit = BigDecimal.TEN.pow(15);
        String amount = minDealAmount != null && minDealAmount.abs().compareTo(limit) > 0 ? "minDealAmount"
                : maxDealAmount != null && maxDealAmount.abs().compareTo(limit) > 0 ? "maxDealAmount" : null;
        if (amount != null) {
            return new Invalid(amount, "must lie between -10^15 and 10^15");
        }
        if (callCutoffWeek != null && (callCutoffWeek < 1 || callCutoffWeek > 53)) {
            return new Invalid("callCutoffWeek", "must be 1 to 53, not " + callCutoffWeek);
        }
        return closingFrom != null && closingTo != null && closingFrom.isAfter(closingTo)
                ? new Invalid("closingFrom", "must not be after closingTo (" + closingTo + ")") : null;
    }

    /** The first deal restriction the filter names (minDealAmount, maxDealAmount, closingFrom, closingTo), or null. */
    String dealRestrictionField() {
        return minDealAmount != null ? "minDealAmount" : maxDealAmount != null ? "maxDealAmount"
                : closingFrom != null ? "closingFrom" : closingTo != null ? "closingTo" : null;
    }

    /** The dimensions this filter restricts that are not among those given (a KPI's, a rollup's). */
    List<Dimension> restrictedOutside(Set<Dimension> kept) {
        return Arrays.stream(Dimension.values()).filter(d -> restricts(d) && !kept.contains(d)).toList();
    }

    boolean restricts(Dimension dimension) {
        return !values(dimension).isEmpty();
    }

    List<?> values(Dimension dimension) {
        try {
            List<?> values = (List<?>) FIELDS.get(dimension).get(this);
            return values == null ? List.of() : values;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy whose lists may be replaced without touching this filter's. */
    KpiFilter copy() {
        KpiFilter copy = new KpiFilter();
        for (Dimension dimension : Dimension.values()) {
            copy.set(dimension, new ArrayList<>(values(dimension)));
        }
        copy.minDealAmount = minDealAmount;
        copy.maxDealAmount = maxDealAmount;
        copy.closingFrom = closingFrom;
        copy.closingTo = closingTo;
        copy.callCutoffWeek = callCutoffWeek;
        return copy;
    }

    /**
     * The records both filters look at: per dimension, the values both name, or those of the one that restricts it. Two
     * that share no value restrict to a key no record has (an all-zero id, an empty category), which matches nothing;
     * deal amounts and closing windows to the narrower of both ranges.
     */
    KpiFilter within(KpiFilter fixed) {
        KpiFilter both = copy();
        for (Dimension dimension : Dimension.values()) {
            if (!fixed.restricts(dimension)) {
                continue;
            }
            if (!restricts(dimension)) {
                both.set(dimension, fixed.values(dimension));
                continue;
            }
            List<?> common = values(dimension).stream().filter(fixed.values(dimension)::contains).toList();
            boolean ids = fixed.values(dimension).get(0) instanceof UUID;
            both.set(dimension, !common.isEmpty() ? common : List.of(ids ? new UUID(0, 0) : ""));
        }
        both.minDealAmount = fixed.minDealAmount == null || minDealAmount != null && minDealAmount.compareTo(fixed.minDealAmount) > 0
                ? minDealAmount : fixed.minDealAmount;
        both.maxDealAmount = fixed.maxDealAmount == null || maxDealAmount != null && maxDealAmount.compareTo(fixed.maxDealAmount) < 0
                ? maxDealAmount : fixed.maxDealAmount;
        both.closingFrom = fixed.closingFrom == null || closingFrom != null && closingFrom.isAfter(fixed.closingFrom)
                ? closingFrom : fixed.closingFrom;
        both.closingTo = fixed.closingTo == null || closingTo != null && closingTo.isBefore(fixed.closingTo) ? closingTo : fixed.closingTo;
        // a KPI defined with its cut-off scores the calls there, whatever the request asks
        both.callCutoffWeek = fixed.callCutoffWeek != null ? fixed.callCutoffWeek : callCutoffWeek;
        return both;
    }

    void set(Dimension dimension, List<?> values) {
        try {
            FIELDS.get(dimension).set(this, values);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
