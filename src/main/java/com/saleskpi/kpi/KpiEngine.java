package com.saleskpi.kpi;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;


import com.saleskpi.common.problem.Problem;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;
import com.saleskpi.kpi.KpiResults.BreakdownRow;
import com.saleskpi.kpi.KpiResults.DimensionMember;
import com.saleskpi.security.AccessRules;
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

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import com.saleskpi.database.PooledStatements;
import com.saleskpi.database.ReadsAgain;
import com.saleskpi.database.ReplicaReads;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;

/**
 * Computes KPIs in PostgreSQL: the requested KPIs' measures are grouped by fact source, each group is one
 * parameterised statement (one round trip, run concurrently with the others), and the KPI formulas are then
 * applied to the aggregated numbers. No fact row is ever loaded into Java.
 */
@ApplicationScoped
public class KpiEngine {

    /** Where KPI statements read: the replica, or the primary while the replica is down or behind the caller's writes. */
    private final ReplicaReads reads;
    /**
     * The primary: what names and checks a request (KPI definitions, dimension members and labels) is read where it is
     * written, so that a KPI or team is answered as soon as it is defined; only the KPI statements read the replica.
     */
    private final Pool definitions;
    private final KpiAccess access;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final AccessRules rules;
    private final LongConsumer charge;
    private final KpiAdmission admission;
    private final ReportingSettings reporting;

    /**
     * KPI statements read from the replica datasource, which is the primary unless DB_REPLICA_URL names a replica; each
     * request's work is charged to the budget before it runs.
     */
    @Inject
    public KpiEngine(ReplicaReads reads, Pool primary, MeterRegistry metrics, AccessRules rules, KpiBudget budget,
            KpiRequestCost requestCost, SecurityIdentity identity, KpiAdmission admission, KpiSettings settings) {
        this.reads = reads;
        this.definitions = primary;
        this.access = new KpiAccess(primary);
        this.clock = Clock.systemUTC();
        this.metrics = metrics;
        this.rules = rules;
        this.charge = units -> budget.charge(identity.getPrincipal().getName(), requestCost, units);
        this.admission = admission;
        this.reporting = ReportingSettings.of(settings.reportingCurrency(), settings.fiscalYearStartMonth());
    }

    /** The built-in KPIs, then those defined through the API (by name). */
    public Uni<List<KpiDescriptor>> catalogue(CallerScope scope) {
        return customKpis(scope, null).map(custom -> java.util.stream.Stream.concat(KpiCatalogue.ALL.values().stream(), custom.stream())
                .map(this::describe).toList());
    }

    /** A KPI's catalogue entry. */
    KpiDescriptor describe(KpiDefinition kpi) {
        return KpiDescriptor.of(kpi, reporting.currency());
    }

    /** The named measures that KPIs, built-in or defined through the API, are formulas over. */
    public List<KpiMeasure> measures() {
        return KpiCatalogue.MEASURES.values().stream().map(KpiMeasure::of).toList();
    }

    /** The currency money is answered in: the one a request asks for, else the reporting currency. */
    private Currency answerCurrency(String requested) {
        if (requested == null) {
            return reporting.currency();
        }
        try {
            return ReportingSettings.money(requested);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("currency", "must be the ISO 4217 code of a currency, such as USD: " + requested);
        }
    }

    public Uni<KpiSnapshot> snapshot(CallerScope scope, KpiNames kpiNames, KpiFilter filter, KpiPeriod periodInput, Comparison compareTo,
            String currencyCode) {
        Currency currency = answerCurrency(currencyCode);
        KpiFilter f = orEmpty(filter);
        ResolvedPeriod period = ResolvedPeriod.of(periodInput, clock, reporting.fiscalCalendar());
        ResolvedPeriod comparison = compareTo == null ? null : period.comparedWith(compareTo);
        List<LocalDate[]> buckets = periodAndComparison(period, comparison);
        return definitions(scope, kpiNames).chain(kpis -> evaluate(scope, kpis, buckets, f, null, period, currency, true).map(values -> new KpiSnapshot(
                new PeriodRange(period.from(), period.to()),
                comparison == null ? null : new PeriodRange(comparison.from(), comparison.to()), period.zone().getId(),
                kpis.stream().map(kpi -> KpiValue.of(kpi, KpiResults.currencyOf(kpi, currency), values.get(kpi.name()).get(new Key(period.from(), null)),
                        comparison == null ? null : values.get(kpi.name()).get(new Key(comparison.from(), null)),
                        comparison != null)).toList())));
    }

    public Uni<List<KpiSeries>> series(CallerScope scope, KpiNames kpiNames, KpiFilter filter, KpiPeriod periodInput, Granularity granularity,
            String currencyCode) {
        Currency currency = answerCurrency(currencyCode);
        if (granularity == null) {
            throw ProblemException.invalidParameter("granularity", "is required");
        }
        ResolvedPeriod period = ResolvedPeriod.of(periodInput, clock, reporting.fiscalCalendar());
        List<LocalDate[]> buckets = period.buckets(granularity);
        return definitions(scope, kpiNames).chain(kpis -> evaluate(scope, kpis, buckets, orEmpty(filter), null, period, currency, true)
                .map(values -> kpis.stream()
                .map(kpi -> new KpiSeries(kpi.name(), kpi.unit(), KpiResults.currencyOf(kpi, currency), granularity, buckets.stream()
                        .map(b -> new SeriesPoint(b[0], b[1], granularity.label(granularity.bucketStart(b[0], period.fiscal()), period.fiscal()),
                                values.get(kpi.name()).get(new Key(b[0], null)), granularity.isPartial(b[0], b[1], period.fiscal())))
                                .toList()))
                .toList()));
    }

    public Uni<List<KpiBreakdown>> breakdown(CallerScope scope, KpiNames kpiNames, KpiFilter filter, KpiPeriod periodInput, Dimension by,
            Comparison compareTo, String currencyCode) {
        Currency currency = answerCurrency(currencyCode);
        if (by == null) {
            throw ProblemException.invalidParameter("by", "is required");
        }
        return definitions(scope, kpiNames).chain(kpis -> breakdown(scope, kpis, filter, periodInput, by, compareTo, currency));
    }

    private Uni<List<KpiBreakdown>> breakdown(CallerScope scope, List<KpiDefinition> kpis, KpiFilter filter, KpiPeriod periodInput,
            Dimension by, Comparison compareTo, Currency currency) {
        ResolvedPeriod period = ResolvedPeriod.of(periodInput, clock, reporting.fiscalCalendar());
        ResolvedPeriod comparison = compareTo == null ? null : period.comparedWith(compareTo);
        List<LocalDate[]> buckets = periodAndComparison(period, comparison);
        return evaluate(scope, kpis, buckets, orEmpty(filter), by, period, currency, false).chain(values -> {
            Set<String> keys = values.values().stream().flatMap(m -> m.keySet().stream())
                    .map(Key::dimKey).filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
            return labels(by, keys).map(labels -> kpis.stream().map(kpi -> {
                Map<Key, BigDecimal> byKey = values.get(kpi.name());
                Set<String> members = new LinkedHashSet<>();
                byKey.keySet().stream().filter(k -> k.bucketStart().equals(period.from())).forEach(k -> members.add(k.dimKey()));
                List<BreakdownRow> rows = new ArrayList<>();
                for (String member : members) {
                    KpiValue value = KpiValue.of(kpi, KpiResults.currencyOf(kpi, currency), byKey.get(new Key(period.from(), member)),
                            comparison == null ? null : byKey.get(new Key(comparison.from(), member)), comparison != null);
                    rows.add(new BreakdownRow(member, member == null ? "(none)" : labels.getOrDefault(member, member), value.value(),
                            value.comparisonValue(), value.change(), value.relativeChange()));
                }
                rows.sort(bestFirst(kpi));
                return new KpiBreakdown(kpi.name(), kpi.unit(), KpiResults.currencyOf(kpi, currency), by, new PeriodRange(period.from(), period.to()), rows);
            }).toList());
        });
    }

    public Uni<Leaderboard> leaderboard(CallerScope scope, String kpiName, KpiFilter filter, KpiPeriod period, Dimension by, int size,
            String currencyCode) {
        if (size < 1 || size > 100) {
            throw ProblemException.invalidParameter("size", "must be between 1 and 100");
        }
        if (kpiName == null) {
            throw ProblemException.invalidParameter("kpi", "must name the KPI to rank by");
        }
        Dimension dimension = by == null ? Dimension.REP : by;
        Currency currency = answerCurrency(currencyCode);
        return definitions(scope, new KpiNames(List.of(kpiName), "kpi")).chain(kpis -> breakdown(scope, kpis, filter, period, dimension, null, currency)
                .map(list -> {
            KpiBreakdown breakdown = list.get(0);
            List<BreakdownRow> ranked = breakdown.rows().stream().filter(r -> r.value() != null && r.key() != null).toList();
            List<BreakdownRow> bottom = new ArrayList<>(ranked.subList(Math.max(0, ranked.size() - size), ranked.size()));
            java.util.Collections.reverse(bottom);
            KpiDefinition kpi = kpis.get(0);
            return new Leaderboard(kpi.name(), kpi.unit(), breakdown.currency(), kpi.direction(), dimension,
                    ranked.subList(0, Math.min(size, ranked.size())), bottom);
        }));
    }

    private record Key(LocalDate bucketStart, String dimKey) {
    }

    /** For each KPI, its value per (bucket, dimension member). */
    private Uni<Map<String, Map<Key, BigDecimal>>> evaluate(CallerScope scope, List<KpiDefinition> kpis, List<LocalDate[]> buckets,
            KpiFilter requested, Dimension by, ResolvedPeriod period, Currency currency, boolean keepEmptyBuckets) {
        checkDimensions(kpis, requested, by);
        // a KPI with a fixed filter reads its fact sources in statements of its own
        long factSources = kpis.stream().flatMap(k -> k.measures().stream().map(m -> List.of(k.fixedFilter() == null ? "" : k.name(),
                sourceFor(m, requested, by)))).distinct().count();
        charge.accept(KpiBudget.cost(kpis.size(), buckets.size(), by != null, (int) factSources));
        // chosen now, on the request's own context (its consistency token), for every statement of the evaluation
        ReplicaReads.Route route = reads.route();
        return admission.admit(() -> access.restrict(scope, requested, kpis)
                .chain(filter -> widened(filter, true))
                .chain(filter -> evaluateWithin(route, scope, kpis, buckets, filter, by, period, currency, keepEmptyBuckets)));
    }

    /**
     * The KPIs with the same fixed filter (none, for the built-in ones) are computed together, each group within the
     * request's filter and its own: a KPI defined through the API never looks beyond either.
     */
    private Uni<Map<String, Map<Key, BigDecimal>>> evaluateWithin(ReplicaReads.Route route, CallerScope scope, List<KpiDefinition> kpis, List<LocalDate[]> buckets,
            KpiFilter filter, Dimension by, ResolvedPeriod period, Currency currency, boolean keepEmptyBuckets) {
        Map<KpiFilter, List<KpiDefinition>> byFixedFilter = new LinkedHashMap<>();
        kpis.forEach(kpi -> byFixedFilter.computeIfAbsent(kpi.fixedFilter(), fixed -> new ArrayList<>()).add(kpi));
        List<Uni<Map<String, Map<Key, BigDecimal>>>> groups = byFixedFilter.entrySet().stream().map(group -> group.getKey() == null
                ? evaluateGroup(route, scope, group.getValue(), buckets, filter, by, period, currency, keepEmptyBuckets)
                : widened(group.getKey(), false).chain(fixed -> evaluateGroup(route, scope, group.getValue(), buckets,
                        filter.within(fixed), by, period, currency, keepEmptyBuckets)))
                .toList();
        return Uni.join().all(groups).andFailFast().map(results -> {
            Map<String, Map<Key, BigDecimal>> all = new HashMap<>();
            results.forEach(all::putAll);
            return all;
        });
    }

    private Uni<Map<String, Map<Key, BigDecimal>>> evaluateGroup(ReplicaReads.Route route, CallerScope scope, List<KpiDefinition> kpis, List<LocalDate[]> buckets,
            KpiFilter filter, Dimension by, ResolvedPeriod period, Currency currency, boolean keepEmptyBuckets) {
        String targetScope = targetScope(filter, by);
        Map<FactSource, List<Measure>> bySource = new LinkedHashMap<>();
        kpis.stream().flatMap(k -> k.measures().stream()).distinct()
                .forEach(m -> bySource.computeIfAbsent(sourceFor(m, filter, by), s -> new ArrayList<>()).add(m));
        List<Uni<Map<Key, Map<Measure, BigDecimal>>>> queries = bySource.entrySet().stream()
                .map(e -> timed(e.getKey(), run(route, scope, KpiSql.build(e.getKey(), e.getValue(), buckets, filter, by, period.zone().getId(),
                        targetScope, reporting.money(currency), keepEmptyBuckets), e.getValue())))
                .toList();
        return Uni.join().all(queries).andFailFast().map(results -> {
            Map<Key, Map<Measure, BigDecimal>> measured = new LinkedHashMap<>();
            results.forEach(r -> r.forEach((key, values) -> measured.computeIfAbsent(key, k -> new HashMap<>()).putAll(values)));
            Map<String, Map<Key, BigDecimal>> out = new HashMap<>();
            for (KpiDefinition kpi : kpis) {
                Map<Key, BigDecimal> values = new LinkedHashMap<>();
                measured.forEach((key, m) -> {
                    if (kpi.measures().stream().anyMatch(m::containsKey)) {
                        Map<Measure, BigDecimal> inputs = new HashMap<>();
                        kpi.measures().forEach(x -> inputs.put(x, m.containsKey(x) ? m.get(x) : x.whenEmpty().value));
                        values.put(key, kpi.unit().round(kpi.formula().evaluate(inputs), currency));
                    }
                });
                out.put(kpi.name(), values);
            }
            return out;
        });
    }

    /** The measure's rollup when it keeps every dimension the request uses, else its own fact source. */
    private static FactSource sourceFor(Measure measure, KpiFilter filter, Dimension by) {
        FactSource rollup = measure.rollup();
        boolean rollupSuffices = rollup != null && (by == null || rollup.dimensions().contains(by)) && !filter.restrictsDealAmount()
                && filter.restrictedOutside(rollup.dimensions()).isEmpty();
        return rollupSuffices ? rollup : measure.source();
    }

    /** Time of each KPI statement, by fact source (metric saleskpi_kpi_statement_seconds). */
    private <T> Uni<T> timed(FactSource source, Uni<T> statement) {
        Timer timer = Timer.builder("saleskpi.kpi.statement").tag("source", source.name()).register(metrics);
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return statement.onTermination().invoke(() -> timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        });
    }

    /**
     * One KPI statement; a caller bound by row-level security runs it in a transaction that carries their scope, so that
     * the database itself holds the statement to the rows and rollups the caller may see.
     */
    private Uni<Map<Key, Map<Measure, BigDecimal>>> run(ReplicaReads.Route route, CallerScope scope, KpiSql.Statement statement,
            List<Measure> measures) {
        return route.read(pool -> ReadsAgain.onLostConnection(rules.query(pool, scope, statement.sql(),
                Tuple.from(statement.parameters())))).map(rows -> byKey(rows, measures));
    }

    /** A statement's rows by bucket and breakdown key: columns 1 and 2, then one column per measure in their order. */
    private static Map<Key, Map<Measure, BigDecimal>> byKey(Iterable<Row> rows, List<Measure> measures) {
        Map<Key, Map<Measure, BigDecimal>> result = new LinkedHashMap<>();
        for (Row row : rows) {
            Map<Measure, BigDecimal> values = new HashMap<>();
            for (int i = 0; i < measures.size(); i++) {
                values.put(measures.get(i), decimal(row.getValue(2 + i)));
            }
            result.put(new Key(row.getLocalDate(0), row.getString(1)), values);
        }
        return result;
    }

    private static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Numeric numeric) {
            return numeric.bigDecimalValue();
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d);
        }
        return new BigDecimal(value.toString());
    }

    /**
     * The requested KPIs: built-in ones, else those defined through the API. A name no KPI has is a 400, one a custom
     * KPI had until it was deleted or renamed a 404 that says so.
     */
    private Uni<List<KpiDefinition>> definitions(CallerScope scope, KpiNames requested) {
        List<String> names = requested.names();
        String parameter = requested.parameter();
        if (names == null || names.isEmpty()) {
            throw ProblemException.invalidParameter(parameter, "must name at least one KPI of the catalogue");
        }
        List<String> distinct = names.stream().distinct().toList();
        List<String> notBuiltIn = distinct.stream().filter(n -> !KpiCatalogue.ALL.containsKey(n)).toList();
        if (notBuiltIn.isEmpty()) {
            return Uni.createFrom().item(distinct.stream().map(KpiCatalogue.ALL::get).toList());
        }
        return customKpis(scope, notBuiltIn).chain(custom -> {
            Map<String, KpiDefinition> byName = custom.stream().collect(Collectors.toMap(KpiDefinition::name, kpi -> kpi));
            List<String> unknown = notBuiltIn.stream().filter(n -> !byName.containsKey(n)).toList();
            if (unknown.isEmpty()) {
                return Uni.createFrom().item(distinct.stream().map(n -> byName.getOrDefault(n, KpiCatalogue.ALL.get(n))).toList());
            }
            return rules.query(definitions, scope, RETIRED_KPIS, Tuple.of(unknown.toArray(new String[0]))).map(rows -> {
                List<String> retired = new ArrayList<>();
                rows.forEach(row -> retired.add(row.getString(0) + " (" + row.getOffsetDateTime(1).toInstant() + ")"));
                if (!retired.isEmpty()) {
                    throw new ProblemException(ProblemType.NOT_FOUND, "KPIs defined through the API were deleted or renamed: "
                            + String.join(", ", retired), List.of(new Problem.FieldError(parameter, "deleted or renamed: " + retired)));
                }
                throw ProblemException.invalidParameter(parameter, "names unknown KPIs " + unknown + "; the catalogue lists the known ones");
            });
        });
    }

    private static final String CUSTOM_KPIS = "select name, title, description, unit, direction, formula, filter from custom_kpi"
            + " where $1::text[] is null or name = any($1) order by name";
    private static final String RETIRED_KPIS = "select name, retired_at from custom_kpi_retired where name = any($1)"
            + " and not exists (select 1 from custom_kpi k where k.name = custom_kpi_retired.name) order by name";

    /** The KPIs defined through the API (those named, or all), as the definitions their service checked when they were written. */
    private Uni<List<KpiDefinition>> customKpis(CallerScope scope, List<String> names) {
        return rules.query(definitions, scope, CUSTOM_KPIS, Tuple.of(names == null ? null : names.toArray(new String[0]))).map(rows -> {
            List<KpiDefinition> kpis = new ArrayList<>();
            for (Row row : rows) {
                CustomKpi kpi = new CustomKpi();
                kpi.name = row.getString("name");
                kpi.title = row.getString("title");
                kpi.description = row.getString("description");
                kpi.unit = Unit.valueOf(row.getString("unit"));
                kpi.direction = Direction.valueOf(row.getString("direction"));
                kpi.formula = row.getString("formula");
                kpi.filter = new CustomKpi.FilterColumn().convertToEntityAttribute(row.getString("filter"));
                kpis.add(CustomKpiService.definition(kpi));
            }
            return kpis;
        });
    }

    private static void checkDimensions(List<KpiDefinition> kpis, KpiFilter filter, Dimension by) {
        String outOfRange = filter.dealAmountOutOfRange();
        if (outOfRange != null) {
            throw ProblemException.invalidParameter(outOfRange, "must lie between -10^15 and 10^15");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (KpiDefinition kpi : kpis) {
            for (Dimension dimension : filter.restrictedOutside(kpi.dimensions())) {
                errors.add(new Problem.FieldError("filter", kpi.name() + " cannot be filtered by " + dimension
                        + " (it supports " + new TreeSet<>(kpi.dimensions()) + ")"));
            }
            if (filter.restrictsDealAmount() && !kpi.fromDeals()) {
                errors.add(new Problem.FieldError("filter", kpi.name() + " is not computed from opportunities alone: it cannot be"
                        + " held to a deal amount (minDealAmount, maxDealAmount)"));
            }
            if (by != null && !kpi.dimensions().contains(by)) {
                errors.add(new Problem.FieldError("by", kpi.name() + " cannot be broken down by " + by
                        + " (it supports " + new TreeSet<>(kpi.dimensions()) + ")"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, errors.stream().map(Problem.FieldError::message)
                    .collect(Collectors.joining("; ")), errors);
        }
    }

    /** Targets are set per rep, team, territory or company: the most specific level the request names decides. */
    private static String targetScope(KpiFilter filter, Dimension by) {
        for (Dimension level : List.of(Dimension.REP, Dimension.TEAM, Dimension.TERRITORY)) {
            if (by == level || filter.restricts(level)) {
                return level.name();
            }
        }
        return "COMPANY";
    }

    /**
     * The filter with each tree dimension it restricts (teams, territories) widened to every member below those named,
     * and, in the same statement, checked: when unknownRefused, every value it names must be a member of its dimension
     * (Dimension.membersQuery), else the request is a 400 naming each unknown id, category or segment, never an empty
     * answer. A KPI's fixed filter was checked when the KPI was defined and is only widened (nothing else is read for it).
     */
    private Uni<KpiFilter> widened(KpiFilter filter, boolean unknownRefused) {
        // a fixed filter needs the statement only for its trees; a request's filter for every dimension it names
        List<Dimension> restricted = Arrays.stream(Dimension.values())
                .filter(d -> filter.restricts(d) && (unknownRefused || d.tree != null)).toList();
        if (restricted.isEmpty()) {
            return Uni.createFrom().item(filter);
        }
        StringJoiner below = new StringJoiner(",\n", "with recursive ", "\n").setEmptyValue("");
        StringJoiner columns = new StringJoiner(",\n  ", "select ", "");
        List<Object> keys = new ArrayList<>();
        for (Dimension dimension : restricted) {
            int i = keys.size() + 1;
            keys.add(filter.values(dimension).stream().map(Object::toString).distinct().toArray(String[]::new));
            if (unknownRefused) {
                columns.add("array(select unnest($%d::text[]) except select m.key from (%s) m(key, label, parent))"
                        .formatted(i, dimension.membersOf("$" + i)));
            }
            if (dimension.tree != null) {
                below.add("below_%d(id) as (select unnest($%d::text[])::uuid union select c.id from %s c join below_%d p on c.parent_id = p.id)"
                        .formatted(i, i, dimension.tree, i));
                columns.add("array(select id from below_%d)".formatted(i));
            }
        }
        return PooledStatements.execute(definitions, below + columns.toString(), Tuple.from(keys)).map(rows -> {
            Row row = rows.iterator().next();
            List<Problem.FieldError> errors = new ArrayList<>();
            KpiFilter widened = filter.copy();
            int column = 0;
            for (int d = 0; d < restricted.size(); d++) {
                Dimension dimension = restricted.get(d);
                if (unknownRefused) {
                    String named = dimension.name().toLowerCase() + (filter.values(dimension).get(0) instanceof UUID ? " with id " : " ");
                    List<String> unknown = Arrays.asList(row.getArrayOfStrings(column++));
                    Arrays.stream((String[]) keys.get(d)).filter(unknown::contains)
                            .forEach(key -> errors.add(new Problem.FieldError("filter", "no " + named + key)));
                }
                if (dimension.tree != null) {
                    widened.set(dimension, Arrays.asList(row.getArrayOfUUIDs(column++)));
                }
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(ProblemType.INVALID_PARAMETER, errors.stream().map(Problem.FieldError::message)
                        .collect(Collectors.joining("; ")), errors);
            }
            return widened;
        });
    }

    private Uni<Map<String, String>> labels(Dimension by, Set<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return PooledStatements.execute(definitions, by.membersQuery, Tuple.of(keys.toArray(new String[0])))
                .map(rows -> {
                    Map<String, String> labels = new HashMap<>();
                    rows.forEach(r -> labels.put(r.getString(0), r.getString(1)));
                    return labels;
                });
    }

    /** The members of a dimension the caller may filter and break KPIs down by, with their labels and parents. */
    public Uni<List<DimensionMember>> members(CallerScope scope, Dimension dimension) {
        if (dimension == null) {
            throw ProblemException.invalidParameter("dimension", "is required");
        }
        List<String> visible = KpiAccess.visibleKeys(scope, dimension);
        return rules.query(definitions, scope, dimension.membersQuery, Tuple.of(visible == null ? null : visible.toArray(new String[0])))
                .map(rows -> {
                    List<DimensionMember> members = new ArrayList<>();
                    rows.forEach(r -> members.add(new DimensionMember(r.getString(0), r.getString(1), r.getString(2))));
                    return members;
                });
    }

    private static Comparator<BreakdownRow> bestFirst(KpiDefinition kpi) {
        Comparator<BigDecimal> order = kpi.direction() == Direction.LOWER_IS_BETTER ? Comparator.naturalOrder()
                : Comparator.<BigDecimal>reverseOrder();
        return Comparator.comparing(BreakdownRow::value, Comparator.nullsLast(order))
                .thenComparing(BreakdownRow::label, Comparator.nullsLast(Comparator.naturalOrder()));
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
