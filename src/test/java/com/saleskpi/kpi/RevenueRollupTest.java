package com.saleskpi.kpi;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Fixtures.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;
import com.saleskpi.testing.Fixtures;
import com.saleskpi.testing.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * The revenue rollup (revenue_daily) stays equal to the order lines it sums after every kind of write through the
 * API, and revenue KPIs read from it give the same numbers as from the base tables.
 */
@QuarkusTest
class RevenueRollupTest {

    private static final String FROM_BASE_TABLES = """
            select o.ordered_on, o.rep_id, o.territory_id, o.channel_id, l.product_id, sum(l.net_amount), sum(l.quantity), count(*)
            from order_line l join sales_order o on o.id = l.order_id where o.status <> 'CANCELLED' group by 1, 2, 3, 4, 5""";
    private static final String ROLLUP = "select day, rep_id, territory_id, channel_id, product_id, net_amount, quantity, lines from revenue_daily";

    @Inject
    Pool pool;

    @Test
    void theRollupEqualsTheOrderLinesAfterEveryKindOfWrite() {
        String rep = create("/api/v1/reps", Fixtures.repBody());
        String otherProduct = create("/api/v1/products", Fixtures.productBody());
        Map<String, Object> order = Fixtures.orderBody();
        order.put("repId", rep);
        order.put("lines", List.of(line(order, 0, 2, 100), Fixtures.map("productId", otherProduct, "quantity", 1, "unitPrice", 40,
                "discountPercent", 0)));
        String id = create("/api/v1/orders", order);
        assertNoDrift("after the create");
        assertRevenue(rep, "220.0000", "2 x 100 at 10 % off + 40, on 2026-02-10");

        patch(id, Map.of("status", "CANCELLED"));
        assertNoDrift("after cancelling");
        assertRevenue(rep, "0", "a cancelled order has no revenue");

        patch(id, Map.of("status", "FULFILLED", "orderedOn", "2026-03-05",
                "lines", List.of(Fixtures.map("productId", otherProduct, "quantity", 3, "unitPrice", 10, "discountPercent", 50))));
        assertNoDrift("after moving the day and replacing the lines");
        assertRevenue(rep, "15.0000", "3 x 10 at 50 % off");

        String ref = Api.unique("rollup");
        String ndjson = "{\"externalRef\":\"" + ref + "\",\"accountId\":\"" + order.get("accountId") + "\",\"repId\":\"" + rep
                + "\",\"status\":\"PLACED\",\"orderedOn\":\"2026-03-06\",\"currency\":\"EUR\",\"lines\":[{\"productId\":\""
                + otherProduct + "\",\"quantity\":1,\"unitPrice\":1000,\"discountPercent\":0}]}\n";
        admin().contentType("application/x-ndjson").body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/import/orders").then().statusCode(200);
        assertNoDrift("after an import");
        assertRevenue(rep, "1015.0000", "the imported order adds 1000");

        admin().delete("/api/v1/orders/" + id).then().statusCode(204);
        assertNoDrift("after the delete");
        assertRevenue(rep, "1000.0000", "only the imported order is left");

        // the statements without a segment were answered by the rollup, the others by the order lines
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("saleskpi_kpi_statement_seconds_count{source=\"REVENUE_DAILY\"}"), "revenue read from the rollup");
        assertTrue(metrics.contains("saleskpi_kpi_statement_seconds_count{source=\"ORDER_LINES\"}"), "revenue by segment from the lines");
    }

    private static Map<String, Object> line(Map<String, Object> order, int index, int quantity, int unitPrice) {
        @SuppressWarnings("unchecked")
        Map<String, Object> template = ((List<Map<String, Object>>) order.get("lines")).get(index);
        return Fixtures.map("productId", template.get("productId"), "quantity", quantity, "unitPrice", unitPrice, "discountPercent", 10);
    }

    private static void patch(String id, Map<String, Object> changes) {
        admin().contentType("application/merge-patch+json").body(changes).patch("/api/v1/orders/" + id).then().statusCode(200);
    }

    private void assertNoDrift(String when) {
        long drift = pool.query("select count(*) from ((" + ROLLUP + " except all " + FROM_BASE_TABLES + ") union all ("
                + FROM_BASE_TABLES + " except all " + ROLLUP + ")) drift").execute().await().indefinitely().iterator().next().getLong(0);
        assertEquals(0, drift, "rows where revenue_daily differs from the order lines " + when);
    }

    /** Revenue of the rep in 2026, from the rollup (no segment in the filter) and from the base tables (a segment filter). */
    private void assertRevenue(String rep, String expected, String why) {
        BigDecimal fromSql = pool.preparedQuery("select coalesce(sum(l.net_amount), 0) from order_line l join sales_order o on o.id = l.order_id"
                + " where o.rep_id = $1 and o.status <> 'CANCELLED' and o.ordered_on between '2026-01-01' and '2026-12-31'")
                .execute(Tuple.of(UUID.fromString(rep))).await().indefinitely().iterator().next().getBigDecimal(0);
        assertEquals(0, new BigDecimal(expected).compareTo(fromSql), why + " (base tables)");
        for (String segments : List.of("", ", segments: [\"MID_MARKET\"]")) {
            JsonPath answer = GraphQL.query("""
                    query($rep: [String]) {
                      kpiSnapshot(kpis: ["revenue"], filter: { repIds: $rep %s }, period: { from: "2026-01-01", to: "2026-12-31" }) {
                        values { value }
                      }
                    }""".formatted(segments), Map.of("rep", List.of(rep)));
            assertNull(answer.get("errors"));
            assertEquals(0, new BigDecimal(expected).compareTo(answer.getObject("data.kpiSnapshot.values[0].value", BigDecimal.class)),
                    why + (segments.isEmpty() ? " (rollup)" : " (base tables, segment filter)"));
        }
    }
}
