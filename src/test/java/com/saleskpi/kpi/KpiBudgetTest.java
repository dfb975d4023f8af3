package com.saleskpi.kpi;

import static com.saleskpi.testing.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;

import io.quarkus.test.junit.QuarkusTest;

/** KPI work is priced before it runs; a request over the budget is refused without running a statement. */
@QuarkusTest
class KpiBudgetTest {

    private static final List<String> ALL = List.copyOf(KpiCatalogue.ALL.keySet());

    @Test
    void theCostIsKpisTimesBucketsTimesMembersTimesFactSources() {
        // worked by hand: 3 KPIs, 12 monthly buckets, a breakdown (25 members), 2 fact sources
        assertEquals(1800, KpiBudget.cost(3, 12, true, 2));
        // a snapshot of 103 KPIs compared with the previous period (2 buckets), from 12 fact sources
        assertEquals(2472, KpiBudget.cost(103, 2, false, 12));
    }

    @Test
    void aRestRequestOverTheBudgetIsRefusedWithItsCost() {
        // 103 KPIs x 730 days x at least 2 fact sources is far over 100,000 units
        admin().queryParam("kpi", ALL.toArray()).queryParam("from", "2025-01-01").queryParam("to", "2026-12-31")
                .queryParam("granularity", "DAY").get("/api/v1/kpis/series").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:saleskpi:problem:request-too-costly"))
                .body("detail", containsString("at most 100000"));
    }

    @Test
    void graphQlAliasesAddUpToOneRequestsCost() {
        // 60 different questions (the same one asked 60 times is computed once, and costs once)
        StringBuilder query = new StringBuilder("query($kpis: [String!]!) {");
        for (int i = 0; i < 60; i++) {
            query.append(" a").append(i).append(": kpiSnapshot(kpis: $kpis, period: {from: \"")
                    .append(java.time.LocalDate.of(2025, 1, 1).plusDays(i)).append("\", to: \"2025-12-31\"},")
                    .append(" compareTo: PREVIOUS_PERIOD) { values { kpi value } }");
        }
        query.append(" }");
        String answer = Api.admin().body(java.util.Map.of("query", query.toString(), "variables", java.util.Map.of("kpis", ALL)))
                .post("/graphql").then().statusCode(200).extract().asString();
        assertTrue(answer.contains("units of KPI work") && answer.contains("\"code\":\"BAD_USER_INPUT\""),
                answer.substring(0, Math.min(answer.length(), 500)));
    }

    @Test
    void anOrdinaryDashboardFitsTheBudget() {
        admin().queryParam("kpi", ALL.toArray()).queryParam("preset", "LAST_12_MONTHS").queryParam("compareTo", "PREVIOUS_PERIOD")
                .get("/api/v1/kpis/snapshot").then().statusCode(200);
    }
}
