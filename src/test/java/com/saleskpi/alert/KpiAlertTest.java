package com.saleskpi.alert;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;
import com.saleskpi.testing.Fixtures;
import com.saleskpi.testing.GraphQLSocket;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A rule "revenue of one rep in March 2018 above 300" over orders of 180 each (2 x 100, 10 % off), worked out by hand:
 * the first order (180) leaves it quiet, the second (360) fires it once, as a kpi.alert webhook and a kpiAlerts push;
 * the third (540) is the same crossing, and fires nothing.
 */
@QuarkusTest
class KpiAlertTest {

    @Test
    void aRuleFiresOncePerCrossingAsAWebhookAndAPush() throws Exception {
        BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/alerts", exchange -> {
            delivered.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String endpoint = admin().body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts", "events",
                List.of("kpi.alert"))).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        String rep = Fixtures.create("/api/v1/reps", Fixtures.repBody());
        String id = null;
        try (GraphQLSocket socket = GraphQLSocket.open(Api.token("alert-analyst", "analyst"))) {
            assertEquals("connection_ack", socket.next(10).getString("type"));
            socket.subscribe("1", "subscription { kpiAlerts { ruleName kpi value previousValue state condition } }", Map.of());

            JsonPath rule = as("alert-analyst", "analyst").body(Map.of("name", "Rep above 300 in March", "kpi", "revenue",
                    "filter", Map.of("repIds", List.of(rep)), "period", Map.of("from", "2018-03-01", "to", "2018-03-31"),
                    "condition", "ABOVE", "threshold", 300, "cooldownSeconds", 0)).post("/api/v1/kpi-alerts").then().statusCode(201)
                    .body("state", equalTo("NOT_MET")).extract().jsonPath();
            id = rule.getString("id");

            order(rep);
            waitForValue(id, "180.000000");
            assertEquals(0, firings(id).size(), "180 is not above 300");

            order(rep);
            JsonPath pushed = socket.next(15);
            assertNotNull(pushed, "a push when the rule fires");
            assertEquals("MET", pushed.getString("payload.data.kpiAlerts.state"), pushed.prettify());
            assertEquals(360.0, pushed.getDouble("payload.data.kpiAlerts.value"));
            assertEquals(180.0, pushed.getDouble("payload.data.kpiAlerts.previousValue"));
            String webhook = delivered.poll(15, TimeUnit.SECONDS);
            assertNotNull(webhook, "a kpi.alert delivery");
            assertEquals("kpi.alert", JsonPath.from(webhook).getString("type"));
            assertEquals(id, JsonPath.from(webhook).getString("data.ruleId"));

            order(rep);
            waitForValue(id, "540.000000");
            assertEquals(1, firings(id).size(), "540 is the same crossing");
            assertNull(socket.next(2));
        } finally {
            // a rule left behind would be evaluated after every commit of the tests that follow
            if (id != null) {
                admin().delete("/api/v1/kpi-alerts/" + id).then().statusCode(204);
            }
            admin().delete("/api/v1/webhooks/" + endpoint).then().statusCode(204);
            receiver.stop(0);
        }
    }

    @Test
    void rulesAreForAdminsAndAnalystsAndBadOnesAreRefused() {
        Map<String, Object> period = Map.of("preset", "THIS_QUARTER");
        as("alert-rep", "sales-rep").body(Map.of("name", "x", "kpi", "revenue", "period", period, "condition", "ABOVE", "threshold", 1))
                .post("/api/v1/kpi-alerts").then().statusCode(403);
        admin().body(Map.of("name", "x", "period", period, "condition", "ABOVE", "threshold", 1)).post("/api/v1/kpi-alerts").then()
                .statusCode(422).body("errors[0].field", equalTo("kpi"));
        admin().body(Map.of("name", "x", "kpi", "no_such_kpi", "period", period, "condition", "ABOVE", "threshold", 1))
                .post("/api/v1/kpi-alerts").then().statusCode(400).contentType("application/problem+json");
        admin().body(Map.of("name", "x", "kpi", "revenue", "period", period, "condition", "SIDEWAYS", "threshold", 1))
                .post("/api/v1/kpi-alerts").then().statusCode(400);
        admin().get("/api/v1/kpi-alerts/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    private static void order(String rep) {
        Map<String, Object> order = Fixtures.orderBody();
        order.put("repId", rep);
        order.put("orderedOn", "2018-03-10");
        Fixtures.create("/api/v1/orders", order);
    }

    private static List<Object> firings(String rule) {
        return admin().get("/api/v1/kpi-alerts/" + rule + "/firings").then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** The rule's evaluation after a commit runs in the background: until it has seen the value. */
    private static void waitForValue(String rule, String value) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Object seen = admin().get("/api/v1/kpi-alerts/" + rule).then().statusCode(200).extract().path("value");
            if (seen != null && new java.math.BigDecimal(seen.toString()).compareTo(new java.math.BigDecimal(value)) == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the rule never saw " + value);
    }
}
