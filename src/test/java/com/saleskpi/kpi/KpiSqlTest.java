package com.saleskpi.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The KPI statements carry every filter, and so the caller's scope, as bound parameters in their own predicates. */
class KpiSqlTest {

    @Test
    void filtersBecomePredicatesOfTheStatementWithBoundValues() {
        KpiFilter filter = new KpiFilter();
        UUID rep = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        filter.repIds = List.of(rep);
        filter.teamIds = List.of(team);
        filter.segments = List.of("SMB'; drop table account; --");
        KpiSql.Statement statement = KpiSql.build(FactSource.ORDER_LINES,
                List.of(new Measure(FactSource.ORDER_LINES, "coalesce(sum(s.net_amount), 0)")),
                List.<LocalDate[]>of(new LocalDate[] { LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31) }), filter, null, "UTC",
                "REP", true);
        assertTrue(statement.sql().contains("s.rep_id = any($"), statement.sql());
        assertTrue(statement.sql().contains("s.team_id = any($"), statement.sql());
        assertTrue(statement.sql().contains("s.segment = any($"), statement.sql());
        assertTrue(!statement.sql().contains("drop table"), "values are never written into the SQL text");
        assertTrue(statement.parameters().stream().anyMatch(p -> p instanceof UUID[] ids && ids[0].equals(rep)));
        assertEquals(9, statement.parameters().size()); // from, to, tz, target scope, teams, reps, segments, bucket starts, bucket ends
    }
}
