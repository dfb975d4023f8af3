package com.saleskpi.kpi;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.saleskpi.kpi.KpiResults.KpiBreakdown;
import com.saleskpi.kpi.KpiResults.KpiDescriptor;
import com.saleskpi.kpi.KpiResults.KpiSeries;
import com.saleskpi.kpi.KpiResults.KpiSnapshot;
import com.saleskpi.kpi.KpiResults.Leaderboard;

import com.saleskpi.security.CallerScopes;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The KPIs of the GraphQL API for BI tools: JSON, or CSV with Accept: text/csv. */
@Path("/api/v1/kpis")
@Tag(name = "KPIs", description = "Sales KPIs computed on demand: catalogue, snapshot, series, breakdown and leaderboard, as JSON or CSV")
public class KpiResource {

    public static final String CSV = "text/csv";
    private static final CsvMapper CSV_MAPPER = (CsvMapper) new CsvMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KpiEngine engine;
    private final CallerScopes scopes;

    public KpiResource(KpiEngine engine, CallerScopes scopes) {
        this.engine = engine;
        this.scopes = scopes;
    }

    @GET
    @Path("catalogue")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every KPI with its definition")
    public List<KpiDescriptor> catalogue() {
        return engine.catalogue();
    }

    @GET
    @Path("snapshot")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "KPI values for a period, optionally compared with another")
    public Uni<KpiSnapshot> snapshot(@BeanParam KpiQueryParameters query) {
        return scopes.current().chain(scope -> engine.snapshot(scope, query.kpis, query.filter(), query.period(), query.compareTo));
    }

    @JsonPropertyOrder({ "kpi", "unit", "from", "to", "value", "comparisonValue", "change", "relativeChange" })
    record SnapshotRow(String kpi, Unit unit, java.time.LocalDate from, java.time.LocalDate to, java.math.BigDecimal value,
            java.math.BigDecimal comparisonValue, java.math.BigDecimal change, java.math.BigDecimal relativeChange) {
    }

    @GET
    @Path("snapshot")
    @Produces(CSV)
    @Operation(summary = "KPI values for a period as CSV, one row per KPI")
    public Uni<String> snapshotCsv(@BeanParam KpiQueryParameters query) {
        return snapshot(query).map(s -> csv(SnapshotRow.class, s.values().stream().map(v -> new SnapshotRow(v.kpi(), v.unit(),
                s.period().from(), s.period().to(), v.value(), v.comparisonValue(), v.change(), v.relativeChange())).toList()));
    }

    @GET
    @Path("series")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "KPIs per bucket of the period, empty buckets included")
    public Uni<List<KpiSeries>> series(@BeanParam KpiQueryParameters query,
            @QueryParam("granularity") @Parameter(required = true) Granularity granularity) {
        return scopes.current().chain(scope -> engine.series(scope, query.kpis, query.filter(), query.period(), granularity));
    }

    @JsonPropertyOrder({ "kpi", "unit", "bucketStart", "bucketEnd", "value" })
    record SeriesRow(String kpi, Unit unit, java.time.LocalDate bucketStart, java.time.LocalDate bucketEnd, java.math.BigDecimal value) {
    }

    @GET
    @Path("series")
    @Produces(CSV)
    @Operation(summary = "KPIs per bucket as CSV, one row per KPI and bucket")
    public Uni<String> seriesCsv(@BeanParam KpiQueryParameters query,
            @QueryParam("granularity") @Parameter(required = true) Granularity granularity) {
        return series(query, granularity).map(all -> csv(SeriesRow.class, all.stream().flatMap(s -> s.points().stream()
                .map(p -> new SeriesRow(s.kpi(), s.unit(), p.bucketStart(), p.bucketEnd(), p.value()))).toList()));
    }

    @GET
    @Path("breakdown")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "KPIs for each member of a dimension, best first")
    public Uni<List<KpiBreakdown>> breakdown(@BeanParam KpiQueryParameters query,
            @QueryParam("by") @Parameter(required = true) Dimension by) {
        return scopes.current().chain(scope -> engine.breakdown(scope, query.kpis, query.filter(), query.period(), by, query.compareTo));
    }

    @JsonPropertyOrder({ "kpi", "dimension", "key", "label", "value", "comparisonValue", "change", "relativeChange" })
    record BreakdownCsvRow(String kpi, Dimension dimension, String key, String label, java.math.BigDecimal value,
            java.math.BigDecimal comparisonValue, java.math.BigDecimal change, java.math.BigDecimal relativeChange) {
    }

    @GET
    @Path("breakdown")
    @Produces(CSV)
    @Operation(summary = "KPIs per member of a dimension as CSV")
    public Uni<String> breakdownCsv(@BeanParam KpiQueryParameters query,
            @QueryParam("by") @Parameter(required = true) Dimension by) {
        return breakdown(query, by).map(all -> csv(BreakdownCsvRow.class, all.stream().flatMap(b -> b.rows().stream()
                .map(r -> new BreakdownCsvRow(b.kpi(), b.dimension(), r.key(), r.label(), r.value(), r.comparisonValue(),
                        r.change(), r.relativeChange()))).toList()));
    }

    @GET
    @Path("leaderboard")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The best and worst members of a dimension for the first KPI named")
    public Uni<Leaderboard> leaderboard(@BeanParam KpiQueryParameters query,
            @QueryParam("by") @DefaultValue("REP") Dimension by, @QueryParam("size") @DefaultValue("5") int size) {
        String kpi = query.kpis == null || query.kpis.isEmpty() ? null : query.kpis.get(0);
        return scopes.current().chain(scope -> engine.leaderboard(scope, kpi, query.filter(), query.period(), by, size));
    }

    private static String csv(Class<?> rowType, List<?> rows) {
        try {
            return CSV_MAPPER.writer(CSV_MAPPER.schemaFor(rowType).withHeader()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A KPI row could not be written as CSV", e);
        }
    }
}
