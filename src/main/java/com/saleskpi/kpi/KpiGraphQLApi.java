package com.saleskpi.kpi;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import com.saleskpi.common.problem.GraphQLProblems;
import com.saleskpi.kpi.KpiResults.DimensionMember;
import com.saleskpi.kpi.KpiResults.KpiBreakdown;
import com.saleskpi.kpi.KpiResults.KpiDescriptor;
import com.saleskpi.kpi.KpiResults.KpiMeasure;
import com.saleskpi.kpi.KpiResults.KpiSeries;
import com.saleskpi.kpi.KpiResults.KpiSnapshot;
import com.saleskpi.kpi.KpiResults.Leaderboard;

import com.saleskpi.security.CallerScopes;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

/** KPIs over GraphQL: ask for the KPIs you need by name and only those are computed. */
@GraphQLApi
@RolesAllowed({ "admin", "sales-manager", "sales-rep", "analyst" })
public class KpiGraphQLApi {

    private final KpiEngine engine;
    private final CallerScopes scopes;

    private final CustomKpiService customKpis;
    private final PipelineWaterfall waterfall;

    public KpiGraphQLApi(KpiEngine engine, CallerScopes scopes, CustomKpiService customKpis, PipelineWaterfall waterfall) {
        this.waterfall = waterfall;
        this.engine = engine;
        this.scopes = scopes;
        this.customKpis = customKpis;
    }

    @Query("kpiCatalogue")
    @Description("Every KPI with its definition, so that a frontend can render any of them")
    public Uni<@NonNull List<@NonNull KpiDescriptor>> catalogue() {
        return answer(scopes.current().chain(engine::catalogue));
    }

    @Mutation("defineKpi")
    @Description("Defines a KPI as a formula over named measures, as POST /api/v1/custom-kpis does (admins and analysts); it is"
            + " then answered by every KPI query like the built-in ones")
    public Uni<@NonNull KpiDescriptor> defineKpi(@Name("kpi") @NonNull CustomKpiInput kpi) {
        return answer(Uni.createFrom().item(kpi::toEntity).invoke(customKpis::validate)
                .chain(entity -> customKpis.create(entity, null))
                .map(created -> engine.describe(CustomKpiService.definition(created.entity()))));
    }

    @Mutation("deleteKpi")
    @Description("Deletes a KPI defined through the API, by name (admins and analysts); asking for it afterwards is NOT_FOUND")
    public Uni<@NonNull Boolean> deleteKpi(@Name("name") @NonNull String name) {
        return answer(customKpis.deleteByName(name).replaceWith(true));
    }

    @Query("kpiMeasures")
    @Description("The named measures KPIs are formulas over, for defining KPIs through /api/v1/custom-kpis")
    public @NonNull List<@NonNull KpiMeasure> measures() {
        return engine.measures();
    }

    @Query("dimensionMembers")
    @Description("The members of a dimension the caller may filter and break KPIs down by: teams and territories with their"
            + " parents (trees), reps with their teams, channels, products with their categories, categories, segments, industries, lead"
            + " sources, activity types, campaigns with their channels, forecast categories")
    public Uni<@NonNull List<@NonNull DimensionMember>> dimensionMembers(@Name("dimension") @NonNull Dimension dimension) {
        return answer(scopes.current().chain(scope -> engine.members(scope, dimension)));
    }

    @Query("kpiSnapshot")
    @Description("Values of the named KPIs for a period, optionally compared with another period" + READ_YOUR_WRITES)
    public Uni<@NonNull KpiSnapshot> snapshot(@Name("kpis") @NonNull List<@NonNull String> kpis, @Name("filter") KpiFilter filter,
            @Name("period") @NonNull KpiPeriod period, @Name("compareTo") Comparison compareTo, @Name("currency") @Description(CURRENCY) String currency,
            @Name("asOf") @Description(AS_OF) Instant asOf) {
        return answer(scopes.current().chain(scope -> engine.snapshot(scope, new KpiNames(kpis, "kpis"), filter, period, compareTo, currency,
                asOf)));
    }

    @Query("kpiSeries")
    @Description("The named KPIs per bucket of the period, empty buckets included" + READ_YOUR_WRITES)
    public Uni<@NonNull List<@NonNull KpiSeries>> series(@Name("kpis") @NonNull List<@NonNull String> kpis,
            @Name("filter") KpiFilter filter, @Name("period") @NonNull KpiPeriod period,
            @Name("granularity") @NonNull Granularity granularity, @Name("currency") @Description(CURRENCY) String currency,
            @Name("asOf") @Description(AS_OF) Instant asOf, @Name("asOfBucketEnds") @Description(AS_OF_BUCKET_ENDS) Boolean asOfBucketEnds) {
        return answer(scopes.current().chain(scope -> engine.series(scope, new KpiNames(kpis, "kpis"), filter, period, granularity, currency,
                asOf, asOfBucketEnds)));
    }

    @Query("kpiBreakdown")
    @Description("The named KPIs for each member of a dimension, best first" + READ_YOUR_WRITES)
    public Uni<@NonNull List<@NonNull KpiBreakdown>> breakdown(@Name("kpis") @NonNull List<@NonNull String> kpis,
            @Name("filter") KpiFilter filter, @Name("period") @NonNull KpiPeriod period, @Name("by") @NonNull Dimension by,
            @Name("compareTo") Comparison compareTo, @Name("currency") @Description(CURRENCY) String currency,
            @Name("asOf") @Description(AS_OF) Instant asOf) {
        return answer(scopes.current().chain(scope -> engine.breakdown(scope, new KpiNames(kpis, "kpis"), filter, period, by, compareTo,
                currency, asOf)));
    }

    @Query("kpiLeaderboard")
    @Description("The best and worst members of a dimension (reps by default) for one KPI" + READ_YOUR_WRITES)
    public Uni<@NonNull Leaderboard> leaderboard(@Name("kpi") @NonNull String kpi, @Name("filter") KpiFilter filter,
            @Name("period") @NonNull KpiPeriod period, @Name("by") @DefaultValue("REP") Dimension by,
            @Name("size") @DefaultValue("5") int size, @Name("currency") @Description(CURRENCY) String currency,
            @Name("asOf") @Description(AS_OF) Instant asOf) {
        return answer(scopes.current().chain(scope -> engine.leaderboard(scope, kpi, filter, period, by, size, currency, asOf)));
    }

    @Query("kpiCohorts")
    @Description(KpiResource.COHORTS + ": " + KpiResource.COHORTS_DESCRIPTION + READ_YOUR_WRITES)
    public Uni<KpiResults.@NonNull CohortTable> cohorts(@Name("filter") KpiFilter filter, @Name("period") @NonNull KpiPeriod period,
            @Name("months") @DefaultValue("12") @Description("Months to follow each cohort for (0 to " + Cohorts.MOST_MONTHS + ")") int months) {
        return answer(scopes.current().chain(scope -> engine.cohorts(scope, filter, period, months)));
    }

    @Query("pipelineWaterfall")
    @Description(KpiResource.WATERFALL + ": " + KpiResource.WATERFALL_DESCRIPTION + READ_YOUR_WRITES)
    public Uni<PipelineWaterfall.@NonNull Waterfall> pipelineWaterfall(@Name("filter") @NonNull KpiFilter filter,
            @Name("startAt") @NonNull Instant startAt, @Name("endAt") @NonNull Instant endAt,
            @Name("currency") @Description(CURRENCY) String currency) {
        return answer(scopes.current().chain(scope -> waterfall.between(scope, filter, startAt, endAt, currency)));
    }

    static final String AS_OF = "The deals as the database held them at this instant (ISO 8601, not in the future): created after it"
            + " left out, deleted after it kept, every field as it was; for the KPIs computed from opportunities alone";
    static final String AS_OF_BUCKET_ENDS = "Each bucket's deals as the database held them at the bucket's end (a pipeline trend); for"
            + " the KPIs computed from opportunities alone";

    /** How a GraphQL client reads its own writes when KPIs are read from a replica. */
    static final String READ_YOUR_WRITES = ". Computed on the read replica when there is one: to include a write just made, send the"
            + " X-Consistency-Token its answer carried as an HTTP header of this request";

    static final String CURRENCY = "ISO 4217 code of the currency money is answered in, converted with the exchange rates;"
            + " the reporting currency when left out";

    /** A failure reaches the client as a GraphQL error with its code; a database fault as UNAVAILABLE, never with an internal address. */
    private static <T> Uni<T> answer(Uni<T> result) {
        return result.onFailure().transform(GraphQLProblems::of);
    }
}
