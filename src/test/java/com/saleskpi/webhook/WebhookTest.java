package com.saleskpi.webhook;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Fixtures;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * Deliveries to a real HTTP receiver on 127.0.0.1 (test profile: private targets allowed, 3 attempts 200 ms apart at
 * first): signed as Standard Webhooks says, one per commit in commit order per record, none for a rollback, retried
 * then dead-lettered, and sent again on request.
 */
@QuarkusTest
class WebhookTest {

    record Received(String id, String timestamp, String signature, String body) {
    }

    @Inject
    Pool pool;

    HttpServer receiver;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final AtomicInteger answer = new AtomicInteger(204);
    final List<String> endpoints = new ArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = answer.get();
            if (status / 100 == 2) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"), exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"), new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        endpoints.forEach(id -> admin().delete("/api/v1/webhooks/" + id).then().statusCode(204));
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private JsonPath register(Map<String, Object> endpoint) {
        JsonPath created = admin().body(endpoint).post("/api/v1/webhooks").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/webhooks/")).header("ETag", org.hamcrest.Matchers.notNullValue())
                .body("secret", startsWith("whsec_")).extract().jsonPath();
        endpoints.add(created.getString("id"));
        return created;
    }

    @Test
    void eachCommitIsDeliveredSignedInCommitOrderAndARollbackNever() throws Exception {
        JsonPath endpoint = register(Map.of("url", url(), "events", List.of("opportunity.created", "opportunity.updated", "opportunity.deleted")));
        String secret = endpoint.getString("secret");
        admin().get("/api/v1/webhooks/" + endpoint.getString("id")).then().statusCode(200).body("secret", equalTo(null))
                .body("events", hasItem("opportunity.updated"));

        String deal = Fixtures.create("/api/v1/opportunities", Fixtures.opportunityBody());
        admin().contentType("application/merge-patch+json").body(Map.of("stage", "QUALIFICATION")).patch("/api/v1/opportunities/" + deal)
                .then().statusCode(200);
        admin().delete("/api/v1/opportunities/" + deal).then().statusCode(204);
        // a transaction that rolls back: its delivery goes with it
        pool.withTransaction(connection -> connection.query("update opportunity set name = name || ' (renamed)' where id = '" + deal + "'")
                .execute().chain(() -> io.smallrye.mutiny.Uni.createFrom().failure(new IllegalStateException("rolled back"))))
                .onFailure().recoverWithNull().await().indefinitely();

        List<String> types = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Received delivery = received.poll(20, TimeUnit.SECONDS);
            assertNotNull(delivery, "delivery " + (i + 1) + " of 3");
            assertEquals(delivery.signature(), sign(secret, delivery.id() + "." + delivery.timestamp() + "." + delivery.body()),
                    "webhook-signature is v1, and the HMAC of id.timestamp.body");
            assertTrue(Math.abs(Long.parseLong(delivery.timestamp()) - System.currentTimeMillis() / 1000) < 60);
            JsonPath body = JsonPath.from(delivery.body());
            assertEquals(deal, body.getString("data.id"));
            types.add(body.getString("type"));
        }
        assertEquals(List.of("opportunity.created", "opportunity.updated", "opportunity.deleted"), types);
        assertNull(received.poll(2, TimeUnit.SECONDS), "nothing for the rollback");
        admin().get("/api/v1/webhooks/" + endpoint.getString("id") + "/deliveries?status=DELIVERED").then().statusCode(200)
                .body("size()", equalTo(3)).body("[0].type", equalTo("opportunity.deleted")).body("[0].attempts", equalTo(1));
    }

    @Test
    void aFilterDeliversOnlyTheRecordsThatContainIt() throws Exception {
        register(Map.of("url", url(), "events", List.of("opportunity.created"), "filter", Map.of("stage", "CLOSED_WON")));
        Map<String, Object> open = Fixtures.opportunityBody();
        Fixtures.create("/api/v1/opportunities", open);
        Map<String, Object> won = Fixtures.opportunityBody();
        won.put("stage", "CLOSED_WON");
        won.put("closedOn", "2026-02-15");
        String wonId = Fixtures.create("/api/v1/opportunities", won);
        Received delivery = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(delivery);
        assertEquals(wonId, JsonPath.from(delivery.body()).getString("data.id"));
        assertNull(received.poll(2, TimeUnit.SECONDS));
    }

    @Test
    void aFailingReceiverGetsRetriesThenTheDeadLetterListThenARedelivery() throws Exception {
        answer.set(503);
        String endpoint = register(Map.of("url", url(), "events", List.of("account.created"))).getString("id");
        Fixtures.create("/api/v1/accounts", Fixtures.accountBody());
        JsonPath dead = null;
        for (int i = 0; i < 100 && dead == null; i++) {
            Thread.sleep(200);
            JsonPath log = admin().get("/api/v1/webhooks/" + endpoint + "/deliveries?status=DEAD").then().statusCode(200).extract().jsonPath();
            dead = log.getList("$").isEmpty() ? null : log;
        }
        assertNotNull(dead, "dead-lettered after its attempts");
        assertEquals(3, dead.getInt("[0].attempts"));
        assertEquals(503, dead.getInt("[0].lastStatus"));

        answer.set(200);
        admin().post("/api/v1/webhooks/" + endpoint + "/deliveries/" + dead.getLong("[0].id") + "/redeliver").then().statusCode(202)
                .body("status", equalTo("PENDING"));
        Received delivery = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(delivery);
        assertEquals(dead.getString("[0].eventId"), delivery.id(), "the same webhook-id on every attempt");
    }

    @Test
    void onlyAdminsRegisterAndBadEndpointsAreRefused() {
        as("webhook-rep", "sales-rep").body(Map.of("url", url(), "events", List.of("lead.created"))).post("/api/v1/webhooks").then()
                .statusCode(403);
        admin().body(Map.of("url", url(), "events", List.of("lead.exploded"))).post("/api/v1/webhooks").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("events"));
        admin().body(Map.of("url", "ftp://example.com/x", "events", List.of("lead.created"))).post("/api/v1/webhooks").then().statusCode(422)
                .body("errors[0].field", equalTo("url"));
        admin().body(Map.of("url", url(), "events", List.of())).post("/api/v1/webhooks").then().statusCode(422);
        admin().body("[1]").post("/api/v1/webhooks").then().statusCode(400);
        admin().get("/api/v1/webhooks/events").then().statusCode(200).body("$", hasItem("sales_rep.deleted")).body("$", hasItem("kpi.alert"));
        admin().get("/api/v1/webhooks/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aRetriedRegistrationRegistersOnce() {
        Map<String, Object> endpoint = Map.of("url", url(), "events", List.of("team.created"));
        String key = com.saleskpi.testing.Api.unique("hook");
        JsonPath first = admin().header("Idempotency-Key", key).body(endpoint).post("/api/v1/webhooks").then().statusCode(201)
                .extract().jsonPath();
        endpoints.add(first.getString("id"));
        admin().header("Idempotency-Key", key).body(endpoint).post("/api/v1/webhooks").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first.getString("id"))).body("secret", equalTo(first.getString("secret")));
        admin().get("/api/v1/webhooks").then().statusCode(200).body("findAll { it.id == '" + first.getString("id") + "' }.size()", equalTo(1));
    }

    @Test
    void privateTargetsAreRefusedUnlessAllowed() throws Exception {
        assertNotNull(WebhookTargets.refusal("http://127.0.0.1:8080/x", false));
        assertNotNull(WebhookTargets.refusal("http://10.1.2.3/x", false));
        assertNotNull(WebhookTargets.refusal("http://169.254.169.254/latest/meta-data", false));
        assertNotNull(WebhookTargets.refusal("http://[::1]/x", false));
        assertNotNull(WebhookTargets.refusal("http://[fd00::1]/x", false));
        assertNull(WebhookTargets.refusal("http://127.0.0.1:8080/x", true));
        assertNull(WebhookTargets.refusal("https://93.184.215.14/x", false));
    }

    private static String sign(String secret, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
