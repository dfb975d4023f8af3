package com.saleskpi.kpi;

import static com.saleskpi.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saleskpi.testing.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * Retention by acquisition cohort over kpi-fixture's accounts of team T, worked out by hand: A2 acquired 2025-11-10 and
 * churned 2026-02-20, A3 acquired 2026-01-15, A4 2026-03-05 (A1 and A6 were acquired before the period, A5 never).
 */
@QuarkusTest
class CohortsTest {

    private static final String QUERY = """
            query($filter: KpiFilterInput, $months: Int) { kpiCohorts(filter: $filter, period: { from: "2025-11-01", to: "2026-03-31" },
              months: $months) { months cohorts { cohortMonth label customers points { monthsSince retained retentionRate churned churnRate } } } }""";

    @Inject
    Pool pool;

    Map<String, String> ids;

    @BeforeEach
    void loadFixture() {
        ids = KpiFixture.load(pool);
    }

    @Test
    void eachMonthsCustomersFollowedMonthByMonth() {
        JsonPath answer = GraphQL.query(QUERY, Map.of("filter", Map.of("teamIds", List.of(ids.get("T"))), "months", 3));
        assertNull(answer.get("errors"), () -> "errors: " + answer.get("errors"));
        assertEquals(List.of("2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01", "2026-03-01"),
                answer.getList("data.kpiCohorts.cohorts.cohortMonth"));
        assertEquals(List.of(1, 0, 1, 0, 1), answer.getList("data.kpiCohorts.cohorts.customers"));
        // A2: a customer at the end of November, December and January; churned on 02-20, so not at the end of February
        assertEquals(List.of(1, 1, 1, 0), answer.getList("data.kpiCohorts.cohorts[0].points.retained"));
        assertEquals(List.of(0, 0, 0, 1), answer.getList("data.kpiCohorts.cohorts[0].points.churned"));
        assertEquals(List.of(1.0, 1.0, 1.0, 0.0), numbers(answer, "data.kpiCohorts.cohorts[0].points.retentionRate"));
        assertEquals(List.of(0.0, 0.0, 0.0, 1.0), numbers(answer, "data.kpiCohorts.cohorts[0].points.churnRate"));
        // December: nobody acquired, so no rate
        assertEquals(List.of(0, 0, 0, 0), answer.getList("data.kpiCohorts.cohorts[1].points.retained"));
        assertEquals(java.util.Arrays.asList(null, null, null, null), answer.getList("data.kpiCohorts.cohorts[1].points.retentionRate"));
        // A3 and A4 stay
        assertEquals(List.of(1, 1, 1, 1), answer.getList("data.kpiCohorts.cohorts[2].points.retained"));
        assertEquals(List.of(1, 1, 1, 1), answer.getList("data.kpiCohorts.cohorts[4].points.retained"));
    }

    private static List<Double> numbers(JsonPath answer, String path) {
        return answer.getList(path).stream().map(value -> Double.valueOf(value.toString())).toList();
    }

    @Test
    void monthsThatHaveNotBegunHaveNoValue() {
        JsonPath answer = GraphQL.query(QUERY, Map.of("filter", Map.of("teamIds", List.of(ids.get("T"))), "months", 36));
        List<Object> march = answer.getList("data.kpiCohorts.cohorts[4].points.retained");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int k = 0; k <= 36; k++) {
            boolean begun = !LocalDate.of(2026, 3, 1).plusMonths(k).isAfter(today);
            assertEquals(begun ? 1 : null, march.get(k), "March's cohort after " + k + " months");
        }
    }

    @Test
    void csvAndBadInput() {
        String csv = as("cohort-analyst", "analyst").accept("text/csv").queryParam("from", "2025-11-01").queryParam("to", "2026-03-31").queryParam("months", 3)
                .queryParam("teamId", ids.get("T")).get("/api/v1/kpis/cohorts").then().statusCode(200).extract().asString();
        String[] lines = csv.split("\n");
        assertEquals("cohortMonth,label,customers,monthsSince,retained,retentionRate,churned,churnRate", lines[0]);
        assertEquals(1 + 5 * 4, lines.length);
        assertEquals("2025-11-01,2025-11,1,3,0,0.0000,1,1.0000", lines[4]);
        as("cohort-analyst", "analyst").queryParam("from", "2025-11-01").queryParam("to", "2026-03-31").queryParam("months", 37).get("/api/v1/kpis/cohorts")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("months"));
        // accounts have no product
        as("cohort-analyst", "analyst").queryParam("from", "2025-11-01").queryParam("to", "2026-03-31").queryParam("productId", ids.get("P1"))
                .get("/api/v1/kpis/cohorts").then().statusCode(400).contentType("application/problem+json");
    }
}
