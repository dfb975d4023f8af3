package com.saleskpi.kpi;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.kpi.KpiResults.BreakdownRow;
import com.saleskpi.kpi.KpiResults.DimensionMember;
import com.saleskpi.security.CallerScope;
import com.saleskpi.kpi.KpiResults.KpiBreakdown;
import com.saleskpi.kpi.KpiResults.KpiMeasure;
import com.saleskpi.kpi.KpiResults.KpiDescriptor;
import com.saleskpi.kpi.KpiResults.KpiSeries;
import com.saleskpi.kpi.KpiResults.KpiSnapshot;
import com.saleskpi.kpi.KpiResults.KpiValue;
import com.saleskpi.kpi.KpiResults.Leaderboard;
import com.saleskpi.kpi.KpiResults.PeriodRange;
import com.saleskpi.kpi.KpiResults.SeriesPoint;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The KPI facade the REST and GraphQL APIs call: resolves the period and currency of a request, has its KPIs named
 * (KpiDefinitions) and evaluated (KpiEvaluation, which resolves the filter through FilterResolution), and shapes the
 * values into snapshots, series, breakdowns and leaderboards.
 */
@ApplicationScoped
public class KpiEngine {

    private final KpiDefinitions definitions;
    private final KpiEvaluation evaluation;
    private final FilterResolution filters;
    private final Clock clock;
    private final ReportingSettings reporting;
    private final KpiSettings.PeerVisibility peerVisibility;
    private final KpiCache cache;

    @Inject
    KpiEngine(KpiDefinitions definitions, KpiEvaluation evaluation, FilterResolution filters, KpiSettings settings, KpiCache cache) {
        this.cache = cache;
        this.definitions = definitions;
        this.evaluation = evaluation;
        this.filters = filters;
        this.clock = Clock.systemUTC();
        this.reporting = ReportingSettings.of(settings);
        this.peerVisibility = settings.leaderboardPeerVisibility();
    }

    /** Whether a built-in KPI of the catalogue has this name. */
    public static boolean isBuiltIn(String name) {
        return KpiCatalogue.find(name).isPresent();
    }

    /** The built-in KPIs, then those defined through the API (by name). */
    public Uni<List<KpiDescriptor>> catalogue(CallerScope scope) {
        return definitions.catalogue(scope);
    }

    /** A KPI's catalogue entry. */
    KpiDescriptor describe(KpiDefinition kpi) {
        return definitions.describe(kpi);
    }

    /** The named measures that KPIs, built-in or defined through the API, are formulas over. */
    public List<KpiMeasure> measures() {
        return definitions.measures();
    }

    /** The members of a dimension the caller may filter and break KPIs down by, with their labels and parents. */
    public Uni<List<DimensionMember>> members(CallerScope scope, Dimension dimension) {
        return filters.members(scope, dimension);
    }

    public Uni<KpiSnapshot> snapshot(CallerScope scope, KpiNames kpiNames, KpiFilter filter, KpiPeriod periodInput, Comparison compareTo,
            String currencyCode, Instant asOf) {
        return cache.answer(() -> computeSnapshot(scope, kpiNames, filter, periodInput, compareTo, currencyCode, asOf), "snapshot", scope,
                kpiNames, filter, periodInput, compareTo, currencyCode, asOf);
    }

    private Uni<KpiSnapshot> computeSnapshot(CallerScope scope, KpiNames kpiNames, KpiFilter filter, KpiPeriod periodInput,
            Comparison compareTo, String currencyCode, Instant asOf) {
        Currency currency = reporting.answerCurrency(currencyCode);
        DealsAsOf deals = DealsAsOf.of(asOf, false, clock);
        KpiFilter f = orEmpty(filter);
        ResolvedPeriod period = ResolvedPeriod.of(periodInput, clock, reporting.fiscalCalendar());
        ResolvedPeriod comparison = compareTo == null ? null : period.comparedWith(compareTo);
        List<LocalDate[]> buckets = periodAndComparison(period, comparison);
        return definitions.named(scope, kpiNames).chain(kpis -> {
            Map<String, KpiDefinition> targets = targetsOf(kpis, f, deals);
            List<KpiDefinition> evaluated = new ArrayList<>(kpis);
            evaluated.addAll(targets.values());
            KpiEvaluation.Key current = new KpiEvaluation.Key(period.from(), null);
            return evaluation.evaluate(scope, evaluated, f, new KpiEvaluation.Evaluation(buckets, null, period, currency, deals, true))
                    .map(values -> new KpiSnapshot(new PeriodRange(period.from(), period.to()),
                            comparison == null ? null : new PeriodRange(comparison.from(), comparison.to()), period.zone().getId(),
                            kpis.stream().map(kpi -> {
                                KpiDefinition target = targets.get(kpi.name());
                                BigDecimal targetValue = target == null ? null : values.get(target.name()).get(current);
                                return KpiValue.of(kpi, KpiResults.currencyOf(kpi, currency), values.get(kpi.name()).get(current),
                                        comparison == null ? null : values.get(kpi.name()).get(new KpiEvaluation.Key(comparison.from(), null)),
                                        comparison != null, reporting.prorationOf(kpi, targetValue), targetValue);
                            }).toList()));
        });
    }

    /**
     * For each KPI, the targets set for it (a target's kpi or customKpiId), as a definition of its own, by the KPI's name;
     * none where that definition could not answer the request (FilterResolution#reasonsAgainst: a dimension targets do
     * not have, a deal restriction, the deals at another instant...).
     */
    private static Map<String, KpiDefinition> targetsOf(List<KpiDefinition> kpis, KpiFilter filter, DealsAsOf deals) {
        Map<String, KpiDefinition> targets = new java.util.LinkedHashMap<>();
        for (KpiDefinition kpi : kpis) {
            Measure measure = Measures.targetOfKpi(kpi.name(), kpi.unit());
            // a name no KPI can have (KPI names are words)
            KpiDefinition target = new KpiDefinition("target:" + kpi.name(), measure.name(), measure.description(), KpiCatalogue.TARGET_PERIOD,
                    kpi.unit(), kpi.direction(), Formula.of(measure), null);
            if (FilterResolution.reasonsAgainst(target, filter, null, deals).isEmpty()) {
                targets.put(kpi.name(), target);
            }
        }
        return targets;
    }

    /** The KPIs per bucket; with asOfBucketEnds, each bucket's deals as the database held them at the bucket's end. */
    public Uni<List<KpiSeries>> series(CallerScope scope, KpiNames kpiNames, KpiFilter filter, KpiPeriod periodInput, Granularity granularity,
            String currencyCode, Instant asOf, Boolean asOfBucketEnds) {
        return cache.answer(() -> computeSeries(scope, kpiNames, filter, periodInput, granularity, currencyCode, asOf, asOfBucketEnds),
                "series", scope, kpiNames, filter, periodInput, granularity, currencyCode, asOf, asOfBucketEnds);
    }

    private Uni<List<KpiSeries>> computeSeries(CallerScope scope, KpiNames kpiNames, KpiFilter filter, KpiPeriod periodInput,
            Granularity granularity, String currencyCode, Instant asOf, Boolean asOfBucketEnds) {
        Currency currency = reporting.answerCurrency(currencyCode);
        DealsAsOf deals = DealsAsOf.of(asOf, asOfBucketEnds, clock);
        if (granularity == null) {
            throw ProblemException.invalidParameter("granularity", "is required");
        }
        ResolvedPeriod period = ResolvedPeriod.of(periodInput, clock, reporting.fiscalCalendar());
        List<LocalDate[]> buckets = period.buckets(granularity);
        return definitions.named(scope, kpiNames).chain(kpis -> evaluation.evaluate(scope, kpis, orEmpty(filter),
                new KpiEvaluation.Evaluation(buckets, null, period, currency, deals, true)).map(values -> kpis.stream()
                .map(kpi -> new KpiSeries(kpi.name(), kpi.unit(), KpiResults.currencyOf(kpi, currency), granularity, buckets.stream()
                        .map(b -> new SeriesPoint(b[0], b[1], granularity.label(granularity.bucketStart(b[0], period.fiscal()), period.fiscal()),
                                values.get(kpi.name()).get(new KpiEvaluation.Key(b[0], null)), granularity.isPartial(b[0], b[1], period.fiscal())))
                                .toList(), reporting.prorationOf(kpi)))
                .toList()));
    }

    public Uni<List<KpiBreakdown>> breakdown(CallerScope scope, KpiNames kpiNames, KpiFilter filter, KpiPeriod periodInput, Dimension by,
            Comparison compareTo, String currencyCode, Instant asOf) {
        return cache.answer(() -> computeBreakdown(scope, kpiNames, filter, periodInput, by, compareTo, currencyCode, asOf), "breakdown", scope,
                kpiNames, filter, periodInput, by, compareTo, currencyCode, asOf);
    }

    private Uni<List<KpiBreakdown>> computeBreakdown(CallerScope scope, KpiNames kpiNames, KpiFilter filter, KpiPeriod periodInput,
            Dimension by, Comparison compareTo, String currencyCode, Instant asOf) {
        Currency currency = reporting.answerCurrency(currencyCode);
        if (by == null) {
            throw ProblemException.invalidParameter("by", "is required");
        }
        DealsAsOf deals = DealsAsOf.of(asOf, false, clock);
        return definitions.named(scope, kpiNames).chain(kpis -> breakdown(scope, kpis, filter, periodInput, by, compareTo, currency, deals,
                false));
    }

    /** A breakdown, or with ranking the breakdown a leaderboard ranks (which a rep may ask of their team: KpiAccess#restrict). */
    private Uni<List<KpiBreakdown>> breakdown(CallerScope scope, List<KpiDefinition> kpis, KpiFilter filter, KpiPeriod periodInput,
            Dimension by, Comparison compareTo, Currency currency, DealsAsOf deals, boolean ranking) {
        ResolvedPeriod period = ResolvedPeriod.of(periodInput, clock, reporting.fiscalCalendar());
        ResolvedPeriod comparison = compareTo == null ? null : period.comparedWith(compareTo);
        List<LocalDate[]> buckets = periodAndComparison(period, comparison);
        return evaluation.evaluate(scope, kpis, orEmpty(filter), new KpiEvaluation.Evaluation(buckets, by, period, currency, deals, false,
                ranking))
                .chain(values -> {
            Set<String> keys = values.values().stream().flatMap(m -> m.keySet().stream())
                    .map(KpiEvaluation.Key::dimKey).filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
            return filters.labels(by, keys).map(labels -> kpis.stream().map(kpi -> {
                Map<KpiEvaluation.Key, BigDecimal> byKey = values.get(kpi.name());
                Set<String> members = new LinkedHashSet<>();
                byKey.keySet().stream().filter(k -> k.bucketStart().equals(period.from())).forEach(k -> members.add(k.dimKey()));
                List<BreakdownRow> rows = new ArrayList<>();
                for (String member : members) {
                    KpiValue value = KpiValue.of(kpi, KpiResults.currencyOf(kpi, currency), byKey.get(new KpiEvaluation.Key(period.from(), member)),
                            comparison == null ? null : byKey.get(new KpiEvaluation.Key(comparison.from(), member)), comparison != null, null, null);
                    rows.add(new BreakdownRow(member, member == null ? "(none)" : labels.getOrDefault(member, member), value.value(),
                            value.comparisonValue(), value.change(), value.relativeChange()));
                }
                rows.sort(bestFirst(kpi));
                return new KpiBreakdown(kpi.name(), kpi.unit(), KpiResults.currencyOf(kpi, currency), by, new PeriodRange(period.from(), period.to()), rows,
                        reporting.prorationOf(kpi));
            }).toList());
        });
    }

    public Uni<Leaderboard> leaderboard(CallerScope scope, String kpiName, KpiFilter filter, KpiPeriod period, Dimension by, int size,
            String currencyCode, Instant asOf) {
        return cache.answer(() -> computeLeaderboard(scope, kpiName, filter, period, by, size, currencyCode, asOf), "leaderboard", scope,
                kpiName, filter, period, by, size, currencyCode, asOf);
    }

    private Uni<Leaderboard> computeLeaderboard(CallerScope scope, String kpiName, KpiFilter filter, KpiPeriod period, Dimension by,
            int size, String currencyCode, Instant asOf) {
        if (size < 1 || size > 100) {
            throw ProblemException.invalidParameter("size", "must be between 1 and 100");
        }
        if (kpiName == null) {
            throw ProblemException.invalidParameter("kpi", "must name the KPI to rank by");
        }
        Dimension dimension = by == null ? Dimension.REP : by;
        Currency currency = reporting.answerCurrency(currencyCode);
        DealsAsOf deals = DealsAsOf.of(asOf, false, clock);
        KpiFilter among = orEmpty(filter).copy();
        if (scope.role() == CallerScope.Role.REP && dimension == Dimension.REP && among.teamIds.isEmpty() && among.repIds.isEmpty()
                && scope.teamId() != null) {
            // a rep's leaderboard is of their team, their peers shown as LEADERBOARD_PEER_VISIBILITY says
            among.teamIds = List.of(scope.teamId());
        }
        return definitions.named(scope, new KpiNames(List.of(kpiName), "kpi")).chain(kpis -> breakdown(scope, kpis, among, period, dimension,
                null, currency, deals, true)
                .map(list -> {
            KpiBreakdown breakdown = list.get(0);
            boolean amongPeers = scope.role() == CallerScope.Role.REP && dimension == Dimension.REP;
            List<BreakdownRow> ranked = breakdown.rows().stream().filter(r -> r.value() != null && r.key() != null)
                    .map(r -> amongPeers ? peer(r, scope) : r).filter(java.util.Objects::nonNull).toList();
            List<BreakdownRow> bottom = new ArrayList<>(ranked.subList(Math.max(0, ranked.size() - size), ranked.size()));
            java.util.Collections.reverse(bottom);
            KpiDefinition kpi = kpis.get(0);
            return new Leaderboard(kpi.name(), kpi.unit(), breakdown.currency(), kpi.direction(), dimension,
                    ranked.subList(0, Math.min(size, ranked.size())), bottom, breakdown.targetProration());
        }));
    }

    /** A row of a rep's leaderboard: theirs as it is, a peer's as LEADERBOARD_PEER_VISIBILITY allows (null: not shown). */
    private BreakdownRow peer(BreakdownRow row, CallerScope scope) {
        if (row.key().equals(String.valueOf(scope.repId())) || peerVisibility == KpiSettings.PeerVisibility.NAMES) {
            return row;
        }
        return peerVisibility == KpiSettings.PeerVisibility.NONE ? null
                : new BreakdownRow(null, "Peer", row.value(), row.comparisonValue(), row.change(), row.relativeChange());
    }

    private static Comparator<BreakdownRow> bestFirst(KpiDefinition kpi) {
        Comparator<BigDecimal> order = kpi.direction() == Direction.LOWER_IS_BETTER ? Comparator.naturalOrder()
                : Comparator.<BigDecimal>reverseOrder();
        return Comparator.comparing(BreakdownRow::value, Comparator.nullsLast(order))
                .thenComparing(BreakdownRow::label, Comparator.nullsLast(Comparator.naturalOrder()));
    }

    /**
     * Retention and churn by acquisition cohort: a cohort per month of the period, followed for months months after it
     * (at most Cohorts.MOST_MONTHS), within the filter and the caller's scope.
     */
    public Uni<KpiResults.CohortTable> cohorts(CallerScope scope, KpiFilter filter, KpiPeriod periodInput, int months) {
        return cache.answer(() -> computeCohorts(scope, filter, periodInput, months), "cohorts", scope, filter, periodInput, months);
    }

    private Uni<KpiResults.CohortTable> computeCohorts(CallerScope scope, KpiFilter filter, KpiPeriod periodInput, int months) {
        if (months < 0 || months > Cohorts.MOST_MONTHS) {
            throw ProblemException.invalidParameter("months", "must be 0 to " + Cohorts.MOST_MONTHS + ", not " + months);
        }
        ResolvedPeriod period = ResolvedPeriod.of(periodInput, clock, reporting.fiscalCalendar());
        List<LocalDate[]> buckets = period.buckets(Granularity.MONTH);
        return evaluation.evaluate(scope, Cohorts.definitions(months), orEmpty(filter), new KpiEvaluation.Evaluation(buckets, null, period,
                reporting.currency(), DealsAsOf.NOW, true))
                .map(values -> Cohorts.table(period, buckets, months, values, LocalDate.now(clock.withZone(period.zone()))));
    }

    /** One bucket for the period, and a second for the period it is compared with, if any. */
    private static List<LocalDate[]> periodAndComparison(ResolvedPeriod period, ResolvedPeriod comparison) {
        LocalDate[] current = { period.from(), period.to() };
        return comparison == null ? List.<LocalDate[]>of(current)
                : List.of(current, new LocalDate[] { comparison.from(), comparison.to() });
    }

    private static KpiFilter orEmpty(KpiFilter filter) {
        return filter == null ? new KpiFilter() : filter;
    }
}
