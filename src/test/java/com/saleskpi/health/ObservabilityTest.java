package com.saleskpi.health;

import static com.saleskpi.testing.Api.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What operators see: request ids, Prometheus metrics for HTTP, KPI statements, exports, imports and the pool. */
@QuarkusTest
class ObservabilityTest {

    @Test
    void requestsCarryAnIdAndMetricsCoverKpisExportsAndTheDatabasePool() {
        admin().header("X-Request-Id", "trace-me-42").get("/api/v1/teams").then().header("X-Request-Id", equalTo("trace-me-42"));
        admin().header("X-Request-Id", "bad id with spaces").get("/api/v1/teams").then()
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));

        admin().queryParam("kpi", "revenue").queryParam("preset", "LAST_30_DAYS").get("/api/v1/kpis/snapshot").then().statusCode(200);
        admin().accept("text/csv").get("/api/v1/channels").then().statusCode(200);
        admin().contentType("text/csv").body("externalRef,name,segment\nobs-1,Observed,SMB\n").post("/api/v1/import/accounts")
                .then().statusCode(200);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("saleskpi_kpi_statement_seconds_count{source=\"REVENUE_ROLLUP\"}"))
                .body(containsString("saleskpi_export_rows_total"))
                .body(containsString("saleskpi_import_rows_total{collection=\"accounts\",outcome=\"created\"}"))
                .body(containsString("sql_pool_active"));
    }
}
