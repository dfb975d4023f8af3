package com.saleskpi.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.GraphQL;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/** The demo data set through the generator, and the headline dashboard a frontend asks of it in one request. */
@QuarkusTest
class DemoDashboardTest {

    private static final List<String> HEADLINE = List.of("revenue", "revenue_target", "target_attainment_revenue", "win_rate",
            "open_pipeline_value", "average_deal_size", "sales_cycle_days_avg", "lead_to_customer_rate", "nps",
            "customer_acquisition_cost");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Pool pool;

    @Test
    void headlineDashboardForATeamAndLastQuarterWithComparison() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            SalesDataGenerator.generate(connection, 2000, 0.42);
        }
        String team = pool.query("select id::text from team where name = 'EMEA Enterprise'").execute().await().indefinitely()
                .iterator().next().getString(0);

        JsonPath answer = GraphQL.query("""
                query($team: [String]) {
                  kpiSnapshot(kpis: %s, filter: { teamIds: $team }, period: { preset: LAST_QUARTER }, compareTo: PREVIOUS_PERIOD) {
                    period { from to } comparisonPeriod { from to }
                    values { kpi value comparisonValue change relativeChange }
                  }
                }""".formatted(HEADLINE.stream().map(k -> "\"" + k + "\"").toList()), Map.of("team", List.of(team)));
        assertNull(answer.get("errors"), () -> "errors: " + answer.get("errors"));
        List<Map<String, Object>> values = answer.getList("data.kpiSnapshot.values");
        assertEquals(HEADLINE, values.stream().map(v -> v.get("kpi")).toList());
        values.forEach(v -> {
            assertNotNull(v.get("value"), v.get("kpi") + " has a value on the demo data");
            assertNotNull(v.get("comparisonValue"), v.get("kpi") + " has a value for the previous quarter");
        });

        // The same revenue, written by hand as SQL on the base tables: pounds and dollars divided by the day's rate per euro.
        String from = answer.getString("data.kpiSnapshot.period.from");
        String to = answer.getString("data.kpiSnapshot.period.to");
        Row hand = pool.preparedQuery("""
                select coalesce(sum(case when o.currency = 'EUR' then l.net_amount
                                         else l.net_amount / (select x.rate from exchange_rate x where x.currency = o.currency
                                                              and x.rate_date <= o.ordered_on order by x.rate_date desc limit 1) end), 0),
                       count(distinct o.currency)
                from sales_order o
                join order_line l on l.order_id = o.id join sales_rep r on r.id = o.rep_id
                where o.status <> 'CANCELLED' and r.team_id = $1::uuid and o.ordered_on between $2::date and $3::date""")
                .execute(Tuple.of(java.util.UUID.fromString(team), java.time.LocalDate.parse(from), java.time.LocalDate.parse(to))).await().indefinitely().iterator().next();
        BigDecimal revenue = hand.getBigDecimal(0);
        assertTrue(revenue.signum() > 0);
        assertTrue(hand.getLong(1) >= 2, "the team sells in more than one currency");
        // answered to the cent (EUR's minor unit), rounded half up
        assertEquals(0, revenue.setScale(2, java.math.RoundingMode.HALF_UP).compareTo(new BigDecimal(answer.getString("data.kpiSnapshot.values[0].value"))));
    }
}
