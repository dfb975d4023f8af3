package com.saleskpi.kpi;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.saleskpi.common.CsvRows;
import com.saleskpi.kpi.KpiResults.DimensionMember;
import com.saleskpi.kpi.KpiResults.KpiBreakdown;
import com.saleskpi.kpi.KpiResults.KpiDescriptor;
import com.saleskpi.kpi.KpiResults.KpiMeasure;
import com.saleskpi.kpi.KpiResults.KpiSeries;
import com.saleskpi.kpi.KpiResults.KpiSnapshot;
import com.saleskpi.kpi.KpiResults.Leaderboard;

import com.saleskpi.security.CallerScopes;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The KPIs of the GraphQL API for BI tools: JSON, or CSV with Accept: text/csv. */
@Path("/api/v1/kpis")
@Tag(name = "KPIs", description = "Sales KPIs computed on demand: catalogue, snapshot, series, breakdown and leaderboard, as JSON or CSV")
public class KpiResource {

    public static final String CSV = CsvRows.CSV;

    private final KpiEngine engine;
    private final PipelineWaterfall waterfall;
    private final CallerScopes scopes;

    public KpiResource(KpiEngine engine, PipelineWaterfall waterfall, CallerScopes scopes) {
        this.engine = engine;
        this.waterfall = waterfall;
        this.scopes = scopes;
    }

    @GET
    @Path("catalogue")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getKpiCatalogue", summary = "Every KPI with its definition", description = "JSON, or with Accept: text/csv the same as CSV: one row per KPI, dimensions and measure names separated by spaces")
    public Uni<List<KpiDescriptor>> catalogue() {
        return scopes.current().chain(engine::catalogue);
    }

    @GET
    @Path("measures")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getKpiMeasures", summary = "The named measures KPIs are formulas over",
            description = "What a KPI defined through /api/v1/custom-kpis may name in its formula")
    public List<KpiMeasure> measures() {
        return engine.measures();
    }

    @JsonPropertyOrder({ "name", "title", "unit", "currency", "decimals", "direction", "formula", "numerator", "denominator", "periodRule", "whenEmpty",
            "dimensions", "measures", "builtIn", "description" })
    record CatalogueRow(String name, String title, Unit unit, String currency, int decimals, Direction direction, String formula,
            String numerator, String denominator, String periodRule, String whenEmpty, String dimensions, String measures,
            boolean builtIn, String description) {
    }

    @GET
    @Path("catalogue")
    @Produces(CSV)
    @Operation(operationId = "getKpiCatalogue", summary = "Every KPI with its definition", description = "JSON, or with Accept: text/csv the same as CSV: one row per KPI, dimensions and measure names separated by spaces")
    public Uni<String> catalogueCsv() {
        return catalogue().map(kpis -> csv(CatalogueRow.class, kpis.stream().map(k -> new CatalogueRow(k.name(), k.title(), k.unit(),
                k.currency(), k.decimals(), k.direction(), k.formula(), k.numerator(), k.denominator(), k.periodRule(), k.whenEmpty(),
                String.join(" ", k.dimensions().stream().map(Enum::name).toList()),
                String.join(" ", k.measures().stream().map(KpiMeasure::name).toList()), k.builtIn(), k.description())).toList()));
    }

    @GET
    @Path("dimensions/{dimension}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getDimensionMembers", summary = "The members of a dimension the caller may filter and break KPIs"
            + " down by, with their labels and parents")
    public Uni<List<DimensionMember>> dimensionMembers(@PathParam("dimension") Dimension dimension) {
        return scopes.current().chain(scope -> engine.members(scope, dimension));
    }

    @GET
    @Path("snapshot")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getKpiSnapshot", summary = "KPI values for a period, optionally compared with another", description = "JSON, or with Accept: text/csv the same as CSV: one row per KPI")
    public Uni<KpiSnapshot> snapshot(@BeanParam KpiQueryParameters query) {
        return scopes.current().chain(scope -> engine.snapshot(scope, query.names(), query.filter(), query.period(), query.compareTo, query.currency,
                query.asOf));
    }

    @JsonPropertyOrder({ "kpi", "unit", "currency", "from", "to", "value", "comparisonValue", "change", "relativeChange" })
    record SnapshotRow(String kpi, Unit unit, String currency, java.time.LocalDate from, java.time.LocalDate to, java.math.BigDecimal value,
            java.math.BigDecimal comparisonValue, java.math.BigDecimal change, java.math.BigDecimal relativeChange) {
    }

    @GET
    @Path("snapshot")
    @Produces(CSV)
    @Operation(operationId = "getKpiSnapshot", summary = "KPI values for a period, optionally compared with another", description = "JSON, or with Accept: text/csv the same as CSV: one row per KPI")
    public Uni<String> snapshotCsv(@BeanParam KpiQueryParameters query) {
        return snapshot(query).map(s -> csv(SnapshotRow.class, s.values().stream().map(v -> new SnapshotRow(v.kpi(), v.unit(), v.currency(),
                s.period().from(), s.period().to(), v.value(), v.comparisonValue(), v.change(), v.relativeChange())).toList()));
    }

    @GET
    @Path("series")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getKpiSeries", summary = "KPIs per bucket of the period, empty buckets included", description = "JSON, or with Accept: text/csv the same as CSV: one row per KPI and bucket")
    public Uni<List<KpiSeries>> series(@BeanParam KpiQueryParameters query,
            @QueryParam("granularity") @Parameter(required = true) Granularity granularity,
            @QueryParam("asOfBucketEnds") @Parameter(description = KpiGraphQLApi.AS_OF_BUCKET_ENDS) Boolean asOfBucketEnds) {
        return scopes.current().chain(scope -> engine.series(scope, query.names(), query.filter(), query.period(), granularity, query.currency,
                query.asOf, asOfBucketEnds));
    }

    @JsonPropertyOrder({ "kpi", "unit", "currency", "label", "bucketStart", "bucketEnd", "partial", "value" })
    record SeriesRow(String kpi, Unit unit, String currency, String label, java.time.LocalDate bucketStart, java.time.LocalDate bucketEnd,
            boolean partial,
            java.math.BigDecimal value) {
    }

    @GET
    @Path("series")
    @Produces(CSV)
    @Operation(operationId = "getKpiSeries", summary = "KPIs per bucket of the period, empty buckets included", description = "JSON, or with Accept: text/csv the same as CSV: one row per KPI and bucket")
    public Uni<String> seriesCsv(@BeanParam KpiQueryParameters query,
            @QueryParam("granularity") @Parameter(required = true) Granularity granularity,
            @QueryParam("asOfBucketEnds") @Parameter(description = KpiGraphQLApi.AS_OF_BUCKET_ENDS) Boolean asOfBucketEnds) {
        return series(query, granularity, asOfBucketEnds).map(all -> csv(SeriesRow.class, all.stream().flatMap(s -> s.points().stream()
                .map(p -> new SeriesRow(s.kpi(), s.unit(), s.currency(), p.label(), p.bucketStart(), p.bucketEnd(), p.partial(), p.value()))).toList()));
    }

    @GET
    @Path("breakdown")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getKpiBreakdown", summary = "KPIs for each member of a dimension, best first", description = "JSON, or with Accept: text/csv the same as CSV: one row per KPI and member")
    public Uni<List<KpiBreakdown>> breakdown(@BeanParam KpiQueryParameters query,
            @QueryParam("by") @Parameter(required = true) Dimension by) {
        return scopes.current().chain(scope -> engine.breakdown(scope, query.names(), query.filter(), query.period(), by, query.compareTo,
                query.currency, query.asOf));
    }

    @JsonPropertyOrder({ "kpi", "unit", "currency", "dimension", "key", "label", "value", "comparisonValue", "change", "relativeChange" })
    record BreakdownCsvRow(String kpi, Unit unit, String currency, Dimension dimension, String key, String label, java.math.BigDecimal value,
            java.math.BigDecimal comparisonValue, java.math.BigDecimal change, java.math.BigDecimal relativeChange) {
    }

    @GET
    @Path("breakdown")
    @Produces(CSV)
    @Operation(operationId = "getKpiBreakdown", summary = "KPIs for each member of a dimension, best first", description = "JSON, or with Accept: text/csv the same as CSV: one row per KPI and member")
    public Uni<String> breakdownCsv(@BeanParam KpiQueryParameters query,
            @QueryParam("by") @Parameter(required = true) Dimension by) {
        return breakdown(query, by).map(all -> csv(BreakdownCsvRow.class, all.stream().flatMap(b -> b.rows().stream()
                .map(r -> new BreakdownCsvRow(b.kpi(), b.unit(), b.currency(), b.dimension(), r.key(), r.label(), r.value(), r.comparisonValue(),
                        r.change(), r.relativeChange()))).toList()));
    }

    @GET
    @Path("leaderboard")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getKpiLeaderboard", summary = "The best and worst members of a dimension for the first KPI named", description = "JSON, or with Accept: text/csv the same as CSV: one row per member, end TOP or BOTTOM, rank 1 the best (or the worst)")
    public Uni<Leaderboard> leaderboard(@BeanParam KpiQueryParameters query,
            @QueryParam("by") @DefaultValue("REP") Dimension by, @QueryParam("size") @DefaultValue("5") int size) {
        String kpi = query.kpis == null || query.kpis.isEmpty() ? null : query.kpis.get(0);
        return scopes.current().chain(scope -> engine.leaderboard(scope, kpi, query.filter(), query.period(), by, size, query.currency, query.asOf));
    }

    @JsonPropertyOrder({ "kpi", "unit", "currency", "dimension", "end", "rank", "key", "label", "value" })
    record LeaderboardRow(String kpi, Unit unit, String currency, Dimension dimension, String end, int rank, String key, String label,
            java.math.BigDecimal value) {
    }

    @GET
    @Path("leaderboard")
    @Produces(CSV)
    @Operation(operationId = "getKpiLeaderboard", summary = "The best and worst members of a dimension for the first KPI named", description = "JSON, or with Accept: text/csv the same as CSV: one row per member, end TOP or BOTTOM, rank 1 the best (or the worst)")
    public Uni<String> leaderboardCsv(@BeanParam KpiQueryParameters query,
            @QueryParam("by") @DefaultValue("REP") Dimension by, @QueryParam("size") @DefaultValue("5") int size) {
        return leaderboard(query, by, size).map(board -> {
            List<LeaderboardRow> rows = new java.util.ArrayList<>(ranked(board, "TOP", board.top()));
            rows.addAll(ranked(board, "BOTTOM", board.bottom()));
            return csv(LeaderboardRow.class, rows);
        });
    }

    static final String COHORTS = "Retention and churn by acquisition cohort";
    static final String COHORTS_DESCRIPTION = "The customers acquired (first purchase) in each month of the period, and how many were"
            + " still customers at the end of each month after it (0: the month itself), for months months (12 by default, at most "
            + Cohorts.MOST_MONTHS + "); within the filter (the accounts' team, rep, territory, segment, industry, acquisition channel)"
            + " and the caller's"
            + " scope. JSON, or with Accept: text/csv one row per cohort and month since";

    @GET
    @Path("cohorts")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getKpiCohorts", summary = COHORTS, description = COHORTS_DESCRIPTION)
    public Uni<KpiResults.CohortTable> cohorts(@BeanParam KpiPeriodParameters query,
            @QueryParam("months") @DefaultValue("12") @Parameter(description = "Months to follow each cohort for (0 to " + Cohorts.MOST_MONTHS + ")") int months) {
        return scopes.current().chain(scope -> engine.cohorts(scope, query.filter(), query.period(), months));
    }

    @JsonPropertyOrder({ "cohortMonth", "label", "customers", "monthsSince", "retained", "retentionRate", "churned", "churnRate" })
    record CohortRow(java.time.LocalDate cohortMonth, String label, long customers, int monthsSince, Long retained,
            java.math.BigDecimal retentionRate, Long churned, java.math.BigDecimal churnRate) {
    }

    @GET
    @Path("cohorts")
    @Produces(CSV)
    @Operation(operationId = "getKpiCohorts", summary = COHORTS, description = COHORTS_DESCRIPTION)
    public Uni<String> cohortsCsv(@BeanParam KpiPeriodParameters query,
            @QueryParam("months") @DefaultValue("12") @Parameter(description = "Months to follow each cohort for (0 to " + Cohorts.MOST_MONTHS + ")") int months) {
        return cohorts(query, months).map(table -> csv(CohortRow.class, table.cohorts().stream().flatMap(c -> c.points().stream()
                .map(p -> new CohortRow(c.cohortMonth(), c.label(), c.customers(), p.monthsSince(), p.retained(), p.retentionRate(),
                        p.churned(), p.churnRate()))).toList()));
    }

    /** The parameters of a waterfall: the KPI filter (its closing window required), two instants and the currency. */
    public static class WaterfallParameters extends KpiFilter {
        @QueryParam("startAt")
        @Parameter(description = "The first instant (ISO 8601)", required = true, example = "2026-11-30T00:00:00Z")
        public java.time.Instant startAt;

        @QueryParam("endAt")
        @Parameter(description = "The second instant, after the first and not in the future (ISO 8601)", required = true)
        public java.time.Instant endAt;

        @QueryParam("currency")
        @Parameter(description = KpiGraphQLApi.CURRENCY, example = "USD")
        public String currency;
    }

    @GET
    @Path("waterfall")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getPipelineWaterfall", summary = WATERFALL, description = WATERFALL_DESCRIPTION)
    public Uni<PipelineWaterfall.Waterfall> waterfall(@BeanParam WaterfallParameters query) {
        return scopes.current().chain(scope -> waterfall.between(scope, query.copy(), query.startAt, query.endAt, query.currency));
    }

    @JsonPropertyOrder({ "row", "count", "amount", "currency" })
    record WaterfallRow(String row, long count, java.math.BigDecimal amount, String currency) {
    }

    @GET
    @Path("waterfall")
    @Produces(CSV)
    @Operation(operationId = "getPipelineWaterfall", summary = WATERFALL, description = WATERFALL_DESCRIPTION)
    public Uni<String> waterfallCsv(@BeanParam WaterfallParameters query) {
        return waterfall(query).map(flow -> {
            List<WaterfallRow> rows = new java.util.ArrayList<>();
            rows.add(new WaterfallRow("START", flow.start().count(), flow.start().amount(), flow.currency()));
            flow.steps().forEach(step -> rows.add(new WaterfallRow(step.kind().name(), step.count(), step.amount(), flow.currency())));
            rows.add(new WaterfallRow("END", flow.end().count(), flow.end().amount(), flow.currency()));
            return csv(WaterfallRow.class, rows);
        });
    }

    static final String WATERFALL = "How the open pipeline of a closing window moved between two instants";
    static final String WATERFALL_DESCRIPTION = "The deals open and expected to close in closingFrom..closingTo (both required) at"
            + " startAt, each movement until endAt (NEW, REOPENED, PULLED_IN, MOVED_IN, INCREASED, DECREASED, WON, LOST, PUSHED_OUT,"
            + " MOVED_OUT, DELETED; what leaves is negative), and those open in the window at endAt: start + steps = end, for counts"
            + " and amounts. JSON, or with Accept: text/csv one row each for START, the steps and END";

    /** One end of a leaderboard as CSV rows, rank 1 first. */
    private static List<LeaderboardRow> ranked(Leaderboard board, String end, List<KpiResults.BreakdownRow> members) {
        return java.util.stream.IntStream.range(0, members.size()).mapToObj(i -> new LeaderboardRow(board.kpi(), board.unit(), board.currency(),
                board.dimension(), end,
                i + 1, members.get(i).key(), members.get(i).label(), members.get(i).value())).toList();
    }

    private static String csv(Class<?> rowType, List<?> rows) {
        return CsvRows.write(rowType, rows);
    }
}
