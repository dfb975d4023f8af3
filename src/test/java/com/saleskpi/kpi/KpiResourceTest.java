package com.saleskpi.kpi;

import static com.saleskpi.testing.Api.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/** The REST mirror of the KPI API for BI tools, on the fixture of KpiCatalogueTest (Q1 2026, team T). */
@QuarkusTest
class KpiResourceTest {

    @Inject
    Pool pool;

    Map<String, String> ids;

    @BeforeEach
    void loadFixture() {
        ids = KpiFixture.load(pool);
    }

    /** Values come rounded by unit: money to the currency's minor unit with its code, ratios to 4 decimals, counts whole. */
    @Test
    void snapshotAsJsonAndCsv() {
        String json = admin().queryParam("kpi", "revenue").queryParam("kpi", "win_rate").queryParam("teamId", ids.get("T"))
                .queryParam("from", "2026-01-01").queryParam("to", "2026-03-31").queryParam("compareTo", "PREVIOUS_PERIOD")
                .get("/api/v1/kpis/snapshot").then().statusCode(200)
                .body("values[0].kpi", equalTo("revenue")).body("values[0].currency", equalTo("EUR"))
                .body("values[1].kpi", equalTo("win_rate")).body("values[1]", not(hasKey("currency")))
                .extract().asString();
        // (925 - 180) / 180 = 4.13888...
        assertTrue(json.contains("\"value\":925.00,\"comparisonValue\":180.00,\"change\":745.00,\"relativeChange\":4.1389"), json);
        assertTrue(json.contains("\"value\":0.7500"), json);

        String csv = admin().accept("text/csv").queryParam("kpi", "revenue").queryParam("kpi", "deals_won")
                .queryParam("teamId", ids.get("T")).queryParam("from", "2026-01-01").queryParam("to", "2026-03-31")
                .get("/api/v1/kpis/snapshot").then().statusCode(200).contentType("text/csv").extract().asString();
        assertEquals(List.of("kpi,unit,currency,from,to,value,comparisonValue,change,relativeChange",
                "revenue,CURRENCY,EUR,2026-01-01,2026-03-31,925.00,,,",
                "deals_won,COUNT,,2026-01-01,2026-03-31,3,,,"), csv.lines().toList());
    }

    @Test
    void seriesAndBreakdownAsCsv() {
        String series = admin().accept("text/csv").queryParam("kpi", "revenue").queryParam("teamId", ids.get("T"))
                .queryParam("from", "2026-01-01").queryParam("to", "2026-03-31").queryParam("granularity", "MONTH")
                .get("/api/v1/kpis/series").then().statusCode(200).extract().asString();
        assertEquals(List.of("kpi,unit,currency,label,bucketStart,bucketEnd,partial,value",
                "revenue,CURRENCY,EUR,2026-01,2026-01-01,2026-01-31,false,405.00",
                "revenue,CURRENCY,EUR,2026-02,2026-02-01,2026-02-28,false,120.00",
                "revenue,CURRENCY,EUR,2026-03,2026-03-01,2026-03-31,false,400.00"), series.lines().toList());

        String breakdown = admin().accept("text/csv").queryParam("kpi", "revenue").queryParam("teamId", ids.get("T"))
                .queryParam("from", "2026-01-01").queryParam("to", "2026-03-31").queryParam("by", "REP")
                .get("/api/v1/kpis/breakdown").then().statusCode(200).extract().asString();
        assertEquals(List.of("kpi,unit,currency,dimension,key,label,value,comparisonValue,change,relativeChange",
                "revenue,CURRENCY,EUR,REP,\"" + ids.get("R1") + "\",\"Rep One\",465.00,,,",
                "revenue,CURRENCY,EUR,REP,\"" + ids.get("R3") + "\",\"Rep Three\",300.00,,,",
                "revenue,CURRENCY,EUR,REP,\"" + ids.get("R2") + "\",\"Rep Two\",160.00,,,"), breakdown.lines().toList());
    }

    @Test
    void bucketsThePeriodCutsAreFlaggedPartial() {
        // February to November by quarter: Q1 from Feb 1 and Q4 to Nov 30 are cut, Q2 and Q3 whole
        List<Boolean> partial = admin().queryParam("kpi", "revenue").queryParam("from", "2026-02-01").queryParam("to", "2026-11-30")
                .queryParam("granularity", "QUARTER").get("/api/v1/kpis/series").then().statusCode(200).extract()
                .path("[0].points.partial");
        assertEquals(List.of(true, false, false, true), partial);
    }

    @Test
    void catalogueAndLeaderboardAsCsv() {
        List<String> catalogue = admin().accept("text/csv").get("/api/v1/kpis/catalogue").then().statusCode(200)
                .contentType("text/csv").extract().asString().lines().toList();
        assertEquals("name,title,unit,currency,decimals,direction,formula,numerator,denominator,periodRule,whenEmpty,dimensions,measures,builtIn,description",
                catalogue.get(0));
        int served = admin().get("/api/v1/kpis/catalogue").then().statusCode(200).extract().path("size()");
        assertEquals(served + 1, catalogue.stream().filter(line -> !line.isBlank()).count() - multiLineCells(catalogue));

        String board = admin().accept("text/csv").queryParam("kpi", "revenue").queryParam("teamId", ids.get("T"))
                .queryParam("from", "2026-01-01").queryParam("to", "2026-03-31").queryParam("size", "1")
                .get("/api/v1/kpis/leaderboard").then().statusCode(200).extract().asString();
        assertEquals(List.of("kpi,unit,currency,dimension,end,rank,key,label,value",
                "revenue,CURRENCY,EUR,REP,TOP,1,\"" + ids.get("R1") + "\",\"Rep One\",465.00",
                "revenue,CURRENCY,EUR,REP,BOTTOM,1,\"" + ids.get("R2") + "\",\"Rep Two\",160.00"), board.lines().toList());
    }

    /** Lines that continue a quoted cell of the line before (none, as no definition spans lines). */
    private static long multiLineCells(List<String> lines) {
        return lines.stream().filter(line -> line.chars().filter(c -> c == '"').count() % 2 == 1).count() / 2;
    }

    @Test
    void badRequestsAreProblems() {
        admin().queryParam("from", "2026-01-01").queryParam("to", "2026-03-31").get("/api/v1/kpis/snapshot")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("kpi"));
        // the REST parameter is named, as the request named it
        admin().queryParam("kpi", "happiness").queryParam("from", "2026-01-01").queryParam("to", "2026-03-31")
                .get("/api/v1/kpis/snapshot").then().statusCode(400).body("errors.field", org.hamcrest.Matchers.contains("kpi"))
                .body("detail", org.hamcrest.Matchers.containsString("'kpi'"));
        admin().queryParam("kpi", "revenue").queryParam("from", "2026-01-01").queryParam("to", "2026-03-31")
                .queryParam("granularity", "FORTNIGHT").get("/api/v1/kpis/series")
                .then().statusCode(400).body("errors.field", hasItem("granularity"));
        admin().queryParam("kpi", "nps").queryParam("from", "2026-01-01").queryParam("to", "2026-03-31")
                .queryParam("by", "PRODUCT").get("/api/v1/kpis/breakdown").then().statusCode(400).body("errors.field", hasItem("by"));
        given().queryParam("kpi", "revenue").queryParam("preset", "THIS_MONTH").get("/api/v1/kpis/snapshot").then().statusCode(401);
    }
}
