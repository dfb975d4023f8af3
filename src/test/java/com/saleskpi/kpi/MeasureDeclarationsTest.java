package com.saleskpi.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * What the catalogue declares holds in PostgreSQL: every measure, over its fact source and over its rollup, is what it
 * declares itself to be over no records, and every fact source answers a filter and a breakdown by each dimension it
 * claims.
 */
@QuarkusTest
class MeasureDeclarationsTest {

    /** The statement parameters of the default settings (the high-value activity types). */
    private static final java.util.Map<String, Object> SETTINGS = java.util.Map.of("high_value_types", new String[] { "MEETING", "DEMO", "PROPOSAL" });

    /** A month no record of any test lies in. */
    private static final List<LocalDate[]> EMPTY_MONTH = List.<LocalDate[]>of(
            new LocalDate[] { LocalDate.of(1901, 1, 1), LocalDate.of(1901, 1, 31) });
    private static final KpiSql.Money EUR = new KpiSql.Money("EUR", "EUR");

    @Inject
    Pool pool;

    @Test
    void everyMeasureIsOverNoRecordsWhatItDeclares() {
        List<String> wrong = new ArrayList<>();
        for (Measure measure : measures()) {
            for (FactSource source : sourcesOf(measure)) {
                Row row = run(KpiSql.build(source, List.of(measure), EMPTY_MONTH, new KpiFilter(), null, "UTC", "COMPANY", EUR, DealsAsOf.NOW, true, SETTINGS))
                        .get(0);
                BigDecimal value = row.getValue(2) == null ? null : new BigDecimal(row.getValue(2).toString());
                BigDecimal declared = measure.whenEmpty().value;
                if (declared == null ? value != null : value == null || value.compareTo(declared) != 0) {
                    wrong.add(measure.name() + " over " + source + ": " + value + ", declared " + measure.whenEmpty());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyFactSourceFiltersAndBreaksDownByEachDimensionItClaims() {
        Set<FactSource> unused = EnumSet.allOf(FactSource.class);
        for (Measure measure : measures()) {
            for (FactSource source : sourcesOf(measure)) {
                if (!unused.remove(source)) {
                    continue;
                }
                for (Dimension dimension : source.dimensions()) {
                    KpiFilter filter = new KpiFilter();
                    // a switch expression: a new dimension does not compile here until it has a value to filter by
                    filter.set(dimension, switch (dimension) {
                        case TEAM, REP, TERRITORY, CHANNEL, PRODUCT, CAMPAIGN -> List.of(UUID.randomUUID());
                        case CATEGORY -> List.of("no such category");
                        case SEGMENT -> List.of("SMB");
                        case FORECAST_CATEGORY -> List.of("COMMIT");
                        case INDUSTRY -> List.of("no such industry");
                        case LEAD_SOURCE -> List.of("WEB");
                        case ACTIVITY_TYPE -> List.of("CALL");
                    });
                    // a statement that named a column the source does not have would fail here
                    assertEquals(List.of(), run(KpiSql.build(source, List.of(measure), EMPTY_MONTH, filter, dimension, "Europe/Berlin",
                            dimension == Dimension.REP || dimension == Dimension.TEAM || dimension == Dimension.TERRITORY
                                    ? dimension.name() : "COMPANY", EUR, DealsAsOf.NOW, false, SETTINGS)), source + " by " + dimension);
                }
            }
        }
        assertEquals(Set.of(), unused, "fact sources no measure reads");
    }

    /**
     * A team filter is read as the team's reps exactly where a row's team is its rep's: the sources that take r.team_id
     * from their rep, and not those that keep a team of their own (deals, pipeline, costs, targets, survey answers).
     * Whatever rows the database holds, none of those sources places a row outside its rep's team.
     */
    @Test
    void aTeamFilterIsReadAsTheTeamsRepsOnlyWhereARowsTeamIsItsReps() {
        Set<FactSource> byReps = EnumSet.noneOf(FactSource.class);
        for (FactSource source : FactSource.values()) {
            if (source.teamIsTheRepsTeam()) {
                byReps.add(source);
            }
        }
        assertEquals(EnumSet.of(FactSource.ORDER_LINES, FactSource.REVENUE_ROLLUP, FactSource.ORDER_HISTORY, FactSource.LEADS,
                FactSource.LEAD_ROLLUP, FactSource.ACTIVITIES, FactSource.ACTIVITY_ROLLUP, FactSource.ACCOUNTS,
                FactSource.CUSTOMER_PURCHASES, FactSource.REP_QUOTAS, FactSource.REPS, FactSource.COMMISSIONS), byReps);
        List<LocalDate[]> always = List.<LocalDate[]>of(new LocalDate[] { LocalDate.of(2000, 1, 1), LocalDate.of(2099, 12, 31) });
        for (FactSource source : byReps) {
            Measure elsewhere = Measure.zeroWhenEmpty("rows_outside_their_reps_team", Unit.COUNT, "", source,
                    "count(*) filter (where s.team_id is distinct from (select x.team_id from sales_rep x where x.id = s.rep_id))");
            Row row = run(KpiSql.build(source, List.of(elsewhere), always, new KpiFilter(), null, "UTC", "COMPANY", EUR, DealsAsOf.NOW, true, SETTINGS)).get(0);
            assertEquals(0L, ((Number) row.getValue(2)).longValue(), source.name());
        }
    }

    private static Set<Measure> measures() {
        Set<Measure> measures = new LinkedHashSet<>();
        KpiCatalogue.ALL.values().forEach(kpi -> measures.addAll(kpi.measures()));
        return measures;
    }

    private static List<FactSource> sourcesOf(Measure measure) {
        return measure.rollup() == null ? List.of(measure.source()) : List.of(measure.source(), measure.rollup());
    }

    private List<Row> run(KpiSql.Statement statement) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(statement.sql()).execute(Tuple.from(statement.parameters())).await().indefinitely().forEach(rows::add);
        return rows;
    }
}
