package com.saleskpi.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The KPI statements carry every filter, and so the caller's scope, as bound parameters in their own predicates. */
class KpiSqlTest {

    /** The statement parameters of the default settings (the high-value activity types). */
    private static final java.util.Map<String, Object> SETTINGS = java.util.Map.of("high_value_types", new String[] { "MEETING", "DEMO", "PROPOSAL" });

    @Test
    void filtersBecomePredicatesOfTheStatementWithBoundValues() {
        KpiFilter filter = new KpiFilter();
        UUID rep = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        filter.repIds = List.of(rep);
        filter.teamIds = List.of(team);
        filter.segments = List.of("SMB'; drop table account; --");
        KpiSql.Statement statement = KpiSql.build(FactSource.ORDER_LINES,
                List.of(Measure.zeroWhenEmpty("revenue", Unit.CURRENCY, "net amounts", FactSource.ORDER_LINES, "coalesce(sum(s.net_amount), 0)")),
                List.<LocalDate[]>of(new LocalDate[] { LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31) }), filter, null, "UTC",
                "REP", new KpiSql.Money("EUR", "EUR"), DealsAsOf.NOW, true, SETTINGS);
        assertTrue(statement.sql().contains("s.rep_id = any($"), statement.sql());
        // an order line's team is its rep's: the team is read as its reps, which the rollups index with the day
        assertTrue(statement.sql().contains("s.rep_id = any(array(select r.id from sales_rep r where r.team_id = any($"), statement.sql());
        assertTrue(!statement.sql().contains("s.team_id = any($"), statement.sql());
        assertTrue(statement.sql().contains("s.segment = any($"), statement.sql());
        assertTrue(!statement.sql().contains("drop table"), "values are never written into the SQL text");
        assertTrue(statement.parameters().stream().anyMatch(p -> p instanceof UUID[] ids && ids[0].equals(rep)));
        // teams, reps, segments, bucket starts, bucket ends, the sorted bucket starts an order's day is looked up in, currency,
        // rates base, from, to: time zone, target scope and split months are not used here, and a parameter the text does not
        // use is not sent (PostgreSQL could not type it)
        assertEquals(10, statement.parameters().size());
        assertTrue(statement.sql().contains("b.bucket_start = ($"), statement.sql());

        // a deal keeps a team of its own, which may not be its owner's
        KpiSql.Statement deals = KpiSql.build(FactSource.DEALS_CLOSED,
                List.of(Measure.zeroWhenEmpty("won", Unit.COUNT, "deals won", FactSource.DEALS_CLOSED, "count(*) filter (where s.won)")),
                List.<LocalDate[]>of(new LocalDate[] { LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31) }), filter, null, "UTC",
                "REP", new KpiSql.Money("EUR", "EUR"), DealsAsOf.NOW, true, SETTINGS);
        assertTrue(deals.sql().contains("s.team_id = any($"), deals.sql());
        assertTrue(!deals.sql().contains("from sales_rep r where r.team_id"), deals.sql());
    }

    @Test
    void bucketsThatOverlapAreJoinedByTheirRangesAlone() {
        LocalDate[] period = { LocalDate.of(2025, 1, 1), LocalDate.of(2026, 3, 31) };
        LocalDate[] lastYear = { LocalDate.of(2024, 1, 1), LocalDate.of(2025, 3, 31) };
        LocalDate[] quarterBefore = { LocalDate.of(2024, 10, 1), LocalDate.of(2024, 12, 31) };
        assertTrue(KpiSql.disjoint(List.of(period, quarterBefore)));
        assertTrue(!KpiSql.disjoint(List.of(period, lastYear)));
        assertTrue(!KpiSql.disjoint(List.of(lastYear, period)));
        KpiSql.Statement statement = KpiSql.build(FactSource.ORDER_LINES,
                List.of(Measure.zeroWhenEmpty("revenue", Unit.CURRENCY, "net amounts", FactSource.ORDER_LINES, "coalesce(sum(s.net_amount), 0)")),
                List.of(period, lastYear), new KpiFilter(), null, "UTC", "COMPANY", new KpiSql.Money("EUR", "EUR"), DealsAsOf.NOW, true, SETTINGS);
        assertTrue(!statement.sql().contains("width_bucket"), statement.sql());
        assertTrue(statement.sql().contains("s.period_value between b.bucket_start and b.bucket_end"), statement.sql());
    }

    @Test
    void namedParametersBecomePlaceholdersAndCastsStay() {
        KpiSql.Statement statement = KpiSql.build(FactSource.ORDER_LINES,
                List.of(Measure.zeroWhenEmpty("revenue", Unit.CURRENCY, "net amounts", FactSource.ORDER_LINES, "coalesce(sum(s.net_amount), 0)")),
                List.<LocalDate[]>of(new LocalDate[] { LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31) }), new KpiFilter(), null,
                "Europe/Berlin", "REP", new KpiSql.Money("USD", "EUR"), DealsAsOf.NOW, true, SETTINGS);
        assertTrue(!Pattern.compile("(?<!:):[a-z_]+").matcher(statement.sql()).find(), statement.sql());
        assertTrue(statement.sql().contains("::date"), statement.sql());
        // each named parameter is bound once, however often the text uses it: :currency appears in every conversion
        assertEquals(1, statement.parameters().stream().filter("USD"::equals).count());
        String currency = "$" + (statement.parameters().indexOf("USD") + 1) + "::bpchar";
        assertTrue(statement.sql().indexOf(currency) != statement.sql().lastIndexOf(currency), statement.sql());
    }

    @Test
    void rollupsReadByDayOnlyTheMonthsThatABucketBoundarySplits() {
        List<LocalDate[]> quarterByMonth = List.of(days("2026-01-01", "2026-01-31"), days("2026-02-01", "2026-02-28"),
                days("2026-03-01", "2026-03-31"));
        assertEquals(List.of(), List.of(KpiSql.splitMonths(quarterByMonth)), "whole months are read by month");
        List<LocalDate[]> midMonthToMidMonth = List.of(days("2026-01-15", "2026-02-14"), days("2026-02-15", "2026-03-14"));
        assertEquals(List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1)),
                List.of(KpiSql.splitMonths(midMonthToMidMonth)));
        List<LocalDate[]> weeks = List.of(days("2026-03-30", "2026-04-05"), days("2026-04-06", "2026-04-12"));
        assertEquals(List.of(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1)), List.of(KpiSql.splitMonths(weeks)));
    }

    private static LocalDate[] days(String first, String last) {
        return new LocalDate[] { LocalDate.parse(first), LocalDate.parse(last) };
    }
}
