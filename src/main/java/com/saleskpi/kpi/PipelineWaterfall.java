package com.saleskpi.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.saleskpi.common.problem.Problem;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;
import com.saleskpi.database.ReadsAgain;
import com.saleskpi.database.ReplicaReads;
import com.saleskpi.security.AccessRules;
import com.saleskpi.security.CallerScope;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How the open pipeline of a closing window moved between two instants, from the deals' history (opportunity_version):
 * what was open and in the window (and the filter) at the start, each movement, and what was at the end. A deal counts
 * once, by where it stood at both instants: in at both, by its change of amount; in at the start only, by why it left
 * (deleted, won, lost, its close day pushed out of the window, else moved out of the filter); in at the end only, by why
 * it came (created, reopened, its close day pulled into the window, else moved into the filter). So start + steps = end,
 * exactly: every amount is converted at the end day's rates and rounded per deal before anything is summed.
 */
@ApplicationScoped
public class PipelineWaterfall {

    /** A movement of the pipeline; those that leave it are negative. */
    @Description("Why deals entered, left or changed the pipeline between the two instants")
    public enum StepKind { NEW, REOPENED, PULLED_IN, MOVED_IN, INCREASED, DECREASED, WON, LOST, PUSHED_OUT, MOVED_OUT, DELETED }

    @Description("Deals and their total amount")
    public record Totals(long count, @NonNull BigDecimal amount) {
    }

    @Description("One movement: how many deals it added (negative: removed) and the amount it added (negative: removed)")
    public record Step(@NonNull StepKind kind, long count, @NonNull BigDecimal amount) {
    }

    @Description("The open pipeline of a closing window at two instants, and each movement between them: start + steps = end")
    public record Waterfall(@NonNull Instant startAt, @NonNull Instant endAt, @NonNull LocalDate closingFrom, @NonNull LocalDate closingTo,
            @NonNull String currency, @NonNull Totals start, @NonNull List<@NonNull Step> steps, @NonNull Totals end) {
    }

    /**
     * The deals open at an instant and expected to close in the window, within the filter, each with its amount
     * converted (only those: the rest of the pipeline is never read).
     */
    private static final String COUNTED_AT = """
            select o.id, round(%1$s, :decimals) as amount
            from %3$s o
            left join product p on p.id = o.product_id
            left join account a on a.id = o.account_id%4$s
            where o.stage not in ('CLOSED_WON', 'CLOSED_LOST') and o.expected_close_on between :closing_from and :closing_to
              and %2$s""";

    /**
     * Each deal counted at either instant, with why it moved: for one counted at one instant only, its version at the other
     * instant (that the caller may see) says why; without one, opportunity_existed tells a deal outside the caller's reach
     * (moved) from one that did not exist then (new, deleted).
     */
    private static final String MOVEMENTS = """
            with at_start as (%1$s), at_end as (%2$s),
            deals as (select coalesce(s.id, e.id) as id, s.id is not null as in_start, e.id is not null as in_end,
                             s.amount as start_amount, e.amount as end_amount
                      from at_start s full join at_end e on e.id = s.id),
            moved as (select case
                        when d.in_start and d.in_end then case when d.end_amount > d.start_amount then 'INCREASED'
                                                               when d.end_amount < d.start_amount then 'DECREASED' end
                        when d.in_start then case when ended.id is null and not opportunity_existed(d.id, :end_at) then 'DELETED'
                                                  when ended.stage = 'CLOSED_WON' then 'WON' when ended.stage = 'CLOSED_LOST' then 'LOST'
                                                  when ended.id is not null and ended.expected_close_on is distinct from
                                                       greatest(least(ended.expected_close_on, :closing_to), :closing_from) then 'PUSHED_OUT'
                                                  else 'MOVED_OUT' end
                        else case when began.id is null and not opportunity_existed(d.id, :start_at) then 'NEW'
                                  when began.stage in ('CLOSED_WON', 'CLOSED_LOST') then 'REOPENED'
                                  when began.id is not null and began.expected_close_on is distinct from
                                       greatest(least(began.expected_close_on, :closing_to), :closing_from) then 'PULLED_IN'
                                  else 'MOVED_IN' end
                        end as kind,
                        case when d.in_start and d.in_end then 0 when d.in_start then -1 else 1 end as count,
                        case when d.in_start and d.in_end then d.end_amount - d.start_amount when d.in_start then -d.start_amount
                             else d.end_amount end as amount
                      from deals d
                      left join lateral %3$s ended on not d.in_end
                      left join lateral %4$s began on not d.in_start)
            select 'START' as kind, count(*) as count, coalesce(sum(start_amount), 0) as amount from deals where in_start
            union all
            select 'END', count(*), coalesce(sum(end_amount), 0) from deals where in_end
            union all
            select kind, sum(count), sum(amount) from moved where kind is not null group by kind""";

    /** A deal's version at an instant (of d.id), as the caller may see it. */
    private static String versionOf(String instant) {
        return "(select v.id, v.stage, v.expected_close_on from " + DealsAsOf.versionsAt(instant) + " v where v.id = d.id)";
    }

    private final ReplicaReads reads;
    private final AccessRules rules;
    private final KpiAccess access;
    private final FilterResolution filters;
    private final ReportingSettings reporting;
    private final Clock clock = Clock.systemUTC();

    PipelineWaterfall(ReplicaReads reads, Pool primary, AccessRules rules, FilterResolution filters, KpiSettings settings) {
        this.reads = reads;
        this.rules = rules;
        this.access = new KpiAccess(primary);
        this.filters = filters;
        this.reporting = ReportingSettings.of(settings);
    }

    public Uni<Waterfall> between(CallerScope scope, KpiFilter requested, Instant startAt, Instant endAt, String currencyCode) {
        KpiFilter filter = requested == null ? new KpiFilter() : requested;
        check(filter, startAt, endAt);
        Currency currency = reporting.answerCurrency(currencyCode);
        KpiDefinition pipeline = KpiCatalogue.ALL.get("open_pipeline_value");
        FilterResolution.checkDimensions(List.of(pipeline), filter, null, DealsAsOf.NOW);
        return access.restrict(scope, filter, List.of(pipeline)).chain(scoped -> filters.widened(scoped, true))
                .chain(widened -> {
                    KpiSql sql = new KpiSql();
                    Map.<String, Object>of("start_at", utc(startAt), "end_at", utc(endAt), "closing_from", filter.closingFrom,
                            "closing_to", filter.closingTo, "currency", currency.getCurrencyCode(), "rates_base",
                            reporting.currency().getCurrencyCode(), "rates_day", utc(endAt).toLocalDate(),
                            "decimals", currency.getDefaultFractionDigits()).forEach(sql::name);
                    KpiSql.Statement statement = sql.statement(MOVEMENTS.formatted(countedAt(sql, widened, ":start_at"),
                            countedAt(sql, widened, ":end_at"), versionOf(":end_at"), versionOf(":start_at")));
                    return reads.route().read(pool -> ReadsAgain.onLostConnection(rules.query(pool, scope, statement.sql(),
                            Tuple.from(statement.parameters())))).map(rows -> waterfall(rows, startAt, endAt, filter, currency));
                });
    }

    /** Bad instants or windows: 400 naming each parameter missing, else the first that is wrong. */
    private void check(KpiFilter filter, Instant startAt, Instant endAt) {
        Map<String, Object> required = new LinkedHashMap<>();
        required.put("startAt", startAt);
        required.put("endAt", endAt);
        required.put("closingFrom", filter.closingFrom);
        required.put("closingTo", filter.closingTo);
        List<Problem.FieldError> missing = required.entrySet().stream().filter(parameter -> parameter.getValue() == null)
                .map(parameter -> new Problem.FieldError(parameter.getKey(), "is required")).toList();
        if (!missing.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "A waterfall needs two instants and a closing window", missing);
        }
        if (!startAt.isBefore(endAt)) {
            throw ProblemException.invalidParameter("startAt", "must be before endAt (" + endAt + ")");
        }
        if (endAt.isAfter(clock.instant())) {
            throw ProblemException.invalidParameter("endAt", "must not lie in the future: " + endAt);
        }
    }

    /** COUNTED_AT at an instant, with the request's filter on the dimensions the pipeline has (FactSource.PIPELINE). */
    private static String countedAt(KpiSql sql, KpiFilter filter, String instant) {
        List<String> conditions = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            if (filter.restricts(dimension)) {
                conditions.add(sql.anyOf(dimension.columnIn(FactSource.PIPELINE), filter.values(dimension)));
            }
        }
        Rates rates = new Rates("fx_o", "o.currency", ":rates_day");
        if (filter.minDealAmount != null) {
            conditions.add(rates.convert("o.amount") + " >= " + sql.bind(filter.minDealAmount));
        }
        if (filter.maxDealAmount != null) {
            conditions.add(rates.convert("o.amount") + " <= " + sql.bind(filter.maxDealAmount));
        }
        return COUNTED_AT.formatted(rates.convert("o.amount"), conditions.isEmpty() ? "true" : String.join(" and ", conditions),
                DealsAsOf.versionsAt(instant), rates.joins());
    }

    private Waterfall waterfall(Iterable<Row> rows, Instant startAt, Instant endAt, KpiFilter filter, Currency currency) {
        Totals start = null;
        Totals end = null;
        Map<StepKind, Step> steps = new EnumMap<>(StepKind.class);
        for (Row row : rows) {
            String kind = row.getString("kind");
            BigDecimal amount = row.getBigDecimal("amount").setScale(currency.getDefaultFractionDigits(), RoundingMode.HALF_UP);
            long count = row.getLong("count");
            switch (kind) {
                case "START" -> start = new Totals(count, amount);
                case "END" -> end = new Totals(count, amount);
                default -> steps.put(StepKind.valueOf(kind), new Step(StepKind.valueOf(kind), count, amount));
            }
        }
        return new Waterfall(startAt, endAt, filter.closingFrom, filter.closingTo, currency.getCurrencyCode(), start,
                List.copyOf(steps.values()), end);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
