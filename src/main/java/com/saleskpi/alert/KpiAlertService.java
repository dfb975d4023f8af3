package com.saleskpi.alert;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.common.crud.IdempotencyKeys;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.database.PooledStatements;
import com.saleskpi.kpi.Comparison;
import com.saleskpi.kpi.KpiEngine;
import com.saleskpi.kpi.KpiFilter;
import com.saleskpi.kpi.KpiNames;
import com.saleskpi.kpi.KpiPeriod;
import com.saleskpi.kpi.KpiResults.KpiValue;
import com.saleskpi.security.CallerScopes;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;

/**
 * KPI alert rules: each is a KPI query (KPI, filter, period) and a condition on its value. A rule is evaluated as its
 * KPI would be answered now; it fires when its condition becomes true (CROSSES: when the value changes side), once per
 * crossing, and then not again before its cool-down has passed. The state and the firing are written in one statement,
 * under the rule's row lock, so that instances evaluating at once fire it once.
 */
@Singleton
public class KpiAlertService {

    static final String MET = "MET";
    static final String NOT_MET = "NOT_MET";
    private static final int DEFAULT_COOLDOWN = 3600;
    private static final String RULE_COLUMNS = "id, name, kpi, filter::text, period::text, condition, threshold, compare_to, cooldown_seconds,"
            + " last_state, last_value, evaluated_at, last_fired_at, created_at";
    static final String FIRING_COLUMNS = "id, rule_id, rule_name, kpi, condition, threshold, value, previous_value, state, fired_at";
    /** The new state and value; the firing when the condition became true, outside the cool-down. */
    private static final String RECORD = """
            with old as (select id, name, kpi, condition, threshold, last_state, last_value, last_fired_at, cooldown_seconds
                         from kpi_alert_rule where id = $1 for update),
            fires as (select old.*, (case when old.condition = 'CROSSES' then old.last_state is not null and old.last_state <> $2
                                          else $2 = 'MET' and old.last_state is distinct from 'MET' end)
                                    and (old.last_fired_at is null or old.last_fired_at <= now() - make_interval(secs => old.cooldown_seconds)) as fired
                      from old),
            updated as (update kpi_alert_rule r set last_state = $2, last_value = $3, evaluated_at = now(),
                               last_fired_at = case when fires.fired then now() else r.last_fired_at end
                        from fires where r.id = fires.id returning r.id)
            insert into kpi_alert_firing (rule_id, rule_name, kpi, condition, threshold, value, previous_value, state)
            select id, name, kpi, condition, threshold, $3, last_value, $2 from fires where fired and exists (select 1 from updated)
            returning""" + " " + FIRING_COLUMNS;

    private final Pool pool;
    private final KpiEngine engine;
    private final CallerScopes scopes;
    private final ObjectMapper json;

    public KpiAlertService(Pool pool, KpiEngine engine, CallerScopes scopes, ObjectMapper json) {
        this.pool = pool;
        this.engine = engine;
        this.scopes = scopes;
        this.json = json;
    }

    /** A rule whose KPI query the caller may ask; its first evaluation is its state (it fires from the next change on). */
    public Uni<IdempotencyKeys.Outcome<KpiAlerts.Rule>> create(KpiAlerts.RuleInput input, String by, String idempotencyKey) {
        check(input);
        return state(input.kpi(), input.filter(), input.period(), input.condition(), input.threshold(), input.compareTo())
                .chain(state -> Panache.withTransaction(() -> IdempotencyKeys.once(by, idempotencyKey, input, json, KpiAlerts.Rule.class,
                        rule -> rule.id().toString(), () -> insert(input, by, state))));
    }

    private static void check(KpiAlerts.RuleInput input) {
        if (input == null) {
            throw ProblemException.invalidField("body", "must be a rule: name, kpi, period, condition and threshold");
        }
        if (input.name() == null || input.name().isBlank() || input.name().length() > 200) {
            throw ProblemException.invalidField("name", "is required, at most 200 characters");
        }
        if (input.kpi() == null || input.kpi().isBlank()) {
            throw ProblemException.invalidField("kpi", "is required: a KPI of the catalogue");
        }
        if (input.period() == null) {
            throw ProblemException.invalidField("period", "is required: from and to, or a preset");
        }
        if (input.condition() == null) {
            throw ProblemException.invalidField("condition", "is required: ABOVE, BELOW, CROSSES or CHANGE_BEYOND");
        }
        if (input.threshold() == null || input.threshold().abs().compareTo(new BigDecimal("1e20")) >= 0) {
            throw ProblemException.invalidField("threshold", "is required, below 1e20 in size");
        }
        if (input.cooldownSeconds() != null && (input.cooldownSeconds() < 0 || input.cooldownSeconds() > 31_536_000)) {
            throw ProblemException.invalidField("cooldownSeconds", "must be 0 to 31536000 (a year)");
        }
    }

    /** The condition's state now, as the current caller: its KPI query answered now. */
    Uni<Observed> state(String kpi, KpiFilter filter, KpiPeriod period, KpiAlerts.Condition condition, BigDecimal threshold,
            Comparison compareTo) {
        Comparison comparison = condition == KpiAlerts.Condition.CHANGE_BEYOND ? (compareTo == null ? Comparison.PREVIOUS_PERIOD : compareTo)
                : null;
        return scopes.current().chain(scope -> engine.snapshot(scope, new KpiNames(List.of(kpi), "kpi"), filter, period, comparison, null, null))
                .map(snapshot -> observed(snapshot.values().get(0), condition, threshold));
    }

    /** What a rule saw: its state and the value it compared. */
    record Observed(String state, BigDecimal value) {
    }

    private static Observed observed(KpiValue kpi, KpiAlerts.Condition condition, BigDecimal threshold) {
        BigDecimal value = condition == KpiAlerts.Condition.CHANGE_BEYOND
                ? (kpi.relativeChange() == null ? null : kpi.relativeChange().movePointRight(2))
                : kpi.value();
        if (value == null) {
            return new Observed(condition == KpiAlerts.Condition.CROSSES ? null : NOT_MET, null);
        }
        String state = switch (condition) {
            case ABOVE -> value.compareTo(threshold) > 0 ? MET : NOT_MET;
            case BELOW -> value.compareTo(threshold) < 0 ? MET : NOT_MET;
            case CROSSES -> value.compareTo(threshold) >= 0 ? "ABOVE" : "BELOW";
            case CHANGE_BEYOND -> value.abs().compareTo(threshold) > 0 ? MET : NOT_MET;
        };
        return new Observed(state, value);
    }

    private Uni<KpiAlerts.Rule> insert(KpiAlerts.RuleInput input, String by, Observed state) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int cooldown = input.cooldownSeconds() == null ? DEFAULT_COOLDOWN : input.cooldownSeconds();
        return Panache.getSession().chain(session -> session.createNativeQuery("insert into kpi_alert_rule (id, name, kpi, filter, period,"
                + " condition, threshold, compare_to, cooldown_seconds, last_state, last_value, evaluated_at, created_by, created_at, updated_at)"
                + " values (?1, ?2, ?3, cast(cast(?4 as text) as jsonb), cast(cast(?5 as text) as jsonb), ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12, ?12)")
                .setParameter(1, id).setParameter(2, input.name()).setParameter(3, input.kpi()).setParameter(4, write(input.filter()))
                .setParameter(5, write(input.period())).setParameter(6, input.condition().name()).setParameter(7, input.threshold())
                .setParameter(8, input.compareTo() == null ? null : input.compareTo().name()).setParameter(9, cooldown)
                .setParameter(10, state.state()).setParameter(11, state.value()).setParameter(12, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .setParameter(13, by).executeUpdate())
                .replaceWith(() -> new KpiAlerts.Rule(id, input.name(), input.kpi(), read(write(input.filter())), read(write(input.period())),
                        input.condition(), input.threshold(), input.compareTo(), cooldown, state.state(), state.value(), now, null, now));
    }

    public Uni<List<KpiAlerts.Rule>> rules() {
        return rules("order by created_at, id");
    }

    public Uni<KpiAlerts.Rule> rule(UUID id) {
        return PooledStatements.execute(pool, "select " + RULE_COLUMNS + " from kpi_alert_rule where id = $1", Tuple.of(id))
                .map(rows -> rule(one(rows)));
    }

    public Uni<Void> delete(UUID id) {
        return PooledStatements.execute(pool, "delete from kpi_alert_rule where id = $1 returning id", Tuple.of(id)).invoke(KpiAlertService::one)
                .replaceWithVoid();
    }

    public Uni<List<KpiAlerts.Firing>> firings(UUID rule, Long before, int limit) {
        return rule(rule).chain(found -> PooledStatements.execute(pool, "select " + FIRING_COLUMNS + " from kpi_alert_firing where rule_id = $1"
                + " and ($2::bigint is null or id < $2) order by id desc limit $3", Tuple.of(rule, before, limit)).map(KpiAlertService::firings));
    }

    /** The firings after this one (by id), oldest first: what a subscriber has not been told yet. */
    Uni<List<KpiAlerts.Firing>> firedAfter(long id) {
        return PooledStatements.execute(pool, "select " + FIRING_COLUMNS + " from kpi_alert_firing where id > $1 order by id limit 1000",
                Tuple.of(id)).map(KpiAlertService::firings);
    }

    Uni<Long> lastFiring() {
        return PooledStatements.execute(pool, "select coalesce(max(id), 0) from kpi_alert_firing").map(rows -> rows.iterator().next().getLong(0));
    }

    /** Every enabled rule's query and condition. */
    Uni<List<KpiAlerts.Rule>> enabled() {
        return rules("where enabled order by id");
    }

    /** The rules a clause after FROM selects and orders. */
    private Uni<List<KpiAlerts.Rule>> rules(String clause) {
        return PooledStatements.execute(pool, "select " + RULE_COLUMNS + " from kpi_alert_rule " + clause).map(rows -> {
            List<KpiAlerts.Rule> all = new ArrayList<>();
            rows.forEach(row -> all.add(rule(row)));
            return all;
        });
    }

    /** Evaluates a rule as the current caller and records what it saw: the firing, when it fired. */
    Uni<KpiAlerts.Firing> evaluate(KpiAlerts.Rule rule) {
        return state(rule.kpi(), convert(rule.filter(), KpiFilter.class), convert(rule.period(), KpiPeriod.class), rule.condition(),
                rule.threshold(), rule.compareTo())
                .chain(seen -> seen.state() == null ? Uni.createFrom().nullItem()
                        : PooledStatements.execute(pool, RECORD, Tuple.of(rule.id(), seen.state(), seen.value()))
                                .map(rows -> rows.rowCount() == 0 ? null : firing(rows.iterator().next())));
    }

    private static Row one(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        if (rows.rowCount() == 0) {
            throw ProblemException.notFound("KPI alert rule");
        }
        return rows.iterator().next();
    }

    private KpiAlerts.Rule rule(Row row) {
        return new KpiAlerts.Rule(row.getUUID(0), row.getString(1), row.getString(2), read(row.getString(3)), read(row.getString(4)),
                KpiAlerts.Condition.valueOf(row.getString(5)), row.getBigDecimal(6),
                row.getString(7) == null ? null : Comparison.valueOf(row.getString(7)), row.getInteger(8), row.getString(9),
                row.getBigDecimal(10), instant(row.getOffsetDateTime(11)), instant(row.getOffsetDateTime(12)), instant(row.getOffsetDateTime(13)));
    }

    private static List<KpiAlerts.Firing> firings(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<KpiAlerts.Firing> all = new ArrayList<>();
        rows.forEach(row -> all.add(firing(row)));
        return all;
    }

    private static KpiAlerts.Firing firing(Row row) {
        return new KpiAlerts.Firing(row.getLong(0), row.getUUID(1), row.getString(2), row.getString(3),
                KpiAlerts.Condition.valueOf(row.getString(4)), row.getBigDecimal(5), row.getBigDecimal(6), row.getBigDecimal(7),
                row.getString(8), instant(row.getOffsetDateTime(9)));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private String write(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A rule's filter or period that cannot be written", e);
        }
    }

    private Object read(String stored) {
        try {
            return stored == null ? null : json.readValue(stored, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored rule that is not JSON", e);
        }
    }

    private <T> T convert(Object stored, Class<T> type) {
        return stored == null ? null : json.convertValue(stored, type);
    }
}
