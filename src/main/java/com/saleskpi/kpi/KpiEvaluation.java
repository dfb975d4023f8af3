package com.saleskpi.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import com.saleskpi.security.AccessRules;
import com.saleskpi.security.CallerScope;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
 * Evaluates KPIs in PostgreSQL: the requested KPIs' measures are grouped by fact source (its rollup where the request
 * allows), each group is one parameterised statement (one round trip, run concurrently with the others) on the route
 * the request reads, and the KPI formulas are then applied to the aggregated numbers. No fact row is ever loaded into
 * Java.
 */
@ApplicationScoped
class KpiEvaluation {

    /** Where KPI statements read: the replica, or the primary while the replica is down or behind the caller's writes. */
    private final ReplicaReads reads;
    private final KpiAccess access;
    private final FilterResolution filters;
    private final MeterRegistry metrics;
    private final AccessRules rules;
    private final LongConsumer charge;
    private final KpiAdmission admission;
    private final ReportingSettings reporting;

    /** Each request's work is charged to the caller's budget before it runs. */
    @Inject
    KpiEvaluation(ReplicaReads reads, Pool primary, FilterResolution filters, MeterRegistry metrics, AccessRules rules,
            KpiBudget budget, KpiRequestCost requestCost, SecurityIdentity identity, KpiAdmission admission, KpiSettings settings) {
        this.reads = reads;
        this.access = new KpiAccess(primary);
        this.filters = filters;
        this.metrics = metrics;
        this.rules = rules;
        this.charge = units -> budget.charge(identity.getPrincipal().getName(), requestCost, units);
        this.admission = admission;
        this.reporting = ReportingSettings.of(settings);
    }

    /** A value's bucket (its first day) and breakdown member (null without a breakdown). */
    record Key(LocalDate bucketStart, String dimKey) {
    }

    /**
     * What an evaluation answers for: its buckets, breakdown (or null), period, currency, state of the deals, and whether
     * empty buckets answer.
     */
    record Evaluation(List<LocalDate[]> buckets, Dimension by, ResolvedPeriod period, Currency currency, DealsAsOf deals,
            boolean keepEmptyBuckets, boolean ranking) {

        Evaluation(List<LocalDate[]> buckets, Dimension by, ResolvedPeriod period, Currency currency, DealsAsOf deals,
                boolean keepEmptyBuckets) {
            this(buckets, by, period, currency, deals, keepEmptyBuckets, false);
        }
    }

    /** For each KPI, its value per (bucket, dimension member). */
    Uni<Map<String, Map<Key, BigDecimal>>> evaluate(CallerScope scope, List<KpiDefinition> kpis, KpiFilter requested,
            Evaluation evaluation) {
        FilterResolution.checkDimensions(kpis, requested, evaluation.by(), evaluation.deals());
        // a KPI with a fixed filter reads its fact sources in statements of its own
        long factSources = kpis.stream().flatMap(k -> k.measures().stream().map(m -> List.of(k.fixedFilter() == null ? "" : k.name(),
                sourceFor(m, requested, evaluation)))).distinct().count();
        charge.accept(KpiBudget.cost(kpis.size(), evaluation.buckets().size(), evaluation.by() != null, (int) factSources));
        // chosen now, on the request's own context (its consistency token), for every statement of the evaluation
        ReplicaReads.Route route = reads.route();
        return admission.admit(() -> access.restrict(scope, requested, kpis, evaluation.by() == null || evaluation.ranking())
                .chain(restricted -> filters.widened(restricted.filter(), true)
                        .chain(filter -> evaluateWithin(route, restricted.scope(), kpis, filter, evaluation))));
    }

    /**
     * The KPIs with the same fixed filter (none, for the built-in ones) are computed together, each group within the
     * request's filter and its own: a KPI defined through the API never looks beyond either.
     */
    private Uni<Map<String, Map<Key, BigDecimal>>> evaluateWithin(ReplicaReads.Route route, CallerScope scope, List<KpiDefinition> kpis,
            KpiFilter filter, Evaluation evaluation) {
        Map<KpiFilter, List<KpiDefinition>> byFixedFilter = new LinkedHashMap<>();
        kpis.forEach(kpi -> byFixedFilter.computeIfAbsent(kpi.fixedFilter(), fixed -> new ArrayList<>()).add(kpi));
        List<Uni<Map<String, Map<Key, BigDecimal>>>> groups = byFixedFilter.entrySet().stream().map(group -> group.getKey() == null
                ? evaluateGroup(route, scope, group.getValue(), filter, evaluation)
                : filters.widened(group.getKey(), false).chain(fixed -> evaluateGroup(route, scope, group.getValue(),
                        filter.within(fixed), evaluation)))
                .toList();
        return Uni.join().all(groups).andFailFast().map(results -> {
            Map<String, Map<Key, BigDecimal>> all = new HashMap<>();
            results.forEach(all::putAll);
            return all;
        });
    }

    private Uni<Map<String, Map<Key, BigDecimal>>> evaluateGroup(ReplicaReads.Route route, CallerScope scope, List<KpiDefinition> kpis,
            KpiFilter filter, Evaluation evaluation) {
        String targetScope = targetScope(filter, evaluation.by());
        Currency currency = evaluation.currency();
        Map<FactSource, List<Measure>> bySource = new LinkedHashMap<>();
        kpis.stream().flatMap(k -> k.measures().stream()).distinct()
                .forEach(m -> bySource.computeIfAbsent(sourceFor(m, filter, evaluation), s -> new ArrayList<>()).add(m));
        List<Uni<Map<Key, Map<Measure, BigDecimal>>>> queries = bySource.entrySet().stream()
                .map(e -> timed(e.getKey(), run(route, scope, KpiSql.build(e.getKey(), e.getValue(), evaluation.buckets(), filter,
                        evaluation.by(), evaluation.period().zone().getId(), targetScope, reporting.money(currency), evaluation.deals(),
                        evaluation.keepEmptyBuckets(), reporting.statementParameters()), e.getValue())))
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

    /**
     * The measure's rollup when it keeps every dimension the request uses and the deals are read as they are now, else
     * its own fact source.
     */
    private static FactSource sourceFor(Measure measure, KpiFilter filter, Evaluation evaluation) {
        FactSource rollup = measure.rollup();
        boolean rollupSuffices = rollup != null && (evaluation.by() == null || rollup.dimensions().contains(evaluation.by()))
                && !filter.restrictsDeals() && evaluation.deals().now() && filter.restrictedOutside(rollup.dimensions()).isEmpty();
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

    /** Targets are set per rep, team, territory or company: the most specific level the request names decides. */
    private static String targetScope(KpiFilter filter, Dimension by) {
        for (Dimension level : List.of(Dimension.REP, Dimension.TEAM, Dimension.TERRITORY)) {
            if (by == level || filter.restricts(level)) {
                return level.name();
            }
        }
        return "COMPANY";
    }
}
