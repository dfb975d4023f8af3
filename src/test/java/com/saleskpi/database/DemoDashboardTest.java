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
            "customer_acquisition_cost", "forecast_accuracy", "forecast_bias", "commission_earned", "submitted_commit_call");

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

        // The deals come with histories that move: amounts changed, close days pushed and pulled in, owners changed,
        // stages left; and every demo deal's version in force now is the deal as it is.
        Row history = pool.query("""
                select count(*) filter (where v.close_pushed),
                       count(*) filter (where v.expected_close_on < lag_close),
                       count(*) filter (where v.owner_rep_id <> lag_owner),
                       count(*) filter (where v.amount <> lag_amount),
                       count(*) filter (where v.previous_stage is not null),
                       (select count(*) from opportunity o left join opportunity_version c on c.id = o.id and c.valid_to is null
                        where o.created_by = 'demo-data' and (c.id is null or (c.stage, c.amount, c.owner_rep_id, c.expected_close_on,
                        c.closed_on) is distinct from (o.stage, o.amount, o.owner_rep_id, o.expected_close_on, o.closed_on)))
                from (select v.*, lag(v.expected_close_on) over w as lag_close, lag(v.owner_rep_id) over w as lag_owner,
                             lag(v.amount) over w as lag_amount
                      from opportunity_version v join opportunity o on o.id = v.id and o.created_by = 'demo-data'
                      window w as (partition by v.id order by v.valid_from)) v""").execute().await().indefinitely().iterator().next();
        for (int movement = 0; movement < 5; movement++) {
            assertTrue(history.getLong(movement) > 0, "demo histories have movement " + movement + ": " + history.toJson());
        }
        assertEquals(0L, history.getLong(5), "demo deals whose current version differs from the deal");

        // each demo deal keeps the open stages its versions record (what the closed deals rollups count per stage)
        long stagesApart = pool.query("""
                select count(*) from opportunity o
                left join lateral (select array_agg(distinct v.stage order by v.stage) as stages from opportunity_version v
                                   where v.id = o.id and v.stage not in ('CLOSED_WON', 'CLOSED_LOST')) v on true
                where o.created_by = 'demo-data'
                  and coalesce(v.stages, '{}') is distinct from array(select unnest(o.open_stages_visited) order by 1)""")
                .execute().await().indefinitely().iterator().next().getLong(0);
        assertEquals(0L, stagesApart, "demo deals whose open stages visited differ from their versions' stages");
    }
}
