package com.saleskpi.kpi;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;
import com.saleskpi.testing.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * KPIs defined through the API, over kpi-fixture.sql (Q1 2026), with the values worked out by hand beside each: they
 * are answered like the built-in ones, within their fixed filter and the caller's scope, and a definition that could
 * not be computed is refused naming the field at fault.
 */
@QuarkusTest
class CustomKpiTest {

    private static final String SNAPSHOT = """
            query($kpis: [String!]!, $filter: KpiFilterInput, $period: KpiPeriodInput!) {
              kpiSnapshot(kpis: $kpis, filter: $filter, period: $period) { values { kpi unit value } }
            }""";
    private static final Map<String, Object> Q1 = Map.of("from", "2026-01-01", "to", "2026-03-31");

    @Inject
    Pool pool;

    Map<String, String> ids;

    @BeforeEach
    void loadFixture() {
        ids = KpiFixture.load(pool);
    }

    @Test
    void aCustomKpiIsAnsweredLikeABuiltInWithinItsFixedFilterAndTheCallersScope() {
        String suffix = Api.unique("k").substring(2);
        String p1Revenue = "p1_revenue_" + suffix;
        String wonShare = "won_share_" + suffix;
        // the analyst defines them; a rep may not
        as("custom-kpi-rep", "sales-rep").body(kpi(wonShare, "deals_won / (deals_won + deals_lost) * 100", "SCORE", null))
                .post("/api/v1/custom-kpis").then().statusCode(403);
        String wonShareId = as("kpi-analyst", "analyst").body(kpi(wonShare, "deals_won / (deals_won + deals_lost) * 100", "SCORE", null))
                .post("/api/v1/custom-kpis").then().statusCode(201).body("version", equalTo(0)).extract().path("id");
        // stored as answered, found by part of its name as on every collection
        admin().get("/api/v1/custom-kpis/" + wonShareId).then().statusCode(200).body("version", equalTo(0)).header("ETag", "\"0\"");
        admin().queryParam("name", "SHARE_" + suffix).get("/api/v1/custom-kpis").then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.contains(wonShare));
        as("kpi-analyst", "analyst").body(kpi(p1Revenue, "revenue", "CURRENCY", Map.of("productIds", List.of(ids.get("P1")))))
                .post("/api/v1/custom-kpis").then().statusCode(201);

        String smbWinRate = "smb_win_rate_" + suffix;
        admin().body(kpi(smbWinRate, "deals_won / (deals_won + deals_lost)", "RATIO", Map.of("segments", List.of("SMB"))))
                .post("/api/v1/custom-kpis").then().statusCode(201);

        // the dimensions the articles break down by, as fixed filters: web leads (lead 3, lead 4), calls (X1, X7, X10), Software's
        // win rate (D1, D2, D3 won)
        String webLeads = "web_leads_" + suffix;
        String calls = "calls_" + suffix;
        String softwareWins = "software_win_rate_" + suffix;
        admin().body(kpi(webLeads, "leads", "COUNT", Map.of("leadSources", List.of("WEB")))).post("/api/v1/custom-kpis").then().statusCode(201);
        admin().body(kpi(calls, "activities", "COUNT", Map.of("activityTypes", List.of("CALL")))).post("/api/v1/custom-kpis").then()
                .statusCode(201);
        admin().body(kpi(softwareWins, "deals_won / (deals_won + deals_lost)", "RATIO", Map.of("industries", List.of("Software"))))
                .post("/api/v1/custom-kpis").then().statusCode(201);
        assertEquals(Map.of(webLeads, 2.0, calls, 3.0, softwareWins, 1.0), values(GraphQL.query(SNAPSHOT,
                variables(List.of(webLeads, calls, softwareWins), Map.of("teamIds", List.of(ids.get("T")))))));
        // a fixed filter on a dimension its measures are not kept by is refused, naming it
        admin().body(kpi("revenue_by_source_" + suffix, "revenue", "CURRENCY", Map.of("leadSources", List.of("WEB"))))
                .post("/api/v1/custom-kpis").then().statusCode(422).body("errors[0].field", equalTo("filter.leadSources"));

        // GraphQL, team T (with T2) in Q1. P1 lines not cancelled: O1 2 x 100, O2 1 x 120, O4 3 x 100 = 620 (O5 cancelled).
        // Deals closed in Q1: D1, D2, D3 won, D4 lost: 3 / 4 x 100 = 75. Of those, with SMB accounts: D3 (A3) won, D4 (A2)
        // lost: 1 / 2 (D1 and D2 are A1's, ENTERPRISE).
        Map<String, Double> team = values(GraphQL.query(SNAPSHOT, variables(List.of(p1Revenue, wonShare, smbWinRate),
                Map.of("teamIds", List.of(ids.get("T"))))));
        assertEquals(Map.of(p1Revenue, 620.0, wonShare, 75.0, smbWinRate, 0.5), team);
        // the request's filter and the fixed one both apply: P2 alone shares no product with P1, so nothing is counted
        assertEquals(Map.of(p1Revenue, 0.0), values(GraphQL.query(SNAPSHOT, variables(List.of(p1Revenue),
                Map.of("productIds", List.of(ids.get("P2")))))));

        // a breakdown by rep: P1 revenue of R1 is O1 200 + O2 120 = 320, of R3 O4 300
        List<Map<String, Object>> rows = admin().queryParam("kpi", p1Revenue).queryParam("by", "REP").queryParam("from", "2026-01-01")
                .queryParam("to", "2026-03-31").queryParam("teamId", ids.get("T")).get("/api/v1/kpis/breakdown").then()
                .statusCode(200).extract().path("[0].rows");
        Map<String, Double> byRep = new HashMap<>();
        rows.forEach(row -> byRep.put((String) row.get("key"), ((Number) row.get("value")).doubleValue()));
        assertEquals(Map.of(ids.get("R1"), 320.0, ids.get("R3"), 300.0), byRep);

        // rep R1 sees their own: P1 revenue 320; deals closed D1, D2 won and D4 lost: 2 / 3 x 100 = 66.67
        String subject = Api.unique("custom-kpi-r1");
        pool.preparedQuery("update sales_rep set external_id = $1 where id = $2::uuid").execute(Tuple.of(subject, ids.get("R1")))
                .await().indefinitely();
        List<Map<String, Object>> mine = Api.asSubject(subject, "sales-rep").queryParam("kpi", p1Revenue, wonShare).queryParam("from", "2026-01-01")
                .queryParam("to", "2026-03-31").get("/api/v1/kpis/snapshot").then().statusCode(200).extract().path("values");
        // JSON numbers are read as floats here: compared as the decimals they print as
        assertEquals("320.0", String.valueOf(mine.get(0).get("value")));
        assertEquals("66.67", String.valueOf(mine.get(1).get("value")));

        // the same as CSV, and in the catalogue with its definition
        String csv = admin().accept("text/csv").queryParam("kpi", p1Revenue).queryParam("from", "2026-01-01").queryParam("to", "2026-03-31")
                .queryParam("teamId", ids.get("T")).get("/api/v1/kpis/snapshot").then().statusCode(200).extract().asString();
        assertTrue(csv.lines().anyMatch(line -> line.startsWith(p1Revenue + ",") && line.contains("620.00")), csv);
        String stored = admin().accept("text/csv").queryParam("name", p1Revenue).get("/api/v1/custom-kpis").then().statusCode(200)
                .extract().asString();
        assertTrue(stored.contains(ids.get("P1")), stored);
        JsonPath catalogue = GraphQL.query("{ kpiCatalogue { name builtIn formula whenEmpty measures { name } fixedFilter { productIds } } }", Map.of());
        Map<String, Object> described = catalogue.getMap("data.kpiCatalogue.find { it.name == '" + wonShare + "' }");
        assertEquals(false, described.get("builtIn"));
        assertEquals("deals_won / (deals_won + deals_lost) x 100", described.get("formula"));
        assertEquals("null when deals_won + deals_lost is 0", described.get("whenEmpty"));
        assertEquals(List.of(ids.get("P1")), catalogue.getList("data.kpiCatalogue.find { it.name == '" + p1Revenue + "' }.fixedFilter.productIds"));
    }

    @Test
    void aDeletedOrRenamedKpiIsA404AndItsChangesReachTheSyncFeed() {
        Instant start = Instant.now().minusSeconds(1);
        String name = "doomed_" + Api.unique("k").substring(2);
        String id = admin().body(kpi(name, "orders", "COUNT", null)).post("/api/v1/custom-kpis").then().statusCode(201).extract().path("id");
        admin().queryParam("kpi", name).queryParam("preset", "LAST_30_DAYS").get("/api/v1/kpis/snapshot").then().statusCode(200);

        String renamed = name + "_renamed";
        admin().contentType("application/merge-patch+json").body(Map.of("name", renamed)).patch("/api/v1/custom-kpis/" + id)
                .then().statusCode(200);
        admin().queryParam("kpi", name).queryParam("preset", "LAST_30_DAYS").get("/api/v1/kpis/snapshot").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString(name));
        admin().queryParam("kpi", renamed).queryParam("preset", "LAST_30_DAYS").get("/api/v1/kpis/snapshot").then().statusCode(200);

        admin().delete("/api/v1/custom-kpis/" + id).then().statusCode(204);
        JsonPath answer = GraphQL.query(SNAPSHOT, variables(List.of(renamed), Map.of()));
        assertEquals("NOT_FOUND", answer.getString("errors[0].extensions.code"), answer.prettify());
        admin().queryParam("kpi", "no_such_kpi_at_all").queryParam("preset", "LAST_30_DAYS").get("/api/v1/kpis/snapshot").then()
                .statusCode(400);

        List<Map<String, Object>> changes = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = admin().queryParam("since", start.toString()).queryParam("limit", 500);
            var feed = (cursor == null ? page : page.queryParam("cursor", cursor)).get("/api/v1/sync/changes").then().statusCode(200)
                    .extract();
            changes.addAll(feed.path("items.findAll { it.collection == 'custom-kpis' }"));
            cursor = feed.path("nextCursor");
        } while (cursor != null);
        assertTrue(changes.stream().anyMatch(change -> "DELETE".equals(change.get("kind")) && id.equals(change.get("id"))), changes.toString());
    }

    @Test
    void aDefinitionThatCannotBeComputedIsRefusedNamingTheField() {
        String name = "refused_" + Api.unique("k").substring(2);
        refused(kpi(name, "revenu / orders", "CURRENCY", null), "formula", "unknown measure 'revenu'");
        refused(kpi(name, "revenue + orders", "CURRENCY", null), "formula", "combines an amount of money (revenue) with a number (orders)");
        refused(kpi(name, "revenue / (orders", "CURRENCY", null), "formula", "')' is missing");
        refused(kpi(name, "revenue ; drop table account", "CURRENCY", null), "formula", "unexpected character at character 9");
        refused(kpi(name, "revenue / orders", "RATIO", null), "unit", "revenue / orders is an amount of money");
        refused(kpi(name, "(1 + 2) / 0", "COUNT", null), "formula", "names no measure");
        refused(kpi(name, "revenue / 1234567890123456", "CURRENCY", null), "formula", "unexpected '6' at character 26");
        refused(kpi("win_rate", "deals_won / deals_lost", "RATIO", null), "name", "built-in KPI");
        refused(kpi(name, "csat_average", "SCORE", Map.of("productIds", List.of(ids.get("P1")))), "filter.productIds", "not kept by PRODUCT");
        refused(kpi(name, "revenue", "CURRENCY", Map.of("segments", List.of("HUGE"))), "filter.segments", "unknown segments [HUGE]");
        admin().get("/api/v1/custom-kpis?name=" + name).then().statusCode(200).body("items.size()", equalTo(0));
        // the measures a formula may name are listed with their units
        admin().get("/api/v1/kpis/measures").then().statusCode(200).body("name", hasItem("deals_won"))
                .body("find { it.name == 'revenue' }.unit", equalTo("CURRENCY"));
    }

    @Test
    void dealsAreHeldToAnAmountRangeByTheRequestAndByACustomKpi() {
        String team = ids.get("T");
        // Deals closed in Q1 by team T: D1 1000 won, D2 500 won, D3 300 won, D4 800 lost.
        // At least 600: bookings D1 1000; win rate of D1, D2 won and D4 lost from 500 up: 2 / 3.
        assertEquals(Map.of("bookings", 1000.0), values(GraphQL.query(SNAPSHOT, variables(List.of("bookings"),
                Map.of("teamIds", List.of(team), "minDealAmount", 600)))));
        assertEquals(Map.of("win_rate", 0.6667), values(GraphQL.query(SNAPSHOT, variables(List.of("win_rate"),
                Map.of("teamIds", List.of(team), "minDealAmount", 500)))));
        // revenue is not computed from deals: the range cannot apply to it
        admin().queryParam("kpi", "revenue").queryParam("minDealAmount", 500).queryParam("preset", "LAST_QUARTER")
                .get("/api/v1/kpis/snapshot").then().statusCode(400).body("errors[0].field", equalTo("filter"))
                .body("errors[0].message", containsString("deal amount"));

        String largeWinRate = "large_win_rate_" + Api.unique("k").substring(2);
        admin().body(kpi(largeWinRate, "deals_won / (deals_won + deals_lost)", "RATIO", Map.of("minDealAmount", 500)))
                .post("/api/v1/custom-kpis").then().statusCode(201);
        assertEquals(Map.of(largeWinRate, 0.6667), values(GraphQL.query(SNAPSHOT, variables(List.of(largeWinRate),
                Map.of("teamIds", List.of(team))))));
        // with the request's own range up to 900 as well: D2 500 won and D4 800 lost, 1 / 2
        assertEquals(Map.of(largeWinRate, 0.5), values(GraphQL.query(SNAPSHOT, variables(List.of(largeWinRate),
                Map.of("teamIds", List.of(team), "maxDealAmount", 900)))));
        refused(kpi("large_revenue_" + Api.unique("k").substring(2), "revenue", "CURRENCY", Map.of("minDealAmount", 500)),
                "filter.minDealAmount", "not computed from opportunities alone");
        refused(kpi("huge_" + Api.unique("k").substring(2), "bookings", "CURRENCY", Map.of("maxDealAmount", new java.math.BigDecimal("1e999999"))),
                "filter.maxDealAmount", "between");
        admin().queryParam("kpi", "bookings").queryParam("minDealAmount", "1e999999").queryParam("preset", "LAST_QUARTER")
                .get("/api/v1/kpis/snapshot").then().statusCode(400).body("errors[0].field", equalTo("minDealAmount"));
    }

    @Test
    void graphQlDefinesAndDeletesKpisWithTheSameChecks() {
        String define = """
                mutation($kpi: CustomKpiInput!) { defineKpi(kpi: $kpi) { name formula numerator denominator builtIn } }""";
        String name = "cost_per_customer_" + Api.unique("k").substring(2);
        Map<String, Object> input = kpi(name, "cost / (new_customers)", "CURRENCY", null);
        JsonPath forbidden = GraphQL.queryAs(as("graphql-rep", "sales-rep"), define, Map.of("kpi", input));
        assertEquals("FORBIDDEN", forbidden.getString("errors[0].extensions.code"), forbidden.prettify());

        JsonPath defined = GraphQL.queryAs(as("graphql-analyst", "analyst"), define, Map.of("kpi", input));
        assertNull(defined.get("errors"), defined.prettify());
        assertEquals("cost / new_customers", defined.getString("data.defineKpi.formula"));
        assertEquals("new_customers", defined.getString("data.defineKpi.denominator"));
        // team T in Q1: costs 600 + 1000 + 200 + 400 = 2200 over 2 new customers (A3, A4) = 1100
        assertEquals(Map.of(name, 1100.0), values(GraphQL.query(SNAPSHOT, variables(List.of(name), Map.of("teamIds", List.of(ids.get("T")))))));

        JsonPath bad = GraphQL.query(define, Map.of("kpi", kpi(name + "_x", "cost / customers", "CURRENCY", null)));
        assertEquals("BAD_USER_INPUT", bad.getString("errors[0].extensions.code"), bad.prettify());
        assertTrue(bad.getString("errors[0].message").contains("formula unknown measure 'customers'"), bad.prettify());
        JsonPath invalid = GraphQL.query(define, Map.of("kpi", kpi("Not A Name", "cost", "CURRENCY", null)));
        assertTrue(invalid.getString("errors[0].message").contains("name must be lower case letters"), invalid.prettify());

        JsonPath deleted = GraphQL.query("mutation($name: String!) { deleteKpi(name: $name) }", Map.of("name", name));
        assertEquals(true, deleted.getBoolean("data.deleteKpi"), deleted.prettify());
        JsonPath gone = GraphQL.query(SNAPSHOT, variables(List.of(name), Map.of()));
        assertEquals("NOT_FOUND", gone.getString("errors[0].extensions.code"), gone.prettify());
    }

    private static void refused(Map<String, Object> body, String field, String message) {
        admin().body(body).post("/api/v1/custom-kpis").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)).body("errors[0].message", containsString(message));
    }

    private static Map<String, Object> kpi(String name, String formula, String unit, Map<String, Object> filter) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "title", "Custom " + name, "unit", unit,
                "direction", "HIGHER_IS_BETTER", "formula", formula));
        if (filter != null) {
            body.put("filter", filter);
        }
        return body;
    }

    private static Map<String, Object> variables(List<String> kpis, Map<String, Object> filter) {
        return Map.of("kpis", kpis, "filter", filter, "period", Q1);
    }

    private static Map<String, Double> values(JsonPath answer) {
        assertNull(answer.get("errors"), () -> "GraphQL errors: " + answer.get("errors"));
        Map<String, Double> values = new HashMap<>();
        List<Map<String, Object>> found = answer.getList("data.kpiSnapshot.values");
        found.forEach(value -> values.put((String) value.get("kpi"), ((Number) value.get("value")).doubleValue()));
        return values;
    }
}
