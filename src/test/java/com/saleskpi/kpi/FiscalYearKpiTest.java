package com.saleskpi.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;
import com.saleskpi.testing.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * A company whose fiscal year starts in April, on the fixture of KpiCatalogueTest (team T's revenue: January 405,
 * February 120, March 400, April 50, nothing in May and June 2026).
 */
@QuarkusTest
@TestProfile(FiscalYearKpiTest.FiscalYearFromApril.class)
class FiscalYearKpiTest {

    public static class FiscalYearFromApril implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("saleskpi.kpi.fiscal-year-start-month", "4");
        }
    }

    @Inject
    Pool pool;

    Map<String, String> ids;

    @BeforeEach
    void fixture() {
        ids = KpiFixture.load(pool);
    }

    private JsonPath series(String granularity) {
        JsonPath answer = GraphQL.query("""
                query($filter: KpiFilterInput) { kpiSeries(kpis: ["revenue"], filter: $filter,
                  period: { from: "2026-01-01", to: "2026-06-30" }, granularity: %s) {
                  points { label bucketStart bucketEnd partial value } } }""".formatted(granularity),
                Map.of("filter", Map.of("teamIds", List.of(ids.get("T")))));
        assertNull(answer.get("errors"), () -> "errors: " + answer.get("errors"));
        return answer;
    }

    @Test
    void quarterBucketsAreFiscalQuarters() {
        JsonPath answer = series("QUARTER");
        // January to March 2026 is the last quarter of FY2026 (405 + 120 + 400); April to June the first of FY2027 (50)
        assertEquals(List.of("FY2026 Q4", "FY2027 Q1"), answer.getList("data.kpiSeries[0].points.label"));
        assertEquals(List.of("2026-01-01", "2026-04-01"), answer.getList("data.kpiSeries[0].points.bucketStart"));
        assertEquals(List.of("2026-03-31", "2026-06-30"), answer.getList("data.kpiSeries[0].points.bucketEnd"));
        assertEquals(List.of(false, false), answer.getList("data.kpiSeries[0].points.partial"));
        assertEquals(List.of(925.0, 50.0), answer.getList("data.kpiSeries[0].points.value", Double.class));
    }

    @Test
    void yearBucketsAreFiscalYearsCutByThePeriod() {
        JsonPath answer = series("YEAR");
        assertEquals(List.of("FY2026", "FY2027"), answer.getList("data.kpiSeries[0].points.label"));
        assertEquals(List.of("2026-03-31", "2026-06-30"), answer.getList("data.kpiSeries[0].points.bucketEnd"));
        assertEquals(List.of(true, true), answer.getList("data.kpiSeries[0].points.partial"));
        assertEquals(List.of(925.0, 50.0), answer.getList("data.kpiSeries[0].points.value", Double.class));
    }

    @Test
    void quarterAndYearPresetsAreFiscal() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // April-based quarters begin in January, April, July and October; the fiscal year on April 1
        LocalDate quarterStart = today.withDayOfMonth(1).minusMonths((today.getMonthValue() - 1) % 3);
        LocalDate yearStart = LocalDate.of(today.getMonthValue() >= 4 ? today.getYear() : today.getYear() - 1, 4, 1);
        assertEquals(List.of(quarterStart.minusMonths(3).toString(), quarterStart.minusDays(1).toString()), period("LAST_QUARTER"));
        assertEquals(List.of(yearStart.toString(), today.toString()), period("YEAR_TO_DATE"));
        assertEquals(List.of(yearStart.minusYears(1).toString(), yearStart.minusDays(1).toString()), period("LAST_YEAR"));
    }

    private static List<String> period(String preset) {
        JsonPath answer = Api.admin().queryParam("kpi", "revenue").queryParam("preset", preset).get("/api/v1/kpis/snapshot")
                .then().statusCode(200).extract().jsonPath();
        return List.of(answer.getString("period.from"), answer.getString("period.to"));
    }
}
